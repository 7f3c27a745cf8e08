/**
 * Names as labels write them ("CHRIS MCGUIRE", "Chris McGuire", "José Núñez") reduced to one
 * comparable key, and the speaker id rule (design.md): the lowercase, ASCII-folded surname.
 */

const COMBINING_MARKS = /[\u0300-\u036f]/g
const NON_ID = /[^a-z0-9]+/g
const SUFFIXES = new Set(['jr', 'sr', 'ii', 'iii', 'iv', 'phd', 'md', 'esq'])

/** Lowercase, accents removed, whitespace collapsed: "José  NÚÑEZ" → "jose nunez". */
export const nameKey = (name: string): string =>
  name.normalize('NFKD').replace(COMBINING_MARKS, '').toLowerCase().replace(/\s+/g, ' ').trim()

export const nameTokens = (name: string): string[] => {
  const tokens = nameKey(name).split(' ').map((t) => t.replace(/[.,]+$/, '')).filter(Boolean)
  while (tokens.length > 1 && SUFFIXES.has(tokens[tokens.length - 1]!.replace(NON_ID, ''))) tokens.pop()
  return tokens
}

// Words that make a label a role, not a name: `Senator:`, `The Chairman:`, `Moderator:`, `Q:`.
// A title is never resolved to a person who bears it, so a bare `Senator:` is not credited to one.
export const TITLES: ReadonlySet<string> = new Set([
  'senator', 'sen', 'sen.', 'representative', 'rep', 'rep.', 'congressman', 'congresswoman', 'chairman', 'chairwoman',
  'chair', 'the', 'moderator', 'host', 'cohost', 'co-host', 'mr', 'mr.', 'mrs', 'mrs.', 'ms', 'ms.', 'dr', 'dr.', 'judge',
  'justice', 'chief', 'general', 'president', 'vice', 'commissioner', 'councilmember', 'councilman', 'councilwoman',
  'council', 'member', 'mayor', 'witness', 'question', 'answer', 'q', 'a', 'audience', 'interviewer', 'interviewee',
  'narrator', 'announcer', 'operator', 'voice', 'person', 'male', 'female', 'man', 'woman', 'participant', 'panelist', 'presenter', 'reporter',
  'clerk', 'secretary', 'governor', 'gov', 'gov.', 'assemblymember', 'supervisor', 'delegate', 'minister', 'speaker',
  'prof', 'prof.', 'professor', 'sir', 'dame', 'lord', 'lady', 'hon', 'hon.', 'honorable', 'caller', 'guest', 'student',
  // The Congressional Record's chairs: `The SPEAKER pro tempore.`, `The PRESIDING OFFICER.`, `The ACTING PRESIDENT pro tempore.`
  'pro', 'tempore', 'presiding', 'officer', 'acting',
  // A courtroom's: `THE COURT:`, `THE INTERPRETER:`, `THE DEFENDANT:`.
  'court', 'bailiff', 'interpreter', 'defendant', 'plaintiff', 'petitioner', 'respondent', 'juror', 'foreperson', 'marshal', 'prosecutor', 'counsel',
  // The ICSI meeting corpus's voices: a rank and a letter (`Grad F:`, `PhD A:`, `Postdoc B:`, `Professor E:`).
  'grad', 'phd', 'postdoc', 'undergrad',
  // An interview's question and answer in the languages of the press (`Frage:` / `Antwort:`, `Pregunta.` / `Respuesta.`).
  'frage', 'antwort', 'pregunta', 'respuesta', 'reponse', 'domanda', 'risposta', 'pergunta', 'resposta', 'vraag', 'antwoord',
  // The chairs and offices of French and German chambers: `M. le président`, `Präsidentin Bärbel Bas`.
  'presidente', 'ministre', 'premier', 'premiere', 'rapporteur', 'rapporteure', 'prasident', 'prasidentin', 'vizeprasident', 'vizeprasidentin',
])

/** Whether every word of a folded name is a title or role (`the chairman`, `moderator`): a label no one is called. */
export const isTitleOnly = (tokens: readonly string[]): boolean => tokens.length > 0 && tokens.every((t) => TITLES.has(t))


