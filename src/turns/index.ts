export { splitTurns } from './split-turns.js'
export { countWords } from './word-count.js'
export { detectLanguage } from './language.js'
export type { SpeakerHint, SplitOptions, SplitResult } from './types.js'
