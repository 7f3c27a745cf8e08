/**
 * Language of a block of text as ISO 639-1 ("en", "zh"), or "und". CJK is decided by counting
 * Unicode scripts, which is exact and cheap; franc-min (trigrams, ISO 639-3) decides the rest
 * and its codes are mapped here. A language without a 639-1 code keeps its 639-3 code.
 */
import { franc } from 'franc-min'

const ISO_639_1: Readonly<Record<string, string>> = {
  spa: 'es', eng: 'en', por: 'pt', ind: 'id', fra: 'fr', deu: 'de', jav: 'jv', vie: 'vi', ita: 'it',
  tur: 'tr', pol: 'pl', swh: 'sw', sun: 'su', ron: 'ro', hau: 'ha', fuv: 'ff', bos: 'bs', hrv: 'hr',
  nld: 'nl', srp: 'sr', ckb: 'ku', yor: 'yo', uzn: 'uz', zlm: 'ms', ibo: 'ig', tgl: 'tl', hun: 'hu',
  azj: 'az', ces: 'cs', run: 'rn', plt: 'mg', qug: 'qu', nya: 'ny', zyb: 'za', kin: 'rw', zul: 'zu',
  swe: 'sv', lin: 'ln', som: 'so', rus: 'ru', ukr: 'uk', bel: 'be', bul: 'bg', kaz: 'kk', arb: 'ar',
  urd: 'ur', pes: 'fa', pbu: 'ps', hin: 'hi', mar: 'mr', npi: 'ne', cmn: 'zh', ben: 'bn', jpn: 'ja',
  kor: 'ko', tel: 'te', tam: 'ta', guj: 'gu', kan: 'kn', mal: 'ml', mya: 'my', pan: 'pa', amh: 'am',
  tha: 'th', sin: 'si', ell: 'el',
}

// Enough text for trigrams to be reliable; more only costs time (franc's time grows with the
// sample). On UDHR windows of the 74 languages franc-min names, 1500 chars were as often right
// as 2000 (92.5%, 424 windows) and 1000 a point worse; 1500 saves a quarter of the time.
const SAMPLE_CHARS = 1500
const MIN_CHARS = 20

export type ScriptClass = 'cjk' | 'other'

interface ScriptCounts {
  han: number
  kana: number
  hangul: number
  letters: number
}

const countScripts = (text: string, limit = SAMPLE_CHARS): ScriptCounts => {
  const counts: ScriptCounts = { han: 0, kana: 0, hangul: 0, letters: 0 }
  const end = Math.min(text.length, limit)
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i)
    if (c < 0x80) {
      if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) counts.letters++
    } else if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf)) {
      counts.han++
      counts.letters++
    } else if (c >= 0x3040 && c <= 0x30ff) {
      counts.kana++
      counts.letters++
    } else if (c >= 0xac00 && c <= 0xd7af) {
      counts.hangul++
      counts.letters++
    } else if (c >= 0xc0 && c !== 0xd7 && c !== 0xf7 && !(c >= 0x2000 && c <= 0x2bff) && !(c >= 0x3000 && c <= 0x303f) && !(c >= 0xff00 && c <= 0xff20)) {
      counts.letters++
    }
  }
  return counts
}

const cjkShare = (c: ScriptCounts): number => (c.letters === 0 ? 0 : (c.han + c.kana + c.hangul) / c.letters)

/** Whether the text is mostly written in Chinese, Japanese or Korean characters. */
/** The script class a language is written in, where its code says (`und` says nothing). */
export const languageScript = (language: string): ScriptClass | undefined =>
  language === 'und' ? undefined : ['zh', 'ja', 'ko'].includes(language) ? 'cjk' : 'other'

export const scriptClass = (text: string): ScriptClass => (cjkShare(countScripts(text)) >= 0.3 ? 'cjk' : 'other')

/**
 * @example
 * detectLanguage('在中国,传统上有几个高危职业') // 'zh'
 * detectLanguage('We discuss what the new export controls do') // 'en'
 */
export const detectLanguage = (text: string): string => {
  const counts = countScripts(text)
  if (cjkShare(counts) >= 0.3) {
    if (counts.kana > 0 && counts.kana * 10 >= counts.han) return 'ja'
    if (counts.hangul > counts.han) return 'ko'
    return 'zh'
  }
  const sample = text.length > SAMPLE_CHARS ? text.slice(0, SAMPLE_CHARS) : text
  const code = franc(sample, { minLength: MIN_CHARS })
  if (code === 'und') return 'und'
  return ISO_639_1[code] ?? code
}

/** A rough word count that works for scripts written without spaces: two CJK characters ≈ one word. */
export const estimateWords = (text: string): number => {
  const counts = countScripts(text, text.length)
  const spaced = text.split(/\s+/).filter((t) => /[A-Za-z0-9\u00c0-\u024f\u0400-\u04ff]/.test(t)).length
  return spaced + Math.round((counts.han + counts.kana + counts.hangul) / 2)
}

// Shorter turns ("Yeah.", "Right, exactly") are too short for trigrams: they take the transcript's language.
const TURN_MIN_CHARS = 120
const TURN_SAMPLE_CHARS = 600
const STOPWORD_SAMPLE_WORDS = 60
// Running text has 30–50% function words; another language in the same script has a few percent.
const STOPWORD_SHARE = 0.2