// `Schneider, Jordan`, `McGuire, Chris A.`, `van der Berg, Anna`: a directory's "surname, given
// name", as Microsoft Teams names voices in its transcripts and captions. One surname word (a
// hyphen or particles allowed) in mixed case, so `Chris Miller, Tufts` is not one.
const INVERTED_NAME = /^((?:(?:van|von|de|da|del|der|di|du|la|le|ter|ten) )*\p{Lu}[\p{Ll}\p{M}'’]*(?:\p{Lu}[\p{Ll}\p{M}'’]+)?(?:-\p{Lu}[\p{Ll}\p{M}'’]+)?), (\p{Lu}[\p{Ll}\p{M}'’]+(?:-\p{Lu}[\p{Ll}\p{M}'’]+)?(?: \p{Lu}\.?| \p{Lu}[\p{Ll}\p{M}'’]+)?)$/u

/** A name as a directory writes it, surname first, put in speaking order: `Schneider, Jordan` → "Jordan Schneider". */
export const uninvertedName = (name: string): string => {
  const inverted = INVERTED_NAME.exec(name.trim())
  return inverted && !SUFFIXES.has(nameKey(inverted[2]!).replace(NON_ID, '')) ? `${inverted[2]} ${inverted[1]}` : name
}

/** The key a label is counted and looked up by: a diarized voice's id, else its folded name in speaking order. */
export const labelKey = (label: string): string => placeholderId(label) ?? nameKey(uninvertedName(label))

// Honorifics that open a name in parliaments' records and never stand for a person alone:
// `Right Hon. Justin Trudeau`, `Shri Rahul Gandhi`, `Smt. Nirmala Sitharaman`.
const HONORIFICS: ReadonlySet<string> = new Set(['right', 'rt', 'rt.', 'shri', 'shrimati', 'smt', 'smt.', 'sushri', 'kumari', "hon'ble", 'honourable',
  'm.', 'mme', 'mlle', 'herr', 'frau', 'sr.', 'sra.'])

/**
 * A person's name without the titles a label puts before it, where a given name and a surname
 * remain: `Hon. Pierre Poilievre` → "Pierre Poilievre", `Senator Elizabeth Warren` → "Elizabeth
 * Warren"; `Mr. Nebenzia` and `The President` stay as they are.
 */
export const withoutTitles = (name: string): string => {
  const words = name.trim().split(/\s+/)
  let i = 0
  const isTitle = (word: string) => {
    const key = nameKey(word)
    return TITLES.has(key) || TITLES.has(key.replace(/\.$/, '')) || HONORIFICS.has(key)
  }
  while (i < words.length - 2 && isTitle(words[i]!)) i++
  return i > 0 && words.slice(i).every((w) => !isTitle(w)) ? words.slice(i).join(' ') : name
}

// A label that is a role and nothing else states it, in the languages transcripts are written in.
const ROLE_WORDS = new Map<string, 'host' | 'guest'>([
  ...['host', 'cohost', 'co-host', 'presenter', 'anchor', 'moderator', 'interviewer', 'moderatorin', 'moderador', 'moderadora',
    'entrevistador', 'entrevistadora', 'intervistatore', 'intervistatrice', 'animateur', 'animatrice', 'présentateur', 'présentatrice',
    'presentador', 'presentadora', 'apresentador', 'apresentadora', 'conduttore', 'conduttrice', 'presentatore', 'presentatrice',
    'gastgeber', 'gastgeberin', 'interviewerin', 'presentator', 'intervieweur', 'intervieweuse',
    '主持人', '主持', '主播', '采访者', '訪問者', '司会', '聞き手', 'インタビュアー', '인터뷰어', '진행자', '사회자', 'ведущий', 'ведущая', 'المذيع', 'المذيعة', 'المحاور', 'المقدم', 'एंकर', 'संचालक', 'מנחה',
  ].map((w) => [nameKey(w), 'host'] as const),
  ...['guest', 'guests', 'interviewee', 'gast', 'gäste', 'invité', 'invitée', 'invités', 'invitées', 'invitado', 'invitada', 'invitados', 'invitadas',
    'convidado', 'convidada', 'convidados', 'entrevistado', 'entrevistada', 'ospite', 'ospiti', 'gasten', 'interviewpartner',
    'interviewpartnerin', 'gesprächspartner', 'gesprächspartnerin', 'interviewé', 'interviewée',
    '嘉宾', '嘉賓', '来宾', '來賓', '受访者', '受訪者', 'ゲスト', '話し手', '게스트', 'гость', 'гостья', 'الضيف', 'الضيفة', 'मेहमान', 'अतिथि', 'אורח', 'אורחת',
  ].map((w) => [nameKey(w), 'guest'] as const),
])

