/**
 * Text that is not transcript: the post around it (intro, "We discuss…" list, a whole article,
 * a subscribe promo, a commentary in another language). It becomes `sections`, never turns.
 */
import type { Section, SectionKind } from '../record/schema.js'
import { detectLanguage, estimateWords, inOtherLanguage, scriptClass, wholeWords, type ScriptClass } from './language.js'

/**
 * "sponsored by" as a show's, not a bill's: "co-sponsored by my Ranking Member, Senator Booker",
 * "legislation sponsored by the Chamber of Commerce" and "sponsored by Senator Lee" are a hearing's.
 */
export const SPONSORED_BY = String.raw`(?<!\bco[- ]?|\b(?:bill|act|legislation|amendment|resolution|measure|proposal|ordinance)s?\b[^.?!]{0,40})sponsored by(?! (?:my |the |our )?(?:senator|sen\.|rep\.|representative|congress(?:wo)?man|assembly ?(?:member|man|woman)|council ?(?:member|man|woman)|ranking member|chair(?:man|woman)?|colleague|gentleman|gentlewoman|mr\.|ms\.|mrs\.|dr\.)\b)`

// Publisher boilerplate; only short paragraphs are tested, so an essay that mentions
// subscriptions stays an essay.
const PROMO = new RegExp(String.raw`reader-supported|\bsubscribe\b|\bsubscribers?\b|become a (?:free or )?paid|support (?:my|our|the) (?:work|show|podcast)|patreon|${SPONSORED_BY}|this episode is brought to you|thanks for reading|share this post|leave (?:us )?a (?:(?:\d-star |five-star |quick )?(?:review|rating)|comment)|\brate,? (?:and|&) review(?= us\b| the (?:show|podcast|episode)| (?:on|in) [\p{Lu}[]| wherever|\s*[.!]|$)|\b(?:rate|review) us\b|wherever you (?:get|listen to) your podcasts|\bfollow (?:us|the (?:show|podcast)) on\b|(?<!\p{L})(?:abonnier(?:e|t|en)|abonnez-vous|suscr[ií]bete|suscr[ií]banse|inscreva-se|iscriviti|abonneer)(?!\p{L})`, 'iu')
const PROMO_MAX_WORDS = 60

// An article is a long run of paragraphs; show notes are a short intro and a list.
const ARTICLE_MIN_PARAGRAPHS = 3
const ARTICLE_MIN_WORDS = 300
const MIN_TRUSTED_CHARS = 100

export const isPromo = (text: string): boolean =>
  text.length < PROMO_MAX_WORDS * 12 && estimateWords(text) <= PROMO_MAX_WORDS && PROMO.test(text)

