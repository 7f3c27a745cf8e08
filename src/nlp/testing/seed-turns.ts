// Test utility only: builds the seed episode's turns straight from the corpus so the NLP stages
// can be tested and scored without waiting on src/turns. The rules are the ones the gold set
// (fixtures/gold/README.md) was annotated against: lines 57–156, a line starting with a known
// speaker label opens a turn (the label may lack its colon), other lines continue the turn.
import { readFileSync } from 'node:fs'
import type { Speaker, Turn } from '../../record/schema.js'

export const SEED_PATH = '/work/shared/corpus/seed/000_66d8e60a35b94f19.txt'

const ROSTER: ReadonlyArray<{ id: string; name: string; role: Speaker['role'] }> = [
  { id: 'schneider', name: 'Jordan Schneider', role: 'host' },
  { id: 'mcguire', name: 'Chris McGuire', role: 'guest' },
  { id: 'miller', name: 'Chris Miller', role: 'guest' },
]

const countWords = (s: string): number => s.split(/\s+/).filter(Boolean).length

export interface SeedEpisode {
  turns: Turn[]
  speakers: Speaker[]
  /** The post's date is not in the corpus file; the episode aired in October 2025 (MOFCOM notices 61/62). */
  episodeDate: string
}

export const seedLines = (path = SEED_PATH): string[] => readFileSync(path, 'utf8').split('\n').slice(56, 156)

export const buildSeedEpisode = (lines: readonly string[] = seedLines()): SeedEpisode => {
  const drafts: Array<{ speakerId: string; paragraphs: string[] }> = []
  for (const raw of lines) {
    const line = raw.trim()
    if (!line) continue
    const who = ROSTER.find((s) => line.startsWith(`${s.name}:`) || line.startsWith(`${s.name} `))
    if (who) {
      const body = line.slice(who.name.length).replace(/^:?\s*/, '')
      const last = drafts.at(-1)
      if (last && last.speakerId === who.id) last.paragraphs.push(body)
      else drafts.push({ speakerId: who.id, paragraphs: [body] })
    } else {
      drafts.at(-1)?.paragraphs.push(line)
    }
  }
  const turns: Turn[] = drafts.map((d, index) => {
    const text = d.paragraphs.join('\n\n')
    return { index, speakerId: d.speakerId, text, paragraphs: d.paragraphs, wordCount: countWords(text) }
  })
  const speakers: Speaker[] = ROSTER.map((s) => {
    const own = turns.filter((t) => t.speakerId === s.id)
    return { ...s, turnCount: own.length, wordCount: own.reduce((n, t) => n + t.wordCount, 0) }
  })
  return { turns, speakers, episodeDate: '2025-10-10' }
}
