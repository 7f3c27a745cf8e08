/**
 * What is left of a labelled paragraph once the markup that is not speech is gone: Markdown escapes
 * and emphasis (`\[04:18\]`, `**`), a time right after the label (`Name: 00:00:20`, `[43:56]`), and
 * stage directions (`[Laughs]`, `[inaudible 01:18:58]`, `(SOUNDBITE OF MUSIC)`), which are not
 * words anyone said. Every regex here is anchored or bounded, so cleaning is linear in the text.
 */
import { CLOCK_TIME, parseTranscriptTime } from '../transcript/timestamp.js'

const MD_ESCAPE = /\\([[\]#*_\-.!()`>+{}|\\])/g
const EMPHASIS = /(?:\*\*|__)/g
// A time opening the text: `[04:18]`, `(00:12:31)`, `00:00:20`, `0h00m00s`, optionally followed by a colon.
const LEADING_TIME = new RegExp(String.raw`^[[(]?(${CLOCK_TIME}|\d{1,2}h\d{1,2}m\d{1,2}s)[\])]?:?[ \t]*`)
const STAGE_WORDS = /\b(?:laugh\w*|chuckl\w*|giggl\w*|crosstalk|cross-talk|inaudible|unintelligible|indistinct|music|applause|silence|pause|sighs?|cough\w*|clears throat|overlapping|overtalk|background|soundbite|sound of|noise|static|beep|ding|bell|cheer\w*|clapping|gasp\w*|groan\w*|sniff\w*|snort\w*|audio|video clip|break|technical difficulties|end of|recording|foreign language|speaking \w+|blank_audio)\b/i
// Square brackets hold directions (or a time); round ones only when they open with the direction.
const BRACKETED = /\[([^[\]\n]{1,80})\]/g
const PAREN_DIRECTION = /\((?:(?:laugh|chuckl|crosstalk|inaudible|unintelligible|applause|soundbite|sound of|music|silence|pause|sigh|cough|overlapping|indistinct|audio|video|break)[^()\n]{0,80})\)/gi

const isTime = (value: string): boolean => parseTranscriptTime(value.trim()) !== undefined

export interface CleanSpeech {
  text: string
  /** A time found right after the label, in seconds. */
  start?: number
}

/**
 * @example
 * cleanSpeech('\\[04:18\\] My path is… \\[laughter\\]') // { text: 'My path is…', start: 258 }
 */
export const cleanSpeech = (raw: string): CleanSpeech => {
  let text = raw.includes('\\') ? raw.replace(MD_ESCAPE, '$1') : raw
  if (text.includes('**') || text.includes('__')) text = text.replace(EMPHASIS, '')
  text = text.trimStart()
  let start: number | undefined
  const lead = LEADING_TIME.exec(text)
  if (lead) {
    start = parseTranscriptTime(lead[1]!)
    text = text.slice(lead[0].length)
  }
  if (text.includes('[')) text = text.replace(BRACKETED, (whole, inner: string) => (isTime(inner) || STAGE_WORDS.test(inner) ? ' ' : whole))
  if (text.includes('(')) text = text.replace(PAREN_DIRECTION, ' ')
  if (text !== raw) text = text.replace(/[ \t]{2,}/g, ' ').replace(/ ([,.;:!?])/g, '$1').trim()
  return start === undefined ? { text } : { text, start }
}
