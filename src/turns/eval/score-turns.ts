/**
 * Scores speaker turns against hand-written turn gold (fixtures/gold/turns/README.md): where each
 * turn starts, who speaks it, and whether non-speech leaked into the turns. Positions are word
 * offsets in the predicted turns' own text, so the score does not depend on how a reader spaced
 * or marked up the file; a gold turn whose first words are not in the turns at all was dropped.
 */
import { nameKey, nameTokens, placeholderId } from '../names.js'

export interface TurnGold {
  file: string
  source: string
  notes?: string
  /** [speaker, first words]: speaker as the document names it ("Speaker 1", "unknown"), `|` between alternatives. */
  turns: Array<[string, string]>
  nonSpeech: string[]
}

export interface PredictedTurn {
  speakerId: string
  text: string
}

export interface PredictedSpeaker {
  id: string
  name: string | null
}

export interface TurnScore {
  goldTurns: number
  predictedTurns: number
  /** Gold turns whose first words were not found in the predicted turns (speech dropped or garbled). */
  notFound: number
  precision: number
  recall: number
  f1: number
  /** As f1, but a boundary counts only when the turn after it has the right speaker. */
  speakerF1: number
  leaked: string[]
  /** The first few boundary errors, for `npm run eval -- --errors`. */
  errors: string[]
}

const words = (text: string): string[] => nameKey(text).replace(/[^\p{L}\p{N}]+/gu, ' ').trim().split(' ').filter(Boolean)

const UNKNOWN = 'unknown'

/** Merges adjacent same-speaker turns, except unnamed ones: each `>>` is its own turn. */
const merge = <T extends { speaker: string }>(turns: readonly T[], join: (a: T, b: T) => void): T[] => {
  const out: T[] = []
  for (const turn of turns) {
    const last = out[out.length - 1]
    if (last && last.speaker === turn.speaker && turn.speaker !== UNKNOWN) join(last, turn)
    else out.push({ ...turn })
  }
  return out
}

/** Whether a predicted speaker is the gold one: same placeholder, same full name, or same surname. */
export const speakerMatches = (gold: string, predicted: PredictedSpeaker | undefined): boolean => {
  const id = predicted?.id ?? UNKNOWN
  return gold.split('|').some((alternative) => {
    const g = alternative.trim()
    if (g.toLowerCase() === UNKNOWN) return id === UNKNOWN
    const placeholder = placeholderId(g)
    if (placeholder) return id === placeholder || (predicted?.name !== null && predicted?.name !== undefined && placeholderId(predicted.name) === placeholder)
    if (!predicted || id === UNKNOWN) return false
    if (predicted.name && nameKey(predicted.name) === nameKey(g)) return true
    const goldTokens = nameTokens(g)
    const surname = goldTokens[goldTokens.length - 1]
    const nameTokensPredicted = predicted.name ? nameTokens(predicted.name) : []
    return surname !== undefined && (nameTokensPredicted[nameTokensPredicted.length - 1] === surname || id === surname || id.startsWith(`${surname}-`))
  })
}

const f1 = (p: number, r: number): number => (p + r === 0 ? 0 : (2 * p * r) / (p + r))

/**
 * @example
 * scoreTurns(gold, record.turns, record.speakers).f1 // 1 when every boundary is where gold has it
 */
