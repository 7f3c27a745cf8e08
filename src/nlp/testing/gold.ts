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

interface ExtraFile {
  episodeDate: string
  speakers: SeedEpisode['speakers']
  turns: Array<{ speakerId: string; text: string }>
  labels: Array<[number, string, string?]>
  entities: Gold['entities']
}

const KINDS = { F: 'factual', P: 'predictive', R: 'prescriptive' } as const

/** Sentence spans by full stops and question marks only: the hand-written extra text has no abbreviations. */
const naiveSentences = (text: string): Array<[number, number]> => {
  const out: Array<[number, number]> = []
  const re = /[^.?!]+[.?!]+/g
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const lead = m[0].length - m[0].trimStart().length
    out.push([m.index + lead, m.index + m[0].length])
  }
  return out
}

/** The second, hand-written held-out set (fixtures/gold/extra-gold.json) as turns and gold. */
export const loadExtraGold = (): { gold: Gold; episode: SeedEpisode } => {
  const raw = JSON.parse(readFileSync(new URL('../../../fixtures/gold/extra-gold.json', import.meta.url), 'utf8')) as ExtraFile
  const turns = raw.turns.map((t, index) => ({ index, speakerId: t.speakerId, text: t.text, paragraphs: [t.text], wordCount: t.text.split(/\s+/).length }))
  const spans = turns.flatMap((t) => naiveSentences(t.text).map(([start, end]) => ({ turn: t.index, start, end, text: t.text.slice(start, end) })))
  if (spans.length !== raw.labels.length) throw new Error(`extra-gold.json: ${raw.labels.length} labels for ${spans.length} sentences`)
  const sentences = spans.map((s, i) => {
    const [turn, label, qty] = raw.labels[i] as [number, string, string?]
    if (turn !== s.turn) throw new Error(`extra-gold.json: label ${i} is for turn ${turn}, sentence is in turn ${s.turn}`)
    const kind = KINDS[label[0] as keyof typeof KINDS] ?? null
    const quantities = qty ? [{ kind: qty.split(':')[0] as 'date', value: qty.startsWith('date') ? (qty.split(':')[1] as string) : Number(qty.split(':')[1]), unit: null, text: '' }] : []
    return { ...s, claim: kind !== null, kind, hedged: label.endsWith(' h'), quantities }
  })
  const gold: Gold = { episodeDate: raw.episodeDate, turnsSha256: '', turns: turns.map((t) => ({ index: t.index, speakerId: t.speakerId })), entities: raw.entities, sentences }
  return { gold, episode: { turns, speakers: raw.speakers, episodeDate: raw.episodeDate } }
}