/** The role a label that is only a role states: `Host:` → host, `Guest:` → guest, `主持人：` → host. */
export const labelRole = (label: string): 'host' | 'guest' | undefined => {
  const tokens = nameTokens(label).filter((t) => t !== 'the')
  return tokens.length === 1 ? ROLE_WORDS.get(tokens[0]!) : undefined
}

/**
 * A speaker name that is a title or role and nothing else (`Host`, `The CHAIRMAN`, `主持人`), or a
 * numbered voice (`Participant 3`, `Caller 2`, `P1`): no one's name, so no entity.
 */
export const isRoleName = (name: string): boolean => {
  const tokens = nameTokens(name)
  const last = tokens[tokens.length - 1] ?? ''
  const numbered = tokens.length > 1 && /^\d+$/.test(last) ? tokens.slice(0, -1) : tokens
  // A single letter (`P:` / `R:`, `F:` / `A:`: an interview's question and answer) names no one either.
  return isTitleOnly(numbered) || labelRole(name) !== undefined || (tokens.length === 1 && (isNumberedVoice(last.toUpperCase()) || /^\p{L}\.?$/u.test(last)))
}

/** A numbered participant of a research interview or focus group: `P1`, `R2`, `INT3`. */
export const isNumberedVoice = (label: string): boolean => /^\p{Lu}{1,3}\d{1,3}$/u.test(label.trim())

