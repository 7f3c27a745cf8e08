import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

// Folders depend one way: src ← workers ← pipelines (the command in src/cli starts pipelines).
const ROOT = new URL('..', import.meta.url).pathname

const sources = (dir: string): string[] =>
  readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => relative(ROOT, join(e.parentPath, e.name)))

const importsOf = (file: string): string[] =>
  [...readFileSync(join(ROOT, file), 'utf8').matchAll(/(?:from|import\()\s*'([^']+)'/g)].map((m) => m[1]!)

const offending = (files: string[], forbidden: RegExp): string[] =>
  files.flatMap((f) => importsOf(f).filter((spec) => spec.startsWith('.') && forbidden.test(spec)).map((spec) => `${f} → ${spec}`))

describe('folder layering', () => {
  it('keeps src/ (but the command in src/cli) free of pipelines/ and workers/', () => {
    const files = sources('src').filter((f) => !f.startsWith('src/cli/') && f !== 'src/cli.ts')
    expect(offending(files, /(^|\/)(pipelines|workers)\//)).toEqual([])
  })

  it('keeps workers/ free of pipelines/', () => {
    expect(offending(sources('workers'), /(^|\/)pipelines\//)).toEqual([])
  })

  it.each([
    { id: 'worker importing pipelines', filePath: 'workers/x.ts', code: "import { STAGES } from '../pipelines/ingest.js'\nexport const y = STAGES\n" },
    { id: 'stage plumbing importing workers', filePath: 'src/stage/x.ts', code: "import { feedsStage } from '../../workers/feeds.js'\nexport const y = feedsStage\n" },
    { id: 'core importing stage plumbing', filePath: 'src/analyze/x.ts', code: "import { handOff } from '../stage/index.js'\nexport const y = handOff\n" },
  ])('has a lint rule that refuses a $id', async ({ filePath, code }) => {
    const [result] = await new ESLint({ cwd: ROOT }).lintText(code, { filePath: join(ROOT, filePath) })
    expect(result?.messages.map((m) => m.ruleId)).toContain('no-restricted-imports')
  })
})
