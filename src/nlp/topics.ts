import type { Topic } from '../record/schema.js'
import { STEM_TOPICS, TOPIC_CUES, scanLexicons, type LexiconHits } from './lexicons.js'
import { lowerWords } from './phrase-index.js'


const ENTITY_TOPICS = new Map<string, Topic[]>()
for (const [topic, c] of Object.entries(TOPIC_CUES)) for (const id of c.entities) ENTITY_TOPICS.set(id, [...(ENTITY_TOPICS.get(id) ?? []), topic as Topic])

/** Topics of a sentence from its words and the entities mentioned in it; ["other"] when none fires. */
export const assignTopics = (sentence: string, entityIds: readonly string[], hits: LexiconHits = scanLexicons(lowerWords(sentence))): Topic[] => {
  // A list, not a Set: a sentence has a few topics at most, and this runs for every claim.
  const out: Topic[] = []
  for (const stem of hits.topic) for (const topic of STEM_TOPICS.get(stem) ?? []) if (!out.includes(topic)) out.push(topic)
  for (const id of entityIds) for (const topic of ENTITY_TOPICS.get(id) ?? []) if (!out.includes(topic)) out.push(topic)
  return out.length > 0 ? out : ['other']
}