// "Speaker" as diarizing tools write it in other languages (Word, Teams and transcription services):
// Sprecher, Intervenant, Hablante, Orador, Spreker, Relatore, 发言人, 説話人, 話者, 화자…
export const CJK_PLACEHOLDER_WORD = '(?:说话人|說話人|发言人|發言人|讲者|講者|話者|発言者|화자|발언자)'
export const PLACEHOLDER_WORD = String.raw`(?:speaker|spk|sprecher(?:in)?|intervenante?|locut(?:eur|rice|or|ora)|orat(?:eur|ore)|orador(?:a)?|hablante|interlocutor(?:a)?|spreker|relat(?:ore|rice)|parlante|talare|taler|puhuja|mówca|konuşmacı|говорящий|спикер|المتحدث|متحدث|वक्ता|דובר|ผู้พูด|${CJK_PLACEHOLDER_WORD})`
// `Speaker 2`, `SPEAKER_1`, and AssemblyAI's lettered voices, `Speaker A`.
const PLACEHOLDER = new RegExp(String.raw`^${PLACEHOLDER_WORD}[\s_#-]*(\d{1,3}|[٠-٩]{1,3}|[a-z])$`, 'iu')
// Eastern Arabic digits, as Arabic transcripts number voices: `المتحدث ١`.
const westernDigits = (digits: string): string => digits.replace(/[٠-٩]/g, (d) => String(d.charCodeAt(0) - 0x660))
// Labels that say only that someone unnamed speaks: a questioner, the audience, an unidentified voice,
// several at once (`BOTH:`).
const UNKNOWN = /^(?:unknown|unidentified|inaudible|(?:unknown|unidentified|unidentified audience|unnamed) (?:speaker|person|voice|male|female|man|woman|participant|reporter)|question(?:er)?|audience(?: members?)?|(?:audience|crowd) (?:member|question)|crowd|reporter|multiple speakers|voices?|off[- ]camera|both|everyone|everybody|together|all (?:together|speakers|guests|panelists|hosts))(?:[\s#-]*\d{0,3})?$/i

/** Diarization placeholders carry no name: `SPEAKER_1`, `Speaker 2` → "speaker-1"; `Unknown` → "unknown". */
export const placeholderId = (label: string): string | undefined => {
  const trimmed = label.trim()
  const numbered = PLACEHOLDER.exec(trimmed)
  if (numbered) return `speaker-${/[\d٠-٩]/.test(numbered[1]!) ? Number(westernDigits(numbered[1]!)) : numbered[1]!.toLowerCase()}`
  if (UNKNOWN.test(trimmed)) return 'unknown'
  return undefined
}

const asciiId = (token: string): string => token.replace(NON_ID, '-').replace(/^-+|-+$/g, '')

/**
 * The surname part of an id: the last name token (suffixes such as "Jr." dropped), ASCII only.
 * A name with no ASCII letters at all (主持人) keeps its own lowercase characters instead,
 * because an empty id is not allowed and "unknown" would merge different people.
 */
export const surnameId = (name: string): string => {
  const placeholder = placeholderId(name)
  if (placeholder) return placeholder
  const tokens = nameTokens(name)
  // A chair or office, not a person: all of it ("speaker-pro-tempore", "presiding-officer").
  if (tokens.length > 1 && isTitleOnly(tokens)) {
    const office = asciiId(tokens.filter((t) => t !== 'the').join(' '))
    if (office) return office
  }
  const last = asciiId(tokens[tokens.length - 1] ?? '')
  // `Jordan S.`: an initial is no surname, and alone it would merge everyone whose name shares it.
  if (last.length === 1) {
    const named = tokens.filter((t) => !TITLES.has(t))
    if (named.length > 1) return asciiId(named.join(' '))
  }
  // `Participant 3`, `Caller 2`, `Juror 5`: the number tells voices apart only beside its word.
  if (tokens.length > 1 && /^\d+$/.test(last)) return asciiId(tokens.join(' '))
  if (last) return last
  const whole = asciiId(tokens.join(' '))
  return whole || nameKey(name).replace(/\s+/g, '-') || 'unknown'
}

/** The first-name part used to tell apart two people who share a surname: "smith-john". */
export const givenNameId = (name: string): string => asciiId(nameTokens(name)[0] ?? '')

/**
 * How a label is shown when it was written in capitals only: "CHRIS MCGUIRE" → "Chris McGuire"; a
 * surname in capitals after a title in mixed case too: "Chairman GRASSLEY" → "Chairman Grassley".
 * A mixed-case spelling seen elsewhere (a hint, another label) is preferred by the roster.
 */
export const displayName = (label: string): string => {
  const trimmed = label.replace(/\s+/g, ' ').trim()
  if (trimmed === trimmed.toLowerCase() || INITIALS.test(trimmed) || DOTTED_INITIALS.test(trimmed)) return trimmed
  // `Chairman GRASSLEY`, `Mr. McGUIRE`: hearing records set the surname in capitals after a title.
  if (trimmed !== trimmed.toUpperCase()) {
    const first = trimmed.split(' ')[0]!
    return !isAllCaps(first) && TITLES.has(first.toLowerCase().replace(/\.$/, '')) ? trimmed.replace(CAPITALS_SURNAME, (_w, prefix: string | undefined, rest: string) => (prefix ?? '') + titleCase(rest)) : trimmed
  }
  return titleCase(trimmed)
}

// A word in capitals of two letters or more, with a prefix kept as written: `GRASSLEY`, `McGUIRE`, `DeLAURO`.
const CAPITALS_SURNAME = /(?<![\p{L}'’(-])(Ma?c|De|Di|La|Le|Van)?(\p{Lu}[\p{Lu}'’-]+)(?![\p{L}])/gu

// `J.S.:`, `C.M.:`: initials written with their stops.
const DOTTED_INITIALS = /^(?:\p{Lu}\.){2,3}$/u
// `JS:`, `CM:`: a speaker's initials, which no vowel makes a name ("BOB", "ANN", "AL" are names).
const INITIALS = /^[B-DF-HJ-NP-TV-XZ]{2,3}$/

/** Each word's first letter in capitals, the rest in lower case: "CHRIS O’BRIEN" and "chris o’brien" → "Chris O’Brien", "CHRIS MCGUIRE" → "Chris McGuire". */
export const titleCase = (name: string): string =>
  name.toLowerCase().replace(/(^|[\s'’-])(\p{L})/gu, (_m, sep: string, ch: string) => sep + ch.toUpperCase())
    // "MCGUIRE" → "McGuire": Mc always opens a name with a capital after it.
    .replace(/(?<![\p{L}])Mc(\p{Ll})/gu, (_m, ch: string) => `Mc${ch.toUpperCase()}`)

export const isAllCaps = (label: string): boolean => label === label.toUpperCase() && label !== label.toLowerCase()
