import type { Section } from '../record/index.js'
import { detectLanguage, type SplitResult } from '../turns/index.js'

/**
 * A post with no audio and no speaker label anywhere is an article, not a monologue by an
 * unknown speaker: its text goes to `sections` and the record has no turns. splitTurns cannot
 * decide this because it does not know whether the item has audio; an episode with audio
 * keeps its unlabelled turns (and the splitter's NO_SPEAKER_LABELS warning).
 *
 * @example asTextPost(splitTurns(paragraphs), { hasAudio: false })
 */
export const asTextPost = (split: SplitResult, { hasAudio }: { hasAudio: boolean }): SplitResult => {
  const unlabelled = split.warnings.some((w) => w.code === 'NO_SPEAKER_LABELS')
  if (hasAudio || !unlabelled || split.turns.length === 0) return split
  const text = split.turns.map((t) => t.text).join('\n\n')
  const article: Section = { kind: 'article', language: detectLanguage(text), text }
  return {
    speakers: [],
    turns: [],
    sections: [...split.sections, article],
    warnings: split.warnings.filter((w) => w.code !== 'NO_SPEAKER_LABELS'),
  }
}
