// Speaker accuracy per line on the CheckThat! 2019 debates (../shared/corpus/checkthat2019-train): each
// debate is written out the way debate transcripts are published (`SPEAKER: text` at each change of
// speaker, stage directions such as `(APPLAUSE)` on their own line), split, and every sentence's
// speaker compared with the speaker podpipe gives the paragraph holding it.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { readTranscript } from '../src/transcript/index.js'
import { splitTurns } from '../src/turns/index.js'
import { placeholderId } from '../src/turns/names.js'
import { corpusPath } from './corpus.js'

const DIR = corpusPath('checkthat2019-train')
const letters = (x: string): string => x.replace(/\([^)]*\)|\[[^\]]*\]/g, ' ').toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim()

export const evalDebates = (): void => {
  if (!existsSync(DIR)) {
    console.log(`debates: ${DIR} not found: skipped`)
    return
  }
  let correct = 0
  let total = 0
  const rows: string[] = []
  for (const file of readdirSync(DIR).filter((f) => f.endsWith('.tsv')).sort()) {
    const lines = readFileSync(join(DIR, file), 'utf8').split('\n').map((l) => l.split('\t')).filter((r) => r.length >= 4)
    const out: string[] = []
    let previous = ''
    for (const [, speaker, text] of lines) {
      if (speaker === 'SYSTEM') out.push(text!)
      else out.push(speaker !== previous ? `${speaker}: ${text}` : text!)
      if (speaker !== 'SYSTEM') previous = speaker!
    }
    const split = splitTurns(readTranscript(out.join('\n'), { fileName: file.replace(/\.tsv$/, '.txt') }).paragraphs)
    const byId = new Map(split.speakers.map((s) => [s.id, s]))
    const paragraphs = split.turns.flatMap((t) => t.paragraphs.map((p) => [t.speakerId, ` ${letters(p)} `] as const))
    let at = 0
    let ok = 0
    let n = 0
    for (const [, speaker, text] of lines) {
      const needle = letters(text!).slice(0, 60)
      if (speaker === 'SYSTEM' || !needle) continue
      n++
      let k = at
      while (k < paragraphs.length && !paragraphs[k]![1].includes(needle)) k++
      if (k === paragraphs.length) continue
      at = k
      const predicted = byId.get(paragraphs[k]![0])
      const gold = speaker!.toLowerCase()
      const name = (predicted?.name ?? '').toLowerCase()
      // QUESTION, AUDIENCE, UNIDENTIFIED MALE: nobody named, so "unknown" (a turn of its own) is right.
      if (placeholderId(gold) === 'unknown' ? predicted?.id === 'unknown' : predicted && predicted.id !== 'unknown' && (name === gold || name.endsWith(` ${gold}`) || gold.includes(predicted.id))) ok++
    }
    correct += ok
    total += n
    rows.push(`${file.padEnd(34)} ${String(n).padStart(5)}  ${(ok / n).toFixed(3)}`)
  }
  console.log(`debates: speaker accuracy per line (${DIR})\nfile                               lines  accuracy`)
  for (const row of rows) console.log(row)
  console.log(`all                                ${String(total).padStart(5)}  ${(correct / total).toFixed(4)}`)
}