// The commonest function words of the languages podcasts are most often in: a turn with enough of
// its transcript's function words is in that language, and needs no trigram model (franc costs
// about 1 ms a turn, which was 70 times the cost of splitting itself).
const STOPWORDS: Readonly<Record<string, ReadonlySet<string>>> = {
  en: new Set('the and of to a in is that it i you we was for on are with as be this have not but they at so what do there if or my just about like'.split(' ')),
  de: new Set('der die das und ist nicht ich es sie zu den mit von ein eine auch auf für wir dass sich im dem aber wie noch so was'.split(' ')),
  fr: new Set('le la les de des et est que un une il je pas en du dans qui ce on pour sur au avec mais nous vous ne se plus'.split(' ')),
  es: new Set('el la los las de que y en un una es no por con para lo se del al como pero más yo sí muy eso esto'.split(' ')),
  it: new Set('il la di che e è un una non per in con del della sono mi ma si lo io ci questo come anche più'.split(' ')),
  nl: new Set('de het een en van is dat in ik je niet te op met zijn die er we ook maar voor dan als wat'.split(' ')),
  pt: new Set('o a os as de que e do da em um uma não para com é se no na por mais eu mas como isso'.split(' ')),
}

const isWordChar = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c > 0xbf

// Scanned by hand: a regex match over every turn was a third of the splitter's time.
const looksLike = (text: string, language: string): boolean => stopwordShare(text, language) >= STOPWORD_SHARE

/** The share of the text's first words that are the language's function words (0 for a language without a list). */
const stopwordShare = (text: string, language: string): number => {
  const stopwords = STOPWORDS[language]
  if (!stopwords) return 0
  const end = Math.min(text.length, TURN_SAMPLE_CHARS)
  let words = 0
  let hits = 0
  let i = 0
  while (i < end && words < STOPWORD_SAMPLE_WORDS) {
    while (i < end && !isWordChar(text.charCodeAt(i))) i++
    const start = i
    while (i < end && isWordChar(text.charCodeAt(i))) i++
    if (i === start) break
    words++
    // Function words are short; only those are worth a lookup.
    if (i - start <= 5 && stopwords.has(text.slice(start, i).toLowerCase())) hits++
  }
  return words > 0 ? hits / words : 0
}

/**
 * The language whose function words the text is fullest of, when they are a fifth of its words;
 * on a tie (words several languages share: "so", "de"), the one listed first, the commoner in podcasts.
 */
const languageByStopwords = (text: string): string | undefined => {
  let best: string | undefined
  let bestShare = 0
  for (const language of Object.keys(STOPWORDS)) {
    const share = stopwordShare(text, language)
    if (share > bestShare) {
      bestShare = share
      best = language
    }
  }
  return bestShare >= STOPWORD_SHARE ? best : undefined
}

// Below this, trigrams guess ("Welcome. Thanks. So? Well." reads as Swedish): a transcript this
// short takes a language only from its function words, else none ("und").
const DOCUMENT_MIN_CHARS = 100
// Below this, trigrams are still unsure (four short English lines read as Dutch): clear function
// words decide first.
const TRIGRAMS_TRUSTED_CHARS = 400

/**
 * The language of a transcript's speech, from a sample of it. A sample under 400 characters takes
 * it from its function words when they are clearly one language's; failing that, one of 100 or
 * more from its trigrams, a shorter one from `wider` (the whole document: a short exchange inside
 * an English post is English) when that is long enough, else "und".
 */
export const transcriptLanguageOf = (sample: string, wider?: () => string): string => {
  if (scriptClass(sample) === 'cjk' || sample.length >= TRIGRAMS_TRUSTED_CHARS) return detectLanguage(sample)
  const byWords = languageByStopwords(sample)
  if (byWords) return byWords
  if (sample.length >= DOCUMENT_MIN_CHARS) return detectLanguage(sample)
  const context = wider?.()
  return context !== undefined && context.length >= DOCUMENT_MIN_CHARS ? detectLanguage(context) : 'und'
}

/**
 * A case-insensitive pattern of phrases in languages other than English, bounded as whole words:
 * `\b` is ASCII-only, so letter lookarounds bound them ("danke fürs zuhören", "merci à").
 */
export const wholeWords = (pattern: string): RegExp => new RegExp(String.raw`(?<!\p{L})(?:${pattern})(?!\p{L})`, 'iu')

// Shorter than this, a paragraph's function words say too little to tell it from the transcript's language.
const OTHER_LANGUAGE_MIN_CHARS = 60

/**
 * Whether a paragraph is plainly in another language than the transcript's: full of another
 * language's function words and short of the transcript's ("En este episodio, Jordan habla con…"
 * after an English conversation). Function words only, so a technical paragraph with few of them
 * is never taken for another language by its trigrams.
 */
export const inOtherLanguage = (text: string, transcriptLanguage: string): boolean => {
  if (text.length < OTHER_LANGUAGE_MIN_CHARS || !STOPWORDS[transcriptLanguage] || looksLike(text, transcriptLanguage)) return false
  const other = languageByStopwords(text)
  return other !== undefined && other !== transcriptLanguage
}

/** A turn's language: the transcript's when the turn is short or reads like it, else detected. */
export const turnLanguage = (text: string, transcriptLanguage: string): string => {
  if (text.length < TURN_MIN_CHARS && scriptClass(text) !== 'cjk') return transcriptLanguage
  if (looksLike(text, transcriptLanguage)) return transcriptLanguage
  const detected = detectLanguage(text.slice(0, TURN_SAMPLE_CHARS))
  return detected === 'und' ? transcriptLanguage : detected
}
