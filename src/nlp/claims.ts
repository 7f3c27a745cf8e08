import type { ClaimKind, Quantity } from '../record/schema.js'
import { scanLexicons, type LexiconHits } from './lexicons.js'
import { lowerWords } from './phrase-index.js'
import { lexiconTags } from './pos.js'
import type { Feature } from './types.js'

/**
 * Claim scoring: a linear sum of named, hand-weighted features, squashed to a confidence. Every
 * feature that fires is returned, so a kept or rejected sentence can always be explained.
 */


// "should" after "who"/"that" describes ("a spy who should be fired"), and proverbs are not advice.
const DESCRIBED = /\b(?:who|which|what['’]s good for the goose) $/i
// "you have to trace", "I have to explain", "everyone has to learn": a necessity described, not advice;
// "you don't have to worry about it" says there is none.
const DESCRIPTIVE_NEED = /\b(?:you|i|they|he|she|everyone|everybody|one)(?: (?:just|still|also|always|often|sometimes|then|really|actually|don['’]t|do not|doesn['’]t|does not|didn['’]t|did not|never))? $/i
const PRESCRIPTIVE = /\b(should(?:n['’]t)?|must|ought to|needs? to|have to|has to|got to|gotta|it['’]s (?:also )?(?:incumbent|important|critical|worth reiterating)|(?:is|it['’]s) (?:unbelievably |really |very )?critical that|you (?:don['’]t|do not) want to|better off|would be better|it['’]d be better|appealing to|mistake would be|no-brainer|could be (?:helpful|useful|worth|something to consider)|needs (?:a|an|more|better|stronger|new) |(?:would|will) be a (?:mistake|error)|(?:it['’]s|it is) a (?:mistake|error) to|(?:my|our) (?:recommendation|advice|suggestion|proposal) (?:is|would be)|the (?:best|right|only|smart|wise|obvious) (?:path forward|way forward|move|thing to do|approach|option|course|policy|response) (?:here )?(?:is|would be)|the way forward (?:is|would be))\b/gi
// A proposed policy is advice even when worded as a forecast: "This bill would streamline approvals".
const PROPOSAL = /\b(?:bill|act|legislation|proposal|amendment|plan|reform|provision)s? (?:would|will)\b/i
const IMPERATIVE = /^(?:don['’]t|do not|let['’]s|we (?:don['’]t|do not) want to)\b/i
// What someone is quoted as saying is not the speaker's own modality: "they say, “we're going to…”".
const QUOTED = /“[^”]*”?|"[^"]*"?/g
const BACKCHANNEL = /^(?:yeah|yes|no|oh|wow|okay|right|exactly|sure|totally|completely agree|i agree|i don['’]t disagree|that makes sense|not an unreasonable|anything else|that['’]s right|that['’]s a big question|that['’]s an open question|this is the key question|i['’]m skeptical)\b/i
const ANAPHOR = /^(?:it|that|this|they|these|those|he|she|which)\b/i
// "It's a fascinating story.", "That's a really important distinction.", "It was a crazy time.": a
// judgement of what was just said, with nothing in it to check, whatever claim came before.
const EVALUATION = /^(?:(?:and|but|so|well|oh|yeah|i mean),? )*(?:it|that|this)(?:['’]s| is| was| has been)(?: (?:just|really|so|very|quite|pretty|truly|absolutely|incredibly|super|such|also|kind of|sort of|a|an))*(?: (?:huge deal|big deal|great|good|fascinating|interesting|amazing|crazy|remarkable|incredible|wild|fun|funny|brilliant|complicated|complex|hard|tough|difficult|scary|sad|heartbreaking|insane|nuts|wonderful|awesome|cool|weird|strange|surprising|fair|important|excellent|fantastic|terrific|neat|lovely|beautiful|tricky|messy|frustrating|depressing|exciting|terrifying|powerful|profound|striking|helpful|useful|perfect))(?: (?:story|point|question|idea|thing|time|number|distinction|topic|conversation|one|example|observation|insight|answer|place to start|way to put it))?[.!]*$/i
// Hosting talk, not claims: greetings, thanks, sign-offs.
const PLEASANTRY = /^(?:(?:well|so|and|oh|okay|ok),? )*(?:(?:well,? )?thanks?(?: you)?(?: (?:so|very) much)?(?: for (?:having|joining|coming|listening|being)\b[^.!?]*)?[.!,]?$|(?:hello|hi|hey|good (?:morning|afternoon|evening|day)),? |welcome (?:back )?to |(?:great|good|nice) to (?:be here|see you|have you)|bye|see you|take care|cheers|until next time|talk (?:to you )?soon|catch you|that['’]s (?:all|it) (?:for (?:now|today|this (?:week|episode|time))|we have time for))/i
// Where to find a guest, as an episode closes: "You can find me on Twitter and my book is Chip War",
// "follow us on LinkedIn", "check out my newsletter".
const PLUG = /\b(?:(?:you|people|listeners|folks|everyone) can (?:find|follow|reach|read) (?:me|us|him|her|them|my|our|his|their|more)|find (?:me|us) (?:on|at|online)|follow (?:me|us) (?:on|at)|check out (?:my|our) (?:book|newsletter|podcast|substack|website|site|work|blog)|(?:my|our) (?:new )?(?:book|newsletter|substack|podcast|website) is (?:called|available|out)\b)/i
// Speech-to-text often ends a question with a full stop: "Are there any projects you're excited about."
// A verb before its subject opening the sentence says it is one.
const INVERTED_QUESTION = /^(?:(?:so|and|but|now|okay|ok|well|also),? )*(?:are|is|do|does|did|can|could|would|will|have|has|should|was|were)(?:n['’]t)? (?:there|you|we|they|i|it|he|she|y['’]all)\b/i
// "Introductions, please": "I am a platform engineer at Tietoevry", "My name is…", "I'm based in Oslo".
// A speaker's account of their own career and standing: "I was a federal prosecutor for 15 years",
// "I am also on the board of advisors of BlockSeer", "I am not a law enforcement expert".
const INTRODUCTION = /\b(?:[Mm]y name is|I['’]m based in|I am based in|I (?:currently )?work (?:at|for) \p{Lu}|I(?:['’]m| am) (?:a|an|the) (?:[\w-]+ ){0,4}(?:at|of|for|with) (?:the )?\p{Lu}|[Mm]y (?:title|role|job|position) (?:at (?:the )?\p{Lu}[\w-]* )?is\b|I (?:run|lead|head|direct|co-?founded|founded) (?:the |a |an )?(?:[\w-]+ ){0,4}(?:at|of) (?:the )?\p{Lu}|I (?:was|have been|['’]ve been) (?:a|an) (?:[\w-]+ ){1,4}(?:for|since) (?:\d|over|more than|almost|nearly|about|the (?:last|past))|I(?:['’]m| am) (?:also )?(?:on|a member of) the (?:[\w-]+ ){0,2}(?:board|faculty|council|committee)|I(?:['’]m| am) (?:not )?(?:a|an) (?:[\w-]+ ){0,3}expert\b)/u
// The person addressed, before thanks or a welcome: "Fei-Fei, thank you so much for being here."
// "I want to thank the Commission and General Slater for their leadership…": thanks and welcomes
// that open a hearing or an episode, however long the list of those thanked.
const THANKING = /^(?:(?:and|so|well|first|first of all|also|now|again),? )*(?:i |we |i(?=['’])|we(?=['’]))?(?:(?:also |just |really )?(?:want|would like|['’]d like|wanted|wish)) to (?:(?:also|just|really|personally) )?(?:thank|welcome|recognize|acknowledge|congratulate)\b/i
const VOCATIVE = /^(?:\p{Lu}[\p{L}'’-]*(?: \p{Lu}[\p{L}'’-]*)?, ){1,2}/u
// The host announcing what happens next: "We are going to do some brief intros", "I'll turn it over to".
const AGENDA = /^(?:(?:so|and|now|ok|okay|well|first|next|then|also),? )*(?:we|i)(?:['’]re| are|['’]ll| will| am|['’]m)(?: also)? (?:(?:going to|gonna) )?(?:do (?:some|a|the|our)|start|kick|talk|hear from|open it|turn it over|wrap|begin|be around|be (?:right )?back|be here|be taking|take (?:some )?questions|switch|jump|dive)\b/i
// The host handing over: "So Chris, walk us through the US response", "Tell me about the rule": a request, not a claim.
const PROMPT = /^(?:(?:so|and|now|ok|okay|well|alright|all right),? )*(?:\p{Lu}[\p{L}'’-]+,? )?(?:walk|tell|talk|give|take|help|explain|describe|share|paint|unpack|remind|break|lay) (?:us|me|everyone|our (?:listeners|audience)|the audience)\b/iu
const IDIOM_DEAL = /\b(?:big|huge|great|good|real|no|such a) deal\b/i
const URL = /\bhttps?:\/\/|\bwww\.|\b[\w-]+\.(?:com|org|net|io|fm)\/\S/i
// "When we first started, we would record together": "would" of a habit in the past, not a prediction.
const HABITUAL_PAST = /\b(?:when (?:i|we|they|he|she|you) (?:first |were |was |started|began|had|used)|back (?:then|in the day)|in those days|used to|as a (?:kid|child)|growing up|years ago|every (?:summer|winter|year|day|week|weekend|morning|night|time)|at that (?:point|time)|what (?:people|we|they) would do|all of a sudden|one day|(?:that|the entire|the whole) (?:summer|winter|year))\b/i
// "I was born in Kyiv", "When I was 18, I moved", "And in New York, I completed my education": the
// speaker's own story, wherever the "I" stands, is no policy claim unless policy words or figures
// make it one. "I think", "I mean", "you know" only frame a claim.
const EPISTEMIC = /\b(?:i (?:think|guess|mean|believe|suspect|feel like|would say|know|agree|don['’]t think|(?:would )?(?:argue|add|note|stress|emphasi[sz]e|point out))|i['’]d (?:also )?(?:say|add|argue|note|stress|emphasi[sz]e|point out)|i want to (?:add|stress|emphasi[sz]e|point out|flag)|i['’]m (?:not )?sure|my (?:sense|view|argument|point|guess|read|take) is|you know|seems to me|to me)\b/gi
// The first words of SELF's alternatives: a sentence without one of them skips both regexes.
const SELF_WORDS = new Set(['i', 'me', 'my', 'myself', 'our', 'we', 'all', 'one', 'back'])
const SELF = /\b(?:i|i['’](?:m|ve|d|ll)|me|my|myself|our (?:kids|family|children|parents|grandparents|home|house)|we (?:were|went|used to|did not|didn['’]t|moved|lived|grew up)|all of a sudden|one day|back then)\b/i

const WEIGHTS = {
  bias: -0.3,
  question: -5,
  tooShort: -2.5,
  short: -0.6,
  backchannel: -1.2,
  evaluation: -1.5,
  meta: -2.5,
  pleasantry: -2.5,
  // Whom a speaker thanks is named at length, with titles that read as policy words and entities;
  // so is where a speaker introducing themselves works ("head of policy at the Center for…").
  thanking: -4,
  introduction: -4,
  url: -2,
  personal: -2.5,
  fragment: -1.2,
  conditionAlone: -2.5,
  policyTerm: 1.4,
  morePolicyTerms: 0.35,
  entity: 0.9,
  quantity: 0.9,
  duration: 0.5,
  context: 0.9,
  modal: 0.4,
  long: 0.5,
} as const

export interface ClaimInput {
  text: string
  /** Non-speaker entity ids mentioned in the sentence. */
  entityIds: readonly string[]
  quantities: readonly Quantity[]
  /** Whether the previous sentence of the same turn was kept as a claim. */
  previousKept: boolean
  /** The sentence's lower-cased tokens, when the caller has them. */
  words?: readonly string[]
  /** The sentence's lexicon hits, when the caller has them. */
  hits?: LexiconHits
}

export interface ClaimDecision {
  score: number
  confidence: number
  kind: ClaimKind
  features: Feature[]
}

const DURATIONS = new Set(['years', 'year', 'months', 'month', 'weeks', 'week', 'days', 'day', 'hours', 'hour', 'minutes', 'minute', 'seconds', 'decades', 'times'])

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x))

// Words without which the kind patterns cannot match: a Set lookup per word skips most regex work.
const PRESCRIPTIVE_GATE = new Set(['should', 'shouldn', 'must', 'ought', 'need', 'needs', 'gotta', 'important',
  'incumbent', 'critical', 'worth', 'want', 'better', 'appealing', 'mistake', 'brainer', 'helpful', 'useful', 'consider', 'let',
  'error', 'recommendation', 'advice', 'suggestion', 'proposal', 'forward', 'best', 'right', 'only', 'smart', 'wise', 'obvious'])
// "have to", "has to", "got to": common verbs gate only before "to".
const BEFORE_TO = new Set(['have', 'has', 'got'])

const ATTRIBUTING = new Set(['say', 'argue', 'agree', 'note', 'contend', 'suggest', 'describe', 'call', 'point'])
const PREDICTIVE_WORDS = new Set(['will', 'gonna', 'would', 'wouldn', 'could', 'might', 'may', 'likely', 'eventually', 'maybe'])
const PAST_COPULA = new Set(['was', 'were', 'wasn', 'weren', 'had', 'did'])
const APOSTROPHES = new Set(['’', "'"])
// "is expected to", "are projected to", "is set to": a forecast stated as someone's expectation.
const EXPECTED_TO = new Set(['expected', 'projected', 'forecast', 'predicted', 'poised', 'slated', 'set', 'likely'])
const PRESENT_COPULA = new Set(['is', 'are', 's', 're', 'be'])
// "analysts expect prices to rise", "I predict": forecasting verbs in the present.
const FORECASTING = new Set(['expect', 'expects', 'predict', 'predicts', 'forecast', 'forecasts', 'anticipate', 'anticipates'])
// Every word the cue scan below acts on: any other word only ends the sentence opening.
const CUE_SCAN_WORDS = new Set(['“', '”', 'but', 'and', 'so', 'even', 'if', 'once', 'unless', ...PREDICTIVE_WORDS,
  'going', 'won', 'll', 'd', 'end', 'ends', 'future', 'possible', 'guess', ...EXPECTED_TO, ...FORECASTING])

// What the rules below look for in a sentence's words, found in one pass with one lookup per word:
// each rule then tests a bit instead of scanning the words again with sets of its own.
const PRESCRIPTIVE_WORD = 1
const CUE_WORD = 2
const SELF_WORD = 4
const WWW = 8
const FORECAST_VERB = 16 // "would", "will": what a proposal's forecast needs
const HAVE_TO = 32 // "have", "has", "got": a prescriptive word only before "to"
const WORD_CLASSES = new Map<string, number>()
const classify = (words: Iterable<string>, bit: number): void => {
  for (const w of words) WORD_CLASSES.set(w, (WORD_CLASSES.get(w) ?? 0) | bit)
}
classify(PRESCRIPTIVE_GATE, PRESCRIPTIVE_WORD)
classify(BEFORE_TO, HAVE_TO)
classify(CUE_SCAN_WORDS, CUE_WORD)
classify(SELF_WORDS, SELF_WORD)
classify(['www'], WWW)
classify(['would', 'will'], FORECAST_VERB)

/** The classes of the sentence's words (the bits above), or-ed; "have to" counts as prescriptive. */
const wordClasses = (words: readonly string[]): number => {
  let bits = 0
  for (let i = 0; i < words.length; i++) {
    const c = WORD_CLASSES.get(words[i] as string)
    if (c === undefined) continue
    bits |= c
    if (c & HAVE_TO && words[i + 1] === 'to') bits |= PRESCRIPTIVE_WORD
  }
  return bits
}

const lowerOrDigit = (w: string): boolean => {
  const c = w.charCodeAt(0)
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57)
}

const MONTHS = new Set(['january', 'february', 'march', 'april', 'june', 'july', 'august', 'september', 'october', 'november', 'december'])
const BEFORE_A_MONTH = new Set(['in', 'of', 'since', 'until', 'till', 'through', 'by', 'early', 'late', 'mid', 'last', 'next', 'during', 'from', 'before', 'after'])
/** "In April and May", "since May", "May 5": the month, not the modal. */
const isMonthMay = (words: readonly string[], i: number): boolean => {
  const prev = words[i - 1] ?? ''
  const next = words[i + 1] ?? ''
  return BEFORE_A_MONTH.has(prev) || MONTHS.has(prev) || MONTHS.has(words[i - 2] ?? '') || MONTHS.has(words[i + 2] ?? '') || /^\d/.test(next)
}
// Verbs of a belief held or a word given in the past, before "would" or "could" told from then:
// "they thought it would fall", "the administration had signaled it would pause". What was said is
// reported as a fact; "said it will" keeps its own future.
const PAST_BELIEF = new Set(['thought', 'believed', 'knew', 'bet', 'hoped', 'feared', 'figured', 'assumed', 'realized', 'realised', 'guessed', 'suspected', 'decided', 'worried',
  'said', 'signaled', 'signalled', 'indicated', 'promised', 'pledged', 'vowed', 'announced', 'claimed', 'insisted', 'suggested', 'predicted', 'expected',
  'told', 'warned', 'stated', 'wrote', 'reported', 'confirmed', 'argued', 'assured', 'threatened'])
const SUBJECTS = new Set(['it', 'they', 'he', 'she', 'we', 'i', 'you', 'that'])
/** "bet it could", "said that they would", "thought would": a past belief or word just before the modal at `i`. */
const toldFromThePast = (words: readonly string[], i: number): boolean => {
  if (PAST_BELIEF.has(words[i - 1] ?? '')) return true
  if (SUBJECTS.has(words[i - 1] ?? '') && (PAST_BELIEF.has(words[i - 2] ?? '') || (words[i - 2] === 'that' && PAST_BELIEF.has(words[i - 3] ?? '')))) return true
  // "MOFCOM announced on October 9 that exports of dysprosium would need licenses": the word given,
  // then "that" and the clause it reports, within a few words.
  for (let j = i - 1; j >= Math.max(1, i - 10); j--) {
    if (words[j] === ',' || words[j] === ';') return false
    if (words[j] === 'that') return words.slice(Math.max(0, j - 5), j).some((w) => PAST_BELIEF.has(w))
  }
  return false
}

const POINTING_VERBS = new Set(['look', 'think', 'consider', 'compare', 'go', 'read', 'listen', 'remember', 'recall', 'take', 'ask'])
/** `if you look at`, `if we think about`, `if you go back`: the "if" at `at` points, it does not suppose. */
const isPointingIf = (words: readonly string[], at: number): boolean =>
  (words[at + 1] === 'you' || words[at + 1] === 'we' || words[at + 1] === 'one') && POINTING_VERBS.has(words[at + 2] as string)
    && (words[at + 2] !== 'go' || words[at + 3] === 'back') && (words[at + 2] !== 'take' || words[at + 3] === 'a')

/**
 * The first future or hypothetical cue among the words, outside quotations: will, would, could,
 * might, may, likely, maybe, going to (not "was going to"), 'll, won't, it'd, end up, in the future,
 * it's possible, my guess, or a sentence opening with if/once/unless. Not "I would say/agree/note",
 * not "may or may not".
 */
const predictiveCue = (words: readonly string[]): string | null => {
  let quoted = 0
  let outside = 0
  // Counting words outside quotations matters only when a quotation opens: most sentences have none.
  if (words.includes('“')) {
    for (const w of words) {
      if (w === '“') quoted++
      else if (w === '”') quoted = Math.max(0, quoted - 1)
      else if (quoted === 0 && w.length > 1) outside++
    }
  }
  const skipQuotes = outside >= 3 // a sentence that is all quotation keeps its own cues
  quoted = 0
  let first = true
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string
    if (!CUE_SCAN_WORDS.has(w)) {
      if (first && !(skipQuotes && quoted > 0) && lowerOrDigit(w)) first = false
      continue
    }
    if (w === '“') { quoted++; continue }
    if (w === '”') { quoted = Math.max(0, quoted - 1); continue }
    if (skipQuotes && quoted > 0) continue
    const prev = words[i - 1]
    const next = words[i + 1]
    if (first && (w === 'but' || w === 'and' || w === 'so' || w === 'even')) continue
    if (first && (w === 'if' || w === 'once' || w === 'unless')) {
      // "If you look at the data, …", "If we go back to 2014, …": a way of pointing, not a condition.
      if (w === 'if' && isPointingIf(words, i)) { first = false; continue }
      return w
    }
    if (lowerOrDigit(w)) first = false
    if (PREDICTIVE_WORDS.has(w)) {
      // "a mixing protocol, if you will": the idiom asks leave for a word.
      if (w === 'will' && prev === 'you' && words[i - 2] === 'if') continue
      // "Maybe that was not a surprise": a hedge on the past, not a look ahead.
      if (w === 'maybe' && words.some((x) => PAST_COPULA.has(x))) continue
      // "I would say", "some would argue": an opinion attributed, not a forecast.
      if (w === 'would' && next !== undefined && ATTRIBUTING.has(next)) continue
      if (w === 'may' && (next === 'or' || prev === 'or' || isMonthMay(words, i))) continue
      // "China bet it could respond", "we thought they would fold": what someone once believed, told as past.
      if ((w === 'would' || w === 'could') && toldFromThePast(words, i)) continue
      return w
    }
    if (w === 'going' && next === 'to' && prev !== 'was' && prev !== 'were') return 'going to'
    if (EXPECTED_TO.has(w) && next === 'to' && prev !== undefined && PRESENT_COPULA.has(prev)) return `${prev} ${w} to`
    // "did not expect", "didn't expect": what was expected once.
    if (FORECASTING.has(w) && !words.slice(Math.max(0, i - 3), i).some((x) => x === 'did' || x === 'didn')) return w
    if (w === 'won' && next !== undefined && APOSTROPHES.has(next) && words[i + 2] === 't') return 'won’t'
    if ((w === 'll' || (w === 'd' && words[i - 2] === 'it')) && prev !== undefined && APOSTROPHES.has(prev)) return `’${w}`
    if ((w === 'end' || w === 'ends') && next === 'up') return `${w} up`
    if (w === 'future' && prev === 'the' && words[i - 2] === 'in') return 'in the future'
    if (w === 'possible' && prev === 's' && words[i - 3] === 'it') return 'it’s possible'
    if (w === 'guess' && prev === 'my') return 'my guess'
  }
  return null
}

// A sentence cut off mid-phrase ("That's how the whole") or a short one with no verb ("In Russian
// at home.") states nothing that could be checked, whatever names it carries.
const DANGLING = new Set(['the', 'a', 'an', 'of', 'to', 'and', 'but', 'or', 'with', 'in', 'on', 'for', 'at', 'from', 'by',
  'my', 'your', 'his', 'her', 'their', 'our', 'its', 'this', 'these', 'those', 'whole', 'is', 'was', 'are', 'were', 'be',
  'like', 'about', 'because', 'than', 'if', 'when', 'where', 'which', 'who', 'very', 'really', 'so'])
const CONTRACTED_VERBS = new Set(['s', 're', 'm', 've', 'd', 'll'])
// Before a participle these make it a verb phrase's part, not a past tense: "was restricted", "has grown".
const AUXILIARIES = new Set(['is', 'are', 'was', 'were', 'be', 'been', 'being', 'has', 'have', 'had', 'having', 'get', 'got', 'gets'])
/** A noun, a pronoun or a word the lexicon does not know (a name: "Beijing"), which a past tense may follow. */
const isSubjectWord = (word: string): boolean => {
  if (AUXILIARIES.has(word) || !/^\p{L}/u.test(word)) return false
  const tag = firstTag(word)
  return tag === '' || /^(?:NN|PRP)/.test(tag)
}
// "That's what it was.", "It is what it is.", "He was there.": words that point at something said
// before and state nothing of their own, so no context makes the sentence a claim.
const EMPTY_WORDS = new Set(['it', 'that', 'this', 'they', 'these', 'those', 'he', 'she', 'we', 'i', 'you', 'them', 'him', 'her', 'us', 'me',
  'what', 'how', 'why', 'where', 'when', 'who', 'which', 'there', 'here', 'then', 'now', 'so', 'just', 'really', 'exactly', 'actually',
  'basically', 'is', 'was', 'are', 'were', 'be', 'been', 'am', 'do', 'does', 'did', 'done', 'have', 'has', 'had', 'not', 'all', 'about',
  'and', 'but', 'or', 'of', 'the', 'a', 'an', 'to', 'like', 'kind', 'sort', 'thing', 'things', 'one', 'way', 'well', 'yeah', 'oh',
  ...CONTRACTED_VERBS, 't', 'n'])
const isEmptyStatement = (tokens: readonly string[]): boolean => tokens.every((t) => EMPTY_WORDS.has(t) || !/[\p{L}\p{N}]/u.test(t))
// The word's likeliest tag only: nearly every noun ("home", "record") can also be a verb, and the
// lexicon lists VBN even for "a".
const firstTag = (word: string): string => lexiconTags(word)?.[0] ?? ''

// Speech broken off: "It's not placed in --", "and the -" (a court reporter's dashes, one of them
// lost where a page layout wrote the second as a soft hyphen).
const BROKEN_OFF = /(?:--|[—–]|\s-|-\u00ad|\u00ad)\s*$/
const isDash = (t: string): boolean => t === '-' || t === '\u00ad' || t === '—' || t === '–'

// "If the Court has no further questions.": a condition with nothing it is the condition of, which
// states nothing. Speech-to-text drops the comma before the main clause, so a modal or a new
// subject after the condition's own ("If Beijing retaliates exports will fall", "If you don't know
// it is okay") says one follows.
const CONDITIONS = new Set(['if', 'unless', 'whenever'])
const MAIN_CLAUSE_WORDS = new Set(['will', 'would', 'can', 'could', 'should', 'may', 'might', 'must', 'shall', 'll', 'd', 'i', 'you', 'we',
  'they', 'it', 'he', 'she', 'there', 'then'])
const conditionAlone = (text: string, tokens: readonly string[], words: number): string | null => {
  if (!CONDITIONS.has(tokens[0] ?? '') || words > 14 || text.includes(',')) return null
  for (let i = 2; i < tokens.length; i++) if (MAIN_CLAUSE_WORDS.has(tokens[i]!)) return null
  return `a clause after "${tokens[0]}" alone`
}

const fragmentOf = (text: string, tokens: readonly string[], words: number): string | null => {
  let end = tokens.length
  const broken = BROKEN_OFF.test(text)
  if (broken) while (end > 0 && isDash(tokens[end - 1]!)) end--
  const last = tokens[end - 1]
  if (last !== undefined && DANGLING.has(last) && (broken || !/[.!?"”…)\]]$/.test(text))) return `ends at "${last}"`
  if (words >= 8) return null
  // A participle alone ("Just getting this education") makes no statement either; a past form the
  // lexicon lists first as a participle is finite after its subject ("China restricted exports",
  // "We built the greatest economy").
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!
    if (CONTRACTED_VERBS.has(t) || /^(?:VB[DPZ]?|MD)$/.test(firstTag(t))) return null
    if (i > 0 && (t.endsWith('ed') || firstTag(t) === 'VBN') && isSubjectWord(tokens[i - 1]!) && lexiconTags(t)?.includes('VBD')) return null
  }
  return 'no finite verb'
}

// "It must have been hard", "that must be gutting": "must" of inference, not of obligation. "Must
// have" before a noun ("must have a licence") and "must be" before a participle ("must be banned") oblige.
const SOFTENERS = new Set(['just', 'really', 'so', 'absolutely', 'truly', 'pretty', 'quite', 'very', 'also'])
const inferentialMust = (text: string, at: number): boolean => {
  const after = lowerWords(text.slice(at + 4, at + 80)).filter((w) => !SOFTENERS.has(w))
  const [first, second] = after
  if (first === 'have' || (first === "'" && second === 've') || (first === '’' && second === 've')) {
    const verb = first === 'have' ? second : after[2]
    const tag = verb === undefined ? '' : firstTag(verb)
    return tag === 'VBN' || tag === 'VBD'
  }
  if (first !== 'be' || second === undefined) return false
  const tag = firstTag(second)
  return tag === 'JJ' || tag === 'VBG' || (tag === '' && second.endsWith('ing'))
}

// What a rule makes something need: a permit, not a remedy.
const PERMIT = /^(?:\w+ )?(?:license|licence|permit|approval|waiver|authori[sz]ation|exemption|certificate|visa|clearance)s?\b/i

/** The claim kind from modal cues: prescriptive over predictive over factual. */
export const claimKind = (sentence: string, features: Feature[] = [], words: readonly string[] = lowerWords(sentence), classes = wordClasses(words)): ClaimKind => {
  let described: string | undefined
  if (classes & PRESCRIPTIVE_WORD) {
    const unquoted = sentence.includes('“') || sentence.includes('"') ? sentence.replace(QUOTED, ' ') : sentence
    const text = unquoted === sentence || unquoted.trim().split(/\s+/).length >= 3 ? unquoted : sentence
    let p: RegExpExecArray | null = null
    PRESCRIPTIVE.lastIndex = 0
    for (let m = PRESCRIPTIVE.exec(text); m && !p; m = PRESCRIPTIVE.exec(text)) {
      const before = text.slice(Math.max(0, m.index - 40), m.index)
      if (DESCRIBED.test(before)) continue
      if (/^(?:have|has|got) to$/i.test(m[0]) && DESCRIPTIVE_NEED.test(before)) {
        described ??= m[0]
        continue
      }
      if (m[0].toLowerCase() === 'must' && inferentialMust(text, m.index)) continue
      // "any product with Chinese rare earths now needs a license": what a rule requires, a fact.
      if (/^needs /i.test(m[0]) && PERMIT.test(text.slice(m.index + m[0].length, m.index + m[0].length + 40))) {
        described ??= m[0].trim()
        continue
      }
      p = m
    }
    p ??= IMPERATIVE.exec(text.trim())
    if (p) { features.push({ name: 'kind:prescriptive', weight: 0, detail: p[0] }); return 'prescriptive' }
  }
  const proposal = classes & FORECAST_VERB ? PROPOSAL.exec(sentence) : null
  if (proposal) { features.push({ name: 'kind:prescriptive', weight: 0, detail: `proposal: ${proposal[0]}` }); return 'prescriptive' }
  // Only the scan's own words can make a cue.
  const cue = classes & CUE_WORD ? predictiveCue(words) : null
  if ((cue === 'would' || cue === 'could') && HABITUAL_PAST.test(sentence)) features.push({ name: 'kind:habitual-past', weight: 0, detail: `${cue} of a past story` })
  else if (cue) { features.push({ name: 'kind:predictive', weight: 0, detail: cue }); return 'predictive' }
  // A necessity described ("you have to trace it") is a fact, yet says more than a bare report: it keeps the modal's weight.
  if (described) features.push({ name: 'kind:factual', weight: 0, detail: `a necessity described: "${described}"` }, { name: 'modal', weight: WEIGHTS.modal })
  else features.push({ name: 'kind:factual', weight: 0, detail: 'no modal or future cue' })
  return 'factual'
}

// The features that say a sentence is no checkable statement, whatever words it shares with one: a
// question, a sentence too short to stand alone ("It's 286 at most."), a fragment, backchannel, a
// pleasantry, a URL.
const NOT_STATEMENTS = new Set(['question', 'too-short', 'short', 'fragment', 'backchannel', 'evaluation', 'pleasantry', 'url'])

/** Whether the claim rules found the sentence to be no statement (see NOT_STATEMENTS), so no other evidence makes it a claim. */
export const notAStatement = (decision: Pick<ClaimDecision, 'features'>): boolean => decision.features.some((f) => NOT_STATEMENTS.has(f.name))

// Every sentence's first feature, shared (frozen: features are read, never changed).
const BIAS: Feature = Object.freeze({ name: 'bias', weight: WEIGHTS.bias })

// "12 words", made once per count: most sentences carry one of these details.
const WORD_COUNTS: string[] = Array.from({ length: 128 }, (_, n) => `${n} words`)
const wordCount = (n: number): string => WORD_COUNTS[n] ?? `${n} words`

/** Scores one sentence as a policy claim and decides its kind. */
export const scoreClaim = (input: ClaimInput): ClaimDecision => {
  const text = input.text.trim()
  const features: Feature[] = [BIAS]
  const tokens = input.words ?? lowerWords(text)
  const classes = wordClasses(tokens)
  let words = 0
  for (const t of tokens) {
    const c = t.charCodeAt(0)
    if (t.length > 1 || (c >= 48 && c <= 57) || (c >= 97 && c <= 122)) words++
  }
  // A question quoted at the end of a report ("…, and Trump goes, “Why…?”") does not make a question.
  let last = text.length - 1
  while (last > 0 && '"”’)'.includes(text[last] as string)) last--
  if (text[last] === '?') {
    const quoteAt = last < text.length - 1 ? Math.max(text.lastIndexOf('“', last), text.lastIndexOf('"', last - 1)) : -1
    const reported = quoteAt > 0 && text.slice(0, quoteAt).split(/\s+/).length > 8
    if (!reported) features.push({ name: 'question', weight: WEIGHTS.question })
  } else if (INVERTED_QUESTION.test(text)) {
    features.push({ name: 'question', weight: WEIGHTS.question, detail: 'asked without a question mark' })
  }
  if (words < 4) features.push({ name: 'too-short', weight: WEIGHTS.tooShort, detail: wordCount(words) })
  else if (words < 7) features.push({ name: 'short', weight: WEIGHTS.short, detail: wordCount(words) })
  else if (words >= 18) features.push({ name: 'long', weight: WEIGHTS.long, detail: wordCount(words) })
  const fragment = fragmentOf(text, tokens, words)
  if (fragment) features.push({ name: 'fragment', weight: WEIGHTS.fragment, detail: fragment })
  else {
    const condition = conditionAlone(text, tokens, words)
    if (condition) features.push({ name: 'fragment', weight: WEIGHTS.conditionAlone, detail: condition })
  }
  const back = BACKCHANNEL.exec(text)
  if (back && words < 9) features.push({ name: 'backchannel', weight: WEIGHTS.backchannel, detail: back[0] })
  else if (words < 12 && EVALUATION.test(text)) features.push({ name: 'evaluation', weight: WEIGHTS.evaluation })
  const pleasantry = PLEASANTRY.exec(text) ?? (VOCATIVE.test(text) ? PLEASANTRY.exec(text.replace(VOCATIVE, '')) : null)
  if (pleasantry && words < 16) features.push({ name: 'pleasantry', weight: WEIGHTS.pleasantry, detail: pleasantry[0].trim() })
  else {
    const introduction = classes & SELF_WORD && words < 60 ? INTRODUCTION.exec(text) : null
    const thanking = introduction ? null : THANKING.exec(text)
    const plug = introduction || thanking || words >= 30 ? null : PLUG.exec(text)
    if (introduction) features.push({ name: 'pleasantry', weight: WEIGHTS.introduction, detail: introduction[0] })
    else if (thanking) features.push({ name: 'pleasantry', weight: WEIGHTS.thanking, detail: thanking[0] })
    else if (plug) features.push({ name: 'pleasantry', weight: WEIGHTS.pleasantry, detail: `a plug: ${plug[0]}` })
  }
  // Every URL pattern needs a "/" or "www": most sentences skip the scan.
  if ((text.includes('/') || classes & WWW) && URL.test(text)) features.push({ name: 'url', weight: WEIGHTS.url })
  const hits = input.hits ?? scanLexicons(tokens)
  const meta = hits.meta
  const agenda = meta.length === 0 ? AGENDA.exec(text) ?? PROMPT.exec(text) : null
  if (meta.length > 0) features.push({ name: 'meta-talk', weight: WEIGHTS.meta, detail: meta[0] })
  else if (agenda) features.push({ name: 'meta-talk', weight: WEIGHTS.meta, detail: agenda[0] })
  // "That was a huge deal": the idiom, not an agreement.
  const list = hits.policy.length === 1 && hits.policy[0] === 'deal' && IDIOM_DEAL.test(text) ? [] : hits.policy
  if (list.length > 0) {
    features.push({ name: 'policy-term', weight: WEIGHTS.policyTerm, detail: list[0] })
    if (list.length > 1) features.push({ name: 'more-policy-terms', weight: Math.min(3, list.length - 1) * WEIGHTS.morePolicyTerms, detail: list.slice(1, 4).join(', ') })
  }
  // A figure of money or a share makes a story checkable; an age or a year does not.
  if (list.length <= 1 && !input.quantities.some((q) => q.kind === 'percent' || q.kind === 'money') && classes & SELF_WORD) {
    const personal = SELF.exec(text.replace(EPISTEMIC, ' '))
    if (personal) features.push({ name: 'personal', weight: WEIGHTS.personal, detail: personal[0] })
  }
  if (input.entityIds.length > 0) features.push({ name: 'entity', weight: WEIGHTS.entity, detail: input.entityIds.slice(0, 3).join(', ') })
  if (input.quantities.length > 0) {
    // "it was about 3 years", "when you are 18": how long or how old, in a story, checks little.
    const durations = input.quantities.every((q) => q.kind === 'count' && q.unit !== null && DURATIONS.has(q.unit))
    features.push({ name: 'quantity', weight: durations ? WEIGHTS.duration : WEIGHTS.quantity, detail: input.quantities[0]?.text })
  }
  if (input.previousKept && ANAPHOR.test(text) && !isEmptyStatement(tokens)) features.push({ name: 'context', weight: WEIGHTS.context, detail: 'anaphor continuing a claim' })
  const kind = claimKind(text, features, tokens, classes)
  if (kind !== 'factual') features.push({ name: 'modal', weight: WEIGHTS.modal })
  const score = features.reduce((s, f) => s + f.weight, 0)
  return { score, confidence: Math.round(sigmoid(score) * 1000) / 1000, kind, features }
}
