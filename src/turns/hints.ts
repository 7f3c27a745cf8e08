import type { SpeakerHint } from './types.js'

/**
 * One hint a person: those with roles first (a feed's `podcast:person`, `--hosts`, `--guests`),
 * then names from elsewhere (feeds.json, `--speakers`) that are not among them, case aside.
 *
 * @example
 * mergeHints([{ name: 'Jordan Schneider', role: 'host' }], ['jordan schneider', 'Chris Miller'])
 * // [{ name: 'Jordan Schneider', role: 'host' }, { name: 'Chris Miller' }]
 */
export const mergeHints = (withRoles: readonly SpeakerHint[], names: readonly string[]): SpeakerHint[] => {
  const hints = [...withRoles]
  const known = new Set(hints.map((h) => h.name.toLowerCase()))
  for (const name of names) {
    if (known.has(name.toLowerCase())) continue
    known.add(name.toLowerCase())
    hints.push({ name })
  }
  return hints
}
