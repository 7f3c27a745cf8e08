// Loads the seed gold and rebuilds its turns; fails loudly if the turn text drifted from what was annotated.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import type { Gold } from '../eval/score.js'
import { buildSeedEpisode, type SeedEpisode } from './seed-turns.js'

export const GOLD_PATH = new URL('../../../fixtures/gold/seed-gold.json', import.meta.url)

export const loadSeedGold = (): { gold: Gold; episode: SeedEpisode } => {
  const gold = JSON.parse(readFileSync(GOLD_PATH, 'utf8')) as Gold
  const episode = buildSeedEpisode()
  const sha = createHash('sha256').update(episode.turns.map((t) => `${t.speakerId}\t${t.text}`).join('\n')).digest('hex')
  if (sha !== gold.turnsSha256) throw new Error(`${GOLD_PATH.pathname}: the seed turns no longer match the annotated text (sha ${sha})`)
  return { gold, episode }
}