export const scoreTurns = (gold: TurnGold, turns: readonly PredictedTurn[], speakers: readonly PredictedSpeaker[]): TurnScore => {
  const byId = new Map(speakers.map((s) => [s.id, s]))
  // The predicted word stream and where each (merged) predicted turn starts in it.
  const predicted = merge(turns.map((t) => ({ speaker: t.speakerId, words: words(t.text) })), (a, b) => {
    a.words = a.words.concat(b.words)
  })
  const stream: string[] = []
  const predictedStarts = new Map<number, string>()
  for (const turn of predicted) {
    if (turn.words.length === 0) continue
    predictedStarts.set(stream.length, turn.speaker)
    for (const w of turn.words) stream.push(w)
  }
  const goldTurns = merge(gold.turns.map(([speaker, first]) => ({ speaker: speaker.toLowerCase() === UNKNOWN ? UNKNOWN : speaker, first })), () => {})
  // Each gold turn's first words, searched in order from the previous match.
  const joined = ` ${stream.join(' ')} `
  const offsets: number[] = []
  let charOffset = 0
  let position = 0
  for (let i = 0; i < stream.length; i++) {
    offsets.push(charOffset + 1)
    charOffset += stream[i]!.length + 1
  }
  const wordAt = (char: number): number => {
    let lo = 0
    let hi = offsets.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if (offsets[mid]! <= char) lo = mid
      else hi = mid - 1
    }
    return lo
  }
  let correct = 0
  let correctSpeaker = 0
  let notFound = 0
  const errors: string[] = []
  const matchedPredicted = new Set<number>()
  // First pass: where each gold turn's first words occur, in order.
  const found: Array<number | undefined> = []
  for (const turn of goldTurns) {
    const needle = words(turn.first)
    const at = needle.length === 0 ? -1 : joined.indexOf(` ${needle.join(' ')} `, position)
    if (at < 0) {
      found.push(undefined)
      continue
    }
    found.push(at)
    position = at + 1
  }
  // A short opening ("Yeah.") may also occur just before its turn: prefer an occurrence that is a
  // predicted boundary, up to where the next gold turn was found.
  for (let g = 0; g < goldTurns.length; g++) {
    const at = found[g]
    if (at === undefined || predictedStarts.has(wordAt(at + 1))) continue
    const needle = ` ${words(goldTurns[g]!.first).join(' ')} `
    const limit = found.slice(g + 1).find((f) => f !== undefined) ?? joined.length
    for (let next = joined.indexOf(needle, at + 1); next >= 0 && next < limit; next = joined.indexOf(needle, next + 1)) {
      if (predictedStarts.has(wordAt(next + 1))) {
        found[g] = next
        break
      }
    }
  }
  for (let g = 0; g < goldTurns.length; g++) {
    const turn = goldTurns[g]!
    const at = found[g]
    if (at === undefined) {
      notFound++
      if (errors.length < 12) errors.push(`not in any turn: ${turn.speaker}: "${turn.first}"`)
      continue
    }
    const index = wordAt(at + 1)
    const speakerThere = predictedStarts.get(index)
    if (speakerThere !== undefined && !matchedPredicted.has(index)) {
      matchedPredicted.add(index)
      correct++
      if (speakerMatches(turn.speaker, byId.get(speakerThere))) correctSpeaker++
      else if (errors.length < 12) errors.push(`wrong speaker ${speakerThere} for ${turn.speaker}: "${turn.first}"`)
    } else if (errors.length < 12) {
      errors.push(`no boundary before ${turn.speaker}: "${turn.first}"`)
    }
  }
  for (const [index, speaker] of predictedStarts) {
    if (!matchedPredicted.has(index) && errors.length < 12) errors.push(`extra boundary (${speaker}): "${stream.slice(index, index + 6).join(' ')}"`)
  }
  const precision = predictedStarts.size === 0 ? 0 : correct / predictedStarts.size
  const recall = goldTurns.length === 0 ? 0 : correct / goldTurns.length
  const speakerPrecision = predictedStarts.size === 0 ? 0 : correctSpeaker / predictedStarts.size
  const speakerRecall = goldTurns.length === 0 ? 0 : correctSpeaker / goldTurns.length
  const leaked = gold.nonSpeech.filter((excerpt) => {
    const needle = words(excerpt)
    return needle.length > 0 && joined.includes(` ${needle.join(' ')} `)
  })
  return {
    goldTurns: goldTurns.length,
    predictedTurns: predictedStarts.size,
    notFound,
    precision,
    recall,
    f1: f1(precision, recall),
    speakerF1: f1(speakerPrecision, speakerRecall),
    leaked,
    errors,
  }
}
