/**
 * Sponsor segments inside running captions (`[0.00 → 6.66] …`, SRT/VTT cues), where a read is
 * spread over dozens of short cues with no paragraph of its own and often no punctuation or
 * capitals: "we should probably do our sponsors first up is …". A segment starts at a sponsor cue
 * and runs while ad talk keeps coming (a URL, an offer code, a price, the sponsor's name), and ends
 * at the last such cue before a long stretch without one.
 */

import { SPONSORED_BY } from './sections.js'
import { countWords } from './word-count.js'

const START = new RegExp(String.raw`\b(?:(?:our|today['’]s|this (?:week|episode)['’]s) sponsors?|${SPONSORED_BY}|brought to you by|(?:a )?word from (?:our )?sponsors?|thanks? (?:to )?(?:our )?sponsors?)\b`, 'i')
const SIGNAL = /\b(?:sponsor\w*|head (?:on )?(?:over )?to|check (?:that|it|them) out|offer code|promo code|discount|use code|(?:a|per) month|free (?:domain|trial|shipping)|trial|vanity url|links? (?:will be |is |are )?(?:in|below)|(?:video )?description|sign up|percent off|\d+ ?% off|\w+\.(?:com|io|fm|co|net|org)\b(?!\.))/i
// Not `.co.uk` and the like: a news source read out ("this independent.co.uk article"), not an ad.
const DOMAIN = /\b([a-z][a-z0-9-]{2,})\.(?:com|io|fm|co|net|org)\b(?!\.)/gi
const INTRODUCED = /\b(?:also got|we['’]ve got|got|first up is|next up is|brought to you by|sponsored by|thanks to)\s+(\p{Lu}[\p{L}\p{N}]+(?:\s\p{Lu}[\p{L}\p{N}]+)?)/gu

const SHOW_SPONSORED = /\b(?:episode|show|podcast|video|channel|program|programme|segment|stream|hour|today)(?: is| was|['’]s)? (?:sponsored|brought to you) by\b/i

// How far a segment may run, and how long it may go without ad talk before it is over (words).
const MAX_WORDS = 3000
const GAP_WORDS = 250
const MAX_BRANDS = 50

const squash = (text: string): string => text.toLowerCase().replace(/[^a-z0-9]+/g, '')

/**
 * Which cues belong to a sponsor segment. Linear: each cue is looked at a bounded number of times.
 *
 * @example
 * markCaptionAds(['so anyway our sponsors first up is Squarespace', 'head over to squarespace.com', 'back to the news'])
 * // [true, true, false]
 */
export const markCaptionAds = (cues: readonly string[]): boolean[] => {
  const marks = new Array<boolean>(cues.length).fill(false)
  // The sponsors' names, learned in one pass from the stretch after each sponsor cue: the domains
  // read out ("freshbooks.com") and names introduced ("we've also got Squarespace").
  const brands = new Set<string>()
  let reach = 0
  for (const cue of cues) {
    if (START.test(cue)) reach = MAX_WORDS
    if (reach <= 0) continue
    reach -= countWords(cue)
    for (const m of cue.matchAll(DOMAIN)) brands.add(m[1]!.toLowerCase())
    for (const m of cue.matchAll(INTRODUCED)) brands.add(squash(m[1]!))
  }
  const named = [...brands].filter((b) => b.length >= 4).slice(0, MAX_BRANDS)
  const isSignal = (text: string): boolean => {
    if (SIGNAL.test(text)) return true
    if (named.length === 0) return false
    const flat = squash(text)
    return named.some((brand) => flat.includes(brand))
  }
  let i = 0
  while (i < cues.length) {
    const start = START.exec(cues[i]!)
    if (!start) {
      i++
      continue
    }
    let last = i
    let gap = 0
    let words = 0
    for (let k = i + 1; k < cues.length && gap <= GAP_WORDS && words < MAX_WORDS; k++) {
      const n = countWords(cues[k]!)
      words += n
      if (isSignal(cues[k]!)) {
        last = k
        gap = 0
      } else {
        gap += n
      }
    }
    // "sponsored by" or "brought to you by" of anything but this episode or show, with no ad talk in
    // what follows (a URL, a code, an offer; the name after it recurring is not enough), is talk or a
    // show's own intro: "the separatists were sponsored by Russia, obviously", "welcome to
    // Environment Variables, brought to you by the Green Software Foundation".
    if (/^(?:sponsored|brought to you) by/i.test(start[0]) && !SHOW_SPONSORED.test(cues[i]!) && !cues.slice(i, last + 1).some((cue) => SIGNAL.test(cue.replace(/\bsponsor\w*/gi, ' ')))) {
      i++
      continue
    }
    for (let k = i; k <= last; k++) marks[k] = true
    i = last + 1
  }
  return marks
}