// Ad copy read inside a host's turn: the cue that opens a read, or two of the calls to action ads use.
const SPONSOR_OPENING = /\b(?:(?:this|today['’]s) (?:episode|show|podcast)(?: is| was)? (?:brought to you|sponsored|supported|made possible) by|(?:is|are) brought to you by|thanks? (?:to )?(?:our|today['’]s) sponsors?|a (?:quick |short |brief )?word from (?:our|today['’]s) sponsors?|support for (?:this|the) (?:show|podcast|episode) comes from|our sponsors?(?: today| this week)? (?:is|are)|we have (?:\w+ )?sponsors? (?:today|this week)|let['’]s (?:take a (?:quick )?break|hear from our sponsor)|today['’]s sponsor)\b/i
// The same openings in the other languages podcasts read ads in: German, French, Spanish,
// Portuguese, Italian, Dutch.
const SPONSOR_OPENING_ELSEWHERE = wholeWords(String.raw`(?:diese|die heutige|unsere) (?:folge|episode|sendung) wird (?:(?:euch|ihnen|dir) )?(?:unterstützt|präsentiert|gesponsert|ermöglicht|gesponsort) (?:von|durch)|mit freundlicher unterstützung (?:von|durch)|unser(?:em)? (?:heutige[nr]? )?(?:sponsor|werbepartner)|(?:cet|cette) (?:épisode|émission) (?:est|vous est) (?:sponsorisée?|présentée?|proposée?|soutenue?|rendue? possible|offerte?) (?:par|grâce à)|(?:un mot de )?notre (?:sponsor|partenaire) (?:du jour|de la semaine)|(?:este|el) (?:episodio|programa) (?:está|es|viene) (?:patrocinado|presentado|auspiciado|traído) por|(?:un mensaje de |gracias a )nuestro patrocinador|(?:este|esse) (?:episódio|programa) (?:é|está sendo) (?:patrocinado|apresentado|oferecido) (?:por|pel[ao])|nosso patrocinador|(?:questo|quest['’]) ?(?:episodio|puntata) (?:è|viene) (?:sponsorizzat[oa]|offert[oa]|presentat[oa]) da|il nostro sponsor|(?:deze|de) aflevering wordt (?:gesponsord|mogelijk gemaakt|aangeboden) door|onze sponsor`)
// Chinese, Japanese and Korean openings ("本期节目由…赞助", "この番組は…の提供で", "이 방송은 …의 후원으로"),
// whose words no space or letter boundary sets apart.
const SPONSOR_OPENING_CJK = /本(?:期|集|档)(?:节目|節目|播客)?由.{1,30}?(?:赞助|贊助|冠名|独家支持|支持播出)|感[谢謝].{1,30}?(?:对|對)本(?:期|集)(?:节目|節目)的(?:赞助|贊助|支持)|この番組は.{1,30}?の提供で|(?:이|본) (?:방송|에피소드|프로그램)은 .{1,30}?(?:후원|협찬)/u
const CJK_GATE = /赞助|贊助|冠名|支持|提供|후원|협찬/
// A word each of those openings holds: most paragraphs hold none, and this is cheaper to rule out.
const ELSEWHERE_GATE = /olge|pisod|pisód|mission|rograma|untata|flevering|ponsor|atrocinador|nterstützung|endung|erbepartner|artenaire/i
const AD_CALLS = /\b(?:promo code|discount code|use (?:the )?code|free trial|\d{1,3}(?:%| percent) off|sign up (?:today|now|at|for free)|get started (?:today|for free|at)|(?:go|head) (?:to|over to) [\w-]+\.(?:com|io|fm|co|org|net|ai)|visit [\w-]+\.(?:com|io|fm|co|org|net|ai)|[\w-]+\.(?:com|io|fm|co)\/[\w-]+|made easy with|try it (?:free|for free|today)|start your free)\b/gi
// Every call to action holds one of these; most paragraphs hold none, and indexOf is cheaper than the regex.
const AD_HINTS = ['code', 'trial', '% off', 'percent off', 'sign up', 'started', '.com', '.io', '.fm', '.co', '.org', '.net', '.ai', 'easy with', 'try it', 'free', 'Free']
const hasAdHint = (text: string): boolean => AD_HINTS.some((hint) => text.includes(hint))
const SPONSOR_HEAD_CHARS = 240
const AD_COPY_MAX_CHARS = 1500
const AD_MAX_WORDS = 300

/**
 * A sponsor read: the opening cue near the start, two calls to action in a short paragraph, or a
 * pitch (isBrandPitch).
 */
export const isSponsorRead = (text: string): boolean => {
  if (text.length > AD_MAX_WORDS * 12) return false
  const head = text.slice(0, SPONSOR_HEAD_CHARS)
  if (SPONSOR_OPENING.test(head) || (ELSEWHERE_GATE.test(head) && SPONSOR_OPENING_ELSEWHERE.test(head)) || (CJK_GATE.test(head) && SPONSOR_OPENING_CJK.test(head))) return true
  if (isBrandPitch(text)) return true
  // Ad copy without an opening cue is short; a long paragraph with a URL in it is someone talking.
  if (text.length > AD_COPY_MAX_CHARS || !hasAdHint(text)) return false
  const calls = text.match(AD_CALLS)
  return calls !== null && new Set(calls.map((c) => c.toLowerCase())).size >= 2 && estimateWords(text) <= AD_MAX_WORDS
}

// The language of a pitch read without a cue or a code ("Justworks knows that your employees are…
// your people… Whether you're setting up payroll, offering premium benefits…").
const PITCH_WORDS = /\b(?:easy|easier|simple|seamless(?:ly)?|experts?|premium|benefits|guarantee[ds]?|free|trial|discount|offers?|offering|24\/7|award-winning|trusted by|thousands of|millions of|sign up|get started|whether you['’]re|small business(?:es)?|your (?:team|business|company|people|employees)|built for|all-in-one|helps you|lets you|so you can)\b/gi
const YOU = /\byou(?:r|['’]re)?\b/gi
const CAPITALISED = /\b\p{Lu}\p{L}+/gu
// Capitalised words that recur in any speech; a brand is a name that does.
const NOT_BRANDS = new Set(['I', 'The', 'And', 'But', 'So', 'My', 'We', 'You', 'It', 'If', 'In', 'This', 'That', 'They', 'He', 'She', 'What', 'Or',
  'Yes', 'No', 'Yeah', 'Okay', 'Well', 'Now', 'Then', 'There', 'When', 'How', 'Why', 'An', 'Our', 'Your', 'China', 'US', 'America', 'United', 'States'])
const PITCH_MIN_CHARS = 200
const PITCH_MAX_CHARS = 2400

/**
 * Ad copy read in the host's voice with no cue and no code: one name said three times or more,
 * "you" and "your" four times or more, and three or more of the words pitches are made of. On the
 * corpus's real transcripts it marks the one such read and nothing else; on 4,708 stretches of
 * debate speech (CheckThat! 2019), nothing.
 */
export const isBrandPitch = (text: string): boolean => {
  if (text.length < PITCH_MIN_CHARS || text.length > PITCH_MAX_CHARS) return false
  if ((text.match(YOU)?.length ?? 0) < 4) return false
  const pitch = text.match(PITCH_WORDS)
  if (!pitch || new Set(pitch.map((w) => w.toLowerCase())).size < 3) return false
  const names = new Map<string, number>()
  for (const [word] of text.matchAll(CAPITALISED)) if (!NOT_BRANDS.has(word)) names.set(word, (names.get(word) ?? 0) + 1)
  for (const n of names.values()) if (n >= 3) return true
  return false
}

// A host's closing plea to listeners: "If you enjoyed this episode, please rate and review us",
// "subscribe wherever you get your podcasts", "share it with a friend". Stricter than PROMO, whose
// bare "subscribe" would take "I subscribe to that view" out of someone's speech.
const CLOSING_PLEA = /\b(?:rate,? (?:and|&) review|leave (?:us )?a (?:(?:\d-star |five-star |quick )?(?:review|rating))|wherever you (?:get|listen to) your podcasts|subscribe (?:to (?:the|our|this) (?:show|podcast|channel|newsletter)|on (?:youtube|apple|spotify))|share (?:it|this(?: episode)?|the (?:show|episode)) with (?:a friend|someone|your)|follow (?:us|the (?:show|podcast)) on|if you (?:enjoyed|liked) (?:this|the) (?:episode|show|conversation))\b/i

const isClosingPlea = (sentence: string): boolean => sentence.length < 400 && CLOSING_PLEA.test(sentence)
const SENTENCE_START = /[.!?…]["”’)]?\s+(?=["“‘]?\p{Lu})/gu

/**
 * Where a closing plea that ends a paragraph after other speech begins ("Thanks so much, Chris. If
 * you enjoyed this episode, please rate and review us on Apple Podcasts."): the earliest sentence
 * from which every sentence to the end is a plea, or -1.
 */
export const closingPleaStart = (text: string): number => {
  if (text.length > 4000) return -1
  const starts = [...text.matchAll(SENTENCE_START)].map((m) => m.index + m[0].length)
  let cut = -1
  for (let k = starts.length - 1; k >= 0; k--) {
    if (!isClosingPlea(text.slice(starts[k]!, starts[k + 1]).trim())) break
    cut = starts[k]!
  }
  return cut
}

// Where a host comes back from a read inside the same paragraph: "Okay, back to the show.",
// "Now, back to our conversation.", "Let's get back to it.", "On with the show."
const SPONSOR_RETURN = /\b(?:back to (?:the|our|my) (?:show|conversation|interview|episode|discussion|program|programme)|(?:let['’]s|let us) get back to (?:it|the|our|my)|now,? (?:on )?to (?:the|our|my) (?:show|conversation|interview)|on with the (?:show|episode))\b[^.!?]*[.!?]*/i
// Not the stop of a title or an initial: "I bring you Dr. Fei-Fei Li after a word from our sponsors."
const SENTENCE_END_BEFORE = /(?:(?<!\b(?:Dr|Mr|Mrs|Ms|Mx|Prof|St|Sen|Rep|Gov|Gen|Hon|Rev|Jr|Sr|vs|\p{Lu}))\.|[!?…])["”’)]?\s+(?=\S)/gu

/**
 * A sponsor read inside a paragraph of speech: one the speaker comes back from before the paragraph
 * ends ("…a word from our sponsor. This episode is brought to you by Acme… Okay, back to the show.
 * Chris, what do the controls cover?"), the read running from the start of the sentence that opens
 * it to the end of the one that returns; or one that ends the paragraph after speech ("Today my
 * guest is Bob Ray… With that, after a short word from our sponsors. This episode is brought to you
 * by Acme… Go to acme.com/show."), as short as ad copy. Undefined when the paragraph holds no such
 * read, or opens with it (isSponsorRead then takes the paragraph whole).
 */
export const sponsorReadInside = (text: string): { start: number; end: number } | undefined => {
  if (text.length > AD_MAX_WORDS * 24 || !/sponsor|brought to you|word from|break|support|made possible/i.test(text)) return undefined
  const opening = SPONSOR_OPENING.exec(text)
  if (!opening) return undefined
  let start = 0
  for (const m of text.slice(0, opening.index + 1).matchAll(SENTENCE_END_BEFORE)) start = m.index + m[0].length
  const back = SPONSOR_RETURN.exec(text.slice(opening.index))
  if (!back) return start > 0 && text.length - start <= AD_COPY_MAX_CHARS ? { start, end: text.length } : undefined
  const end = opening.index + back.index + back[0].length
  return end - start <= AD_MAX_WORDS * 12 ? { start, end } : undefined
}

const SPONSOR_NAME = /\b(?:brought to you|sponsored|supported|made possible) by ([\p{Lu}][\p{L}\p{N}.&'’-]*(?: [\p{Lu}][\p{L}\p{N}.&'’-]*)?)/u

/** The sponsor a read names ("brought to you by Figma, makers of…" → "Figma"), if any. */
export const sponsorName = (text: string): string | undefined => SPONSOR_NAME.exec(text.slice(0, SPONSOR_HEAD_CHARS))?.[1]

/** Whether a paragraph after a sponsor read goes on with it: it names the sponsor or carries a call to action. */
export const continuesSponsorRead = (text: string, sponsor: string | undefined): boolean => {
  if (text.length > AD_MAX_WORDS * 12) return false
  if (sponsor && text.includes(sponsor)) return true
  AD_CALLS.lastIndex = 0
  return AD_CALLS.test(text)
}

// A line that marks the recording rather than saying anything: `**Break:** [00:55]`, `[Music]`, `---`.
// A court record's examination headings: `DIRECT EXAMINATION`, `BY MR. SMITH:` (who asks the questions below).
// A broadcast transcript's directions in parentheses: `(BEGIN VIDEOTAPE)`, `(COMMERCIAL BREAK)`, `(Laughter)`.
// A hearing record's editorial notes in brackets: `[The prepared statement of Mr. Kessler follows:]`, `[Whereupon, …]`.
const MARKER_LINE = /^(?:[*_]{0,2}(?:break|ad break|music|intro|outro|interlude|pause|end of (?:transcript|recording|episode)|transcript(?: below)?)[*_]{0,2}\s*:?[*_]{0,2}\s*(?:\\?\[[^\]]{0,20}\\?\])?|[-*_=]{3,}|\\?\[[^\]]{1,30}\\?\]|\[(?:the |whereupon|recess|laughter|applause|no response|pause|off the record|discussion off)[^\]]{0,200}\]|\((?:laughter|laughs|applause|music|crosstalk|inaudible|silence|pause|cheers|cheering|booing|sighs?|coughs?)\)|(?:direct|cross|redirect|recross|further (?:direct|cross|redirect|recross))[- ]examination(?: \(continued\))?|by (?:mr|mrs|ms|dr)\.? [a-z'’-]+:)$/i

// In capitals, whatever the words: the marker regex ignores case, so this one stands apart.
const CAPS_DIRECTION = /^\([^()a-z]*[A-Z][^()a-z]{1,39}\)$/

export const isMarkerLine = (text: string): boolean => {
  if (text.length >= 240) return false
  const line = text.trim()
  return MARKER_LINE.test(line) || CAPS_DIRECTION.test(line)
}

// After the last turn: who made the show, corrections written later, the stenographer's close.
const CREDITS = /^(?:postscript|post-script|p\.?s\.?|correction|clarification|editor['’]s note|update|note)\b|\b(?:is|was) (?:produced|edited|mixed|engineered|hosted) by\b|^(?:produced|edited|mixed|music|theme music|transcribed|transcript|transcription|captioning|captions|closed captioning|audio engineering|executive produc\w*|production) (?:by|provided by|help|services)\b|\bcaptioning (?:provided|performed) by\b|\b(?:all rights reserved|copyright ©|©\s*\d{4})|^\(whereupon\b|^\[?(?:end of (?:transcript|recording|episode)|transcript ends?)\]?/i

// Lines that close a proceeding's record: nothing after them is speech.
const CLOSING = /^\(?(?:whereupon\b|the (?:hearing|meeting|proceedings?|session) (?:was|were|is) (?:adjourned|concluded)|\[?end of (?:transcript|recording|proceedings))/i

export const isClosingLine = (text: string): boolean => text.length < 400 && CLOSING.test(text)

export const isCredits = (text: string): boolean => CREDITS.test(text.slice(0, 300))

// A note on the transcript itself, above or below it: "This is a transcript of …", "This is a rush
// transcript.", "This transcript has been edited for clarity.", "Transcripts are machine-generated
// and may contain errors." It says how the text was made; nobody speaks it.
const TRANSCRIPT_MADE = String.raw`(?:(?:has|have) been|was|were|is|are)(?: (?:lightly|automatically|partially|partly|only|also))? (?:(?:edited|condensed|abridged)(?= for| and|[.,;]|$)|generated|transcribed|(?:machine|auto|computer|ai)[- ]?(?:generated|created|transcribed)|not (?:final|verified|edited|proofread))|may (?:contain|include|not be)\b`
const TRANSCRIPT_NOTE = new RegExp(String.raw`^[*_([\s]*(?:(?:editor['’]s )?note:\s*)?(?:this is an? (?:[\w-]+ ){0,3}transcript\b|the (?:following|below) (?:[\w-]+ ){0,2}transcript\b|(?:(?:this|the|our|these) )?(?:[\w'’-]+ ){0,2}transcripts? (?:below |above )?(?:${TRANSCRIPT_MADE})|transcripts? (?:generated|created|produced) (?:by|with|using)\b)`, 'i')

export const isTranscriptNote = (text: string): boolean => text.length < 600 && TRANSCRIPT_NOTE.test(text)

const OUTRO_OPENING = /\bthanks? (?:you )?(?:so much )?for (?:listening|watching|tuning in)\b/i
// Credits, not a host's spoken "subscribe and leave a review", which is still speech.
const OUTRO_CREDITS = /\b(?:produced|edited|mixed|engineered) by\b/i

/** "Thank you for listening…" opening a paragraph: an outro when credits follow. */
export const opensOutro = (text: string): boolean => text.length < 600 && OUTRO_OPENING.test(text.slice(0, 200))

/** A recorded outro: "Thank you for listening to … This episode was produced by …". */
export const isOutro = (text: string): boolean =>
  text.length < 3000 && OUTRO_OPENING.test(text.slice(0, 200)) && OUTRO_CREDITS.test(text)

/** After the last label: is this paragraph clearly not more of the last speaker's turn? */
// The heading of a part of the post after the talk: `Show notes:`, `## Links`, `**Mentioned in this episode**`.
const POST_HEADING = /^(?:#{1,6}[ \t]*)?[*_]{0,2}(?:show notes|episode notes|(?:useful )?links|resources|references|sources|(?:further|recommended) reading|(?:links |things |books )?mentioned(?: in (?:the|this) (?:episode|show|conversation))?|timestamps|chapters|related(?: episodes| posts| links)?|about (?:the|our) (?:guests?|hosts?|show|podcast)|follow us|connect with us|shownotes|links zur (?:folge|episode|sendung)|kapitel(?:marken)?|notas del episodio|enlaces|cap[ií]tulos|notes de l['’](?:épisode|émission)|liens|chapitres|note dell['’]episodio|collegamenti)[*_]{0,2}[ \t]*:?[*_]{0,2}$/iu

const isPostHeading = (text: string): boolean => text.length < 80 && POST_HEADING.test(text.trim())

/**
 * After the last label: a paragraph that ends the talk (a promo, credits, another script or another
 * language, the heading of the post's notes).
 */
export const isNonSpeech = (text: string, transcriptScript: ScriptClass, transcriptLanguage: string): boolean =>
  isPromo(text) || isCredits(text) || isTranscriptNote(text) || isPostHeading(text) || scriptClass(text) !== transcriptScript || inOtherLanguage(text, transcriptLanguage)

export type SectionPosition = 'before' | 'after'

export interface ClassifyOptions {
  /** Language of the turns, so text in another language is told apart. */
  transcriptLanguage: string
  /** Before the first turn, a short run of text is the episode's show notes; after the last, other. */
  position: SectionPosition
}

interface Block {
  promo: boolean
  paragraphs: string[]
}

/** Runs of paragraphs that can share a kind: promos stand apart, and a change of script splits. */
const toBlocks = (texts: readonly string[]): Block[] => {
  const blocks: Block[] = []
  let script: ScriptClass | undefined
  for (const text of texts) {
    const promo = isPromo(text)
    const thisScript = scriptClass(text)
    const last = blocks[blocks.length - 1]
    if (last && last.promo === promo && (promo || thisScript === script)) last.paragraphs.push(text)
    else blocks.push({ promo, paragraphs: [text] })
    script = thisScript
  }
  return blocks
}

const kindOf = (block: Block, text: string, language: string, options: ClassifyOptions): SectionKind => {
  if (block.promo) return 'promo'
  if (block.paragraphs.length >= ARTICLE_MIN_PARAGRAPHS && estimateWords(text) >= ARTICLE_MIN_WORDS) return 'article'
  const foreign = language !== 'und' && options.transcriptLanguage !== 'und' && language !== options.transcriptLanguage
  if (foreign || options.position === 'after') return 'other'
  return 'show-notes'
}

/**
 * Classifies non-transcript paragraphs; consecutive paragraphs of one kind and language
 * form one section, their texts joined by a blank line.
 *
 * @example
 * classifySections(['We discuss…', 'What the new export controls do,'], { transcriptLanguage: 'en', position: 'before' })
 * // [{ kind: 'show-notes', language: 'en', text: 'We discuss…\n\nWhat the new export controls do,' }]
 */
/** A section's language; text too short for trigrams to be trusted (a lone "We discuss…") takes the transcript's. */
export const sectionLanguage = (text: string, transcriptLanguage: string): string => {
  const detected = text.length < MIN_TRUSTED_CHARS && scriptClass(text) !== 'cjk' ? 'und' : detectLanguage(text)
  return detected === 'und' ? transcriptLanguage : detected
}

export const classifySections = (texts: readonly string[], options: ClassifyOptions): Section[] => {
  const sections: Section[] = []
  for (const block of toBlocks(texts)) {
    const text = block.paragraphs.join('\n\n')
    const language = sectionLanguage(text, options.transcriptLanguage)
    const kind = kindOf(block, text, language, options)
    const last = sections[sections.length - 1]
    if (last && last.kind === kind && last.language === language) last.text += `\n\n${text}`
    else sections.push({ kind, language, text })
  }
  return sections
}
