import { VARIABLES } from './variables.js'

export interface ConfigRow {
  variable: string
  default: string
  description: string
}

/** Every environment variable podpipe reads, in documentation order: the source of the README table and `--help`. */
export const describeConfig = (): ConfigRow[] =>
  Object.values(VARIABLES).map((spec) => ({ variable: spec.variable, default: spec.shown, description: spec.description }))

/** describeConfig() as a Markdown table, for the README. */
export const configMarkdownTable = (rows: readonly ConfigRow[] = describeConfig()): string => {
  const cell = (s: string) => s.replace(/\|/g, '\\|')
  return [
    '| Variable | Default | Description |',
    '| --- | --- | --- |',
    ...rows.map((r) => `| \`${r.variable}\` | ${cell(r.default)} | ${cell(r.description)} |`),
  ].join('\n')
}
