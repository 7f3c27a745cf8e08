// Test helper: turns and speakers from plain strings, for small hand-written cases.
import type { Speaker, Turn } from '../../record/schema.js'

export const SPEAKERS: Speaker[] = [
  { id: 'schneider', name: 'Jordan Schneider', role: 'host', turnCount: 0, wordCount: 0 },
  { id: 'mcguire', name: 'Chris McGuire', role: 'guest', turnCount: 0, wordCount: 0 },
  { id: 'miller', name: 'Chris Miller', role: 'guest', turnCount: 0, wordCount: 0 },
]

export const makeTurns = (lines: ReadonlyArray<[string, string]>): Turn[] =>
  lines.map(([speakerId, text], index) => ({ index, speakerId, text, paragraphs: text.split('\n\n'), wordCount: text.split(/\s+/).length }))
