/**
 * Speaker labels at the start of a paragraph, in every common convention (a "syntax"):
 * `Name:` / `NAME:`, `**Name:**` / `__Name:__`, `[Speaker 2] [43:56]`, a name alone on its line
 * (`Sen. Mike Lee (R-Utah)`), hearing records' `Mr. SMITH.` / `The CHAIRMAN.`, and unnamed changes
 * of speaker (`>>` in broadcast captions, a leading `- ` in subtitles). This only finds candidates;
 * which syntaxes the document really uses, and which candidates are speakers, is decided from the
 * whole document (conventions.ts, roster.ts), because "Note: …" or "评价: 推荐" look the same.
 */
import { LOWER_CASE_LABEL } from '../transcript/text.js'
import { NAME_PARTICLES, SPEECH_OPENING } from '../transcript/timed-lines.js'
import { CLOCK_TIME } from '../transcript/timestamp.js'
import { CJK_PLACEHOLDER_WORD, isAllCaps, isRoleName, labelRole, PLACEHOLDER_WORD, placeholderId, titleCase } from './names.js'

// A capitalised name token: "Chris", "McGuire", "O’Brien", "Jean-Luc", "Dr.", "CHRIS".
const NAME = String.raw`\p{Lu}[\p{L}\p{M}'’.\-]*`
// Lowercase particles inside names ("Ursula von der Leyen", "Luiz Inácio Lula da Silva").
const PARTICLE = `(?:${NAME_PARTICLES.join('|')})`
// `P1`, `R2`, `INT3`: the numbered participants of research interviews and focus groups.
const LATIN_NAME = String.raw`${NAME}(?:[ \t](?:${NAME}|\d{1,3}|#\d{1,3}|${PARTICLE})){0,4}|\p{Lu}+_\d{1,3}|\p{Lu}{1,3}\d{1,3}(?![\p{L}\p{N}])`
// Names in scripts without capitals; a colon without a following space is normal there.
// A numbered voice (`说话人 1`) before any other run of those scripts.
// Katakana names hold the long-vowel mark and the middle dot (`ミラー`, `ジョーダン・シュナイダー`), which are
// not of the Katakana script.
const HAN_NAME = String.raw`${CJK_PLACEHOLDER_WORD}[ \t]?\d{1,3}|[\p{Script=Han}\p{Script=Hangul}\p{Script=Katakana}\p{Script=Hiragana}ー・]{1,12}`

// Names in other scripts without capitals (Arabic, Hebrew, the Indian scripts, Thai…): one to three
// words before a colon and a space, as in Latin script.
const CASELESS_WORD = String.raw`[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Devanagari}\p{Script=Bengali}\p{Script=Gurmukhi}\p{Script=Gujarati}\p{Script=Tamil}\p{Script=Telugu}\p{Script=Kannada}\p{Script=Malayalam}\p{Script=Thai}\p{Script=Georgian}\p{Script=Armenian}\p{Script=Ethiopic}][\p{L}\p{M}]*`
// A numbered voice too: `المتحدث 1`, `वक्ता 2` (Eastern Arabic digits as well: `المتحدث ١`).
const CASELESS_NAME = String.raw`${CASELESS_WORD}(?:[ \t]${CASELESS_WORD}){0,2}(?:[ \t]?(?:\d{1,3}|[٠-٩]{1,3}))?`

// Built once at load: the splitter calls it for every paragraph (no per-call RegExp).
// A Latin label needs a space or the end after its colon, so "Re:Invent" and URLs are not labels.
// "Name?:" (a transcriber unsure of the name) is the same label.
// Broadcast transcripts add the party and a description in capitals the first time a person speaks:
// `SEN. BERNIE SANDERS (D-VT), PRESIDENTIAL CANDIDATE:`, or the description alone (NPR:
// `AILSA CHANG, HOST:`, `JOHN RUWITCH, BYLINE:`); the name is the part before them.
// It ends in a word, so a case caption's `HUMAN SERVICES, ET AL.,        :` is not one.
const DESCRIPTION = String.raw`, ["“]?\p{Lu}(?:[\p{Lu}\p{N} .,'’"“”&/-]{0,79}[\p{Lu}\p{N}.]["”]?)?`
// The Australian Hansard adds the time: `Mr ALBANESE (Grayndler—Prime Minister) (14:02):`; the
// Canadian one an office and party (`Ms. Chrystia Freeland (Deputy Prime Minister and Minister of
// Finance, Lib.):`); the United Nations' verbatim records the language spoken, alone or after the
// delegation (`Mr. Nebenzia (Russian Federation) (spoke in Russian):`).
const SPOKEN = String.raw`(?:spoke in|interpretation from|speaking in) \p{Lu}[\p{L} -]{1,30}|through (?:an )?interpreter|via video(?:conference| ?link)?`
// CNN's transcripts add how the person is heard after the description: `KYLIE ATWOOD, CNN CORRESPONDENT (voice-over):`.
const AFFILIATION = String.raw`(?: \([^()\n]{1,100}\)(?: \((?:\d{1,2}[:.]\d{2}|${SPOKEN})\))?(?:${DESCRIPTION})?| \[[^[\]\n]{1,24}\]|${DESCRIPTION}(?: \([^()\n]{1,40}\))?)?`
const INLINE_LABEL = new RegExp(
  String.raw`^(?:(${LATIN_NAME})${AFFILIATION}\??[ \t]?[:：](?:[ \t]+|$)|(${HAN_NAME})[ \t]?[:：][ \t]*|(${CASELESS_NAME})[ \t]?[:：](?:[ \t]+|$))`,
  'u',
)
// Event transcripts give a speaker's affiliation after a comma the first time, in mixed case:
// `Chris Miller, Tufts University:`, `Gregory Allen, Center for Strategic and International Studies:`,
// `Jordan Schneider, ChinaTalk:`, `Ann Lee, CSIS:`. The affiliation is one name or acronym, or names
// an institution, so a sentence listing places ("New York, Boston and Chicago: …") is none.
const PROPER = String.raw`\p{Lu}\p{Ll}[\p{L}\p{M}'’.-]*`
// Not a sentence that opens with a capitalised word: "In Washington, Beijing and Tokyo: …".
const SENTENCE_OPENERS = String.raw`(?!(?:The|In|On|At|For|And|But|So|When|If|As|With|From|To|After|Before|This|That|These|Those|Hello|Hi|Hey|Dear|Thanks|Thank|Welcome|Good|Yes|No|Well|Today|Now|Here|There|Then|Both|Between|Like|Also|Even|Only|All|Many|Some|Most|Our|My|Your|Their|His|Her|We|They|It|Its)\b)`
const INSTITUTION = String.raw`(?:University|Institute|Institution|Center|Centre|School|College|Council|Foundation|Department|Ministry|Agency|Commission|Committee|Bank|Fund|Group|Times|Post|Journal|News|Inc\.?|Corp\.?|Company|Association|Society|Office|Forum|Project|Labs?|Capital|Partners|Research|Studies|Program|Programme|Initiative|Alliance|Network|Service|Administration|Authority|Board|Bureau|Court|Senate|House|Party|Press|Media|Magazine|Podcast)`
const AFFILIATION_WORD = String.raw`(?:${PROPER}|[A-Z]{2,6}|of|the|for|and|on|at|in|&|de|du|des)`
const MIXED_DESCRIPTION_LABEL = new RegExp(String.raw`^${SENTENCE_OPENERS}(${PROPER}(?: (?:\p{Lu}\.|${PROPER})){1,3}), (?:[A-Z]{2,6}|${PROPER}|(?:${AFFILIATION_WORD} ){0,8}${INSTITUTION}(?: ${AFFILIATION_WORD}){0,8})[ \t]?:(?:[ \t]+|$)`, 'u')
// `**Name:**`, `**Name**:`, `__Name:__`, and a bold run opened on an earlier line (`Name:** text`);
// in italics too (`*Name:*`, `_Name_:`), where the run must open the line.
const BOLD_LABEL = new RegExp(String.raw`^(?:\*\*?|__?)?(${LATIN_NAME})\??[ \t]?(?:(?:\*\*?|__?)[ \t]?[:：]|[:：][ \t]?(?:\*\*?|__?))(?:[ \t]+|$)`, 'u')
const BOLD_OPEN = /^(?:\*\*|__)/
const ITALIC_OPEN = /^[*_](?=\p{Lu})/u
// `[Speaker 2]`, `[Jane Doe]` opening the line, then usually a time; `[Jane Doe]: text` too. Not a
// Markdown link (`[Jane Doe](…)`) nor a link definition (`[Jane Doe]: https://…`).
// `[Jane Doe 00:01:02] text`: the time inside the brackets.
const BRACKET_LABEL = new RegExp(String.raw`^\[(${LATIN_NAME})(?:[ \t]+${CLOCK_TIME})?\](?:[ \t]?:[ \t]+(?!<|https?:|www\.)|[ \t]*(?![(:]))`, 'u')
// Dialogue corpora number their voices' turns or mark them: Switchboard's `A.1:` / `B.2:` (the voice is
// the letter), DialogSum's `#Person1#:` (the voice is Person 1).
const CORPUS_LABEL = /^(?:(\p{Lu})\.\d{1,5}|#(\p{L}{1,20})[ _]?(\d{1,3})#)[ \t]?[:：](?:[ \t]+|$)/u
// Subtitles for the deaf name a voice in parentheses (`(JORDAN) Welcome…`, `- (MILLER) Thanks.`),
// where manners and sounds are written the same way (`(WHISPERING)`, `(IN SPANISH)`): caption files only.
const PAREN_LABEL = new RegExp(String.raw`^\((${LATIN_NAME})\)[ \t]*:?[ \t]+(?=[\p{L}\p{N}"“‘'¿¡(])`, 'u')
// A list, not a suffix rule: Kelly, Emily, Ted and Mohammed end like manners.
const NOT_A_VOICE = /^(?:in|on|over|into|via|through|from|to|at|with|off|under|cont['’]?d|v\.?o\.?|o\.?s\.?)\b|\b(?:sighs?|sighing|gasps?|gasping|groans?|groaning|grunts?|grunting|whispers?|whispering|shouts?|shouting|yells?|yelling|screams?|screaming|sobs?|sobbing|cries|crying|laughs?|laughing|chuckles?|chuckling|exhales?|inhales?|sniffles?|sniffling|mutters?|muttering|mumbles?|mumbling|stammers?|stammering|stutters?|stuttering|continues|continuing|continued|clears|scoffs?|hums?|humming|sings?|singing|chanting|speaks|speaking|narrates|narrating|reads|reading|repeats|cheers?|cheering|claps?|clapping|knocks?|rings?|ringing|beeps?|buzzes|sarcastic|sarcastically|softly|quietly|loudly|angrily|excitedly|nervously|angry|excited|confused|distorted|muffled|echoing|overlapping|indistinct|recording|translated|translating|voice-?over|off-?screen)\b/iu
// Hearing records and the Congressional Record (GPO): `Mr. SMITH.`, `Senator GRASSLEY.`, `The CHAIRMAN.`,
// `Chairman LEE.`, `Mr. McCONNELL.`, `The SPEAKER pro tempore.`, then the speech. `Mr. SMITH of Texas.`
// tells two members of one name apart; the name is the part before "of".
const HEARING_LABEL = /^((?:Mr|Mrs|Ms|Dr|Senator|Representative|Chairman|Chairwoman|Chair|The|General|Judge|Justice|Admiral|Secretary|Ambassador)\.?(?: (?:Mc|Mac|De|Di|La|Le|Van)?[A-Z][A-Z'’-]+){1,3}(?: pro tempore)?)(?: of [A-Z][a-z]+(?: [A-Z][a-z]+)?)?\.[ \t]+(?=\p{Lu})/u
// Committee hearings as GPO prints them write the name in mixed case: `Chairman Scott.`, `Senator
// Warren.`, `Mr. Kessler.`, `The Chairman.`; a title and one or two capitalised words before the stop.
const HEARING_TITLE_LABEL = /^((?:(?:Mr|Mrs|Ms|Dr)\.|Senator|Representative|Congressman|Congresswoman|Chairman|Chairwoman|Chair|Ranking Member|Vice Chairman|Secretary|Ambassador|General|Admiral|Governor|Commissioner|Director|Judge|Justice) (?:Mc|Mac|De|Di|La|Le|Van)?\p{Lu}[\p{Ll}'’-]+(?:\p{Lu}[\p{Ll}'’-]+)?(?: \p{Lu}[\p{Ll}'’-]+)?|The (?:Chairman|Chairwoman|Chair|Clerk|Witness|President|Speaker|Presiding Officer|Reporter))\.[ \t]+(?=\p{Lu})/u
// The Federal Reserve's press conferences: `CHAIR POWELL. Good afternoon.`, `MICHELLE SMITH. Steve.`: two
// to four words in capitals and a full stop (one word alone is how a sentence may open: `OKAY. So…`),
// before speech in mixed case (in a text all in capitals, `THANK YOU. WE WILL…` is a sentence).
const CAPITALS_STOP_LABEL = /^(\p{Lu}[\p{Lu}'’-]+(?: (?:Mc|Mac)?\p{Lu}[\p{Lu}'’.-]*){1,3})\.[ \t]+(?=[\p{Lu}"“‘'(][^\n]{0,40}?\p{Ll})/u
// The French Assemblée's and Sénat's reports: `M. le président.`, `Mme Marine Le Pen.`, `M. Gabriel
// Attal, Premier ministre.`, then the speech; the description after a comma, as in Europe's parliament.
// An office (`M. le président`) is named by the office alone, a title as `The Chairman` is.
const CHAMBER_LABEL = /^(?:(?:M\.|Mme|Mlle) (?:le|la) ((?:présidente?|(?:[Pp]remier |[Pp]remière )?ministre|rapporteure?|garde des [Ss]ceaux))|((?:M\.|Mme|Mlle) \p{Lu}[\p{L}'’-]+(?: (?:\p{Lu}[\p{L}'’-]+|de|du|des|d['’]\p{Lu}[\p{L}-]+)){0,4}))(?:, [^.\n]{2,160}?)?\.[ \t]+(?=[\p{Lu}"“«(])/u
// European Parliament verbatim reports: `President. – `, `Ursula von der Leyen, President of the Commission. – `,
// `Manfred Weber, on behalf of the PPE Group. – `: a name, a description after a comma, a full stop and a dash.
const PARLIAMENT_LABEL = new RegExp(String.raw`^(${LATIN_NAME})(?:, [^–—\n]{2,160}?)?\.[ \t]+[–—][ \t]+(?=[\p{Lu}"“‘'(])`, 'u')
// Depositions and court records: `Q. Did you…` / `A. Yes.`; the White House's briefings: `Q Thank you, Karine.`
// (a bare `A` before a capital is the article); Spanish press interviews: `P. ¿Cómo…?` / `R. Creo…`,
// also written out (`Pregunta.` / `Respuesta.`).
const DEPOSITION_LABEL = /^(?:([QAPR]|Pregunta|Respuesta|PREGUNTA|RESPUESTA)\.[ \t]+(?=\S)|(Q)[ \t]+(?=\p{Lu}))/u
// A speaker line on its own (press-service and hearing transcripts): `Sen. Mike Lee (R-Utah)`,
// `Rep. Jane Doe`, `Chairman Grassley`. It needs a title or a parenthetical, so a title line is not one.
const NAME_LINE = new RegExp(String.raw`^((?:(?:Sen|Rep|Senator|Representative|Del|Delegate|Mr|Mrs|Ms|Dr|Gov|Governor|Chairman|Chairwoman|Chair|Ranking Member|Secretary|Ambassador|Judge|Justice|Commissioner|Mayor|Councilmember|Assemblymember|Hon)\.? (?:${LATIN_NAME}))(?: \([^()]{1,40}\))?|(?:${LATIN_NAME}) \((?:[RDI]|[A-Z][a-z]{0,12})-[^()]{2,30}\))$`, 'u')

// A full stop after a word of three letters or more that is no suffix: a sentence's end, not a name's.
const SENTENCE_STOP = /(?<![\p{L}'’-])(?!(?:Jr|Sr|Esq)\.$)\p{L}[\p{L}'’-]{2,}\.$/u
// The same inside a name: a word of three letters or more and a full stop before the next word.
const INNER_STOP = /(?<![\p{L}'’-])(?!(?:Jr|Sr|Esq|Gen|Col|Sen|Rep|Gov|Hon|Rev|Amb|Adm|Mrs|Prof|Capt|Supt|Insp|Cmdr)\. )\p{L}[\p{L}'’-]{2,}\. /u

// Earnings-call transcripts (The Motley Fool's) head each turn with `Tim Cook -- Chief Executive Officer`
// or `Erik Woodring -- Morgan Stanley -- Analyst` alone on its line: a name and a double-dashed description.
// The description opens with a capital, so speech broken off (`I -- it said famous. But --`) is none.
const DESCRIBED_NAME_LINE = new RegExp(String.raw`^(?!I )(${LATIN_NAME})[ \t]+--[ \t]+\p{Lu}[^\n]{1,100}$`, 'u')

// `Jordan Schneider (Host)` alone on its line over the speech: the role in parentheses makes it a speaker line.
const ROLE_NAME_LINE = new RegExp(String.raw`^(${LATIN_NAME}) \(((?:co-?)?host|guest|moderator|interviewer|interviewee|presenter|panelist|panellist)\)$`, 'iu')
// `Host (Jordan Schneider):`: the role first, the person in parentheses.
const ROLE_THEN_NAME = new RegExp(String.raw`^[^()]+ \((${NAME}(?: ${NAME}){1,3})\)[ \t]?[:：]`, 'u')
// `Host - Jordan Schneider:`, `Guest – Chris Miller:`: the role, a dash, the person.
const ROLE_DASH_NAME = new RegExp(String.raw`^(\p{Lu}[\p{L}-]{1,20})[ \t]+[-–—|][ \t]+(${NAME}(?: ${NAME}){0,3})[ \t]?[:：](?:[ \t]+|$)`, 'u')

// Hansard: a member's first words under `Kemi Badenoch (North West Essex) (Con)` (constituency, party),
// and an office holder's under `The Prime Minister (Keir Starmer)`; after that the name or the office alone.
// The constituency may hold brackets of its own: `Rishi Sunak (Richmond (Yorks)) (Con)`.
const MEMBER = String.raw`(${LATIN_NAME})(?: \((?:[^()]|\([^()]{1,20}\)){2,60}\))? \((?:Con|Lab|Lab\/Co-op|LD|Lib Dem|SNP|Green|Reform|Reform UK|Ind|PC|DUP|SF|SDLP|UUP|Alliance|TUV|CB|XB|Bp|Non-Afl)\)`
const OFFICE = String.raw`((?:The|THE|Mr|MR|Madam|MADAM) \p{Lu}[\p{L} ,'’&-]{2,80}?) \((\p{Lu}[\p{L}'’.-]+(?: [\p{L}'’.-]+){1,4})\)`
const MEMBER_LINE = new RegExp(String.raw`^${MEMBER}$`, 'u')
const OFFICE_LINE = new RegExp(String.raw`^${OFFICE}$`, 'u')
// The same with a colon before the speech, as Hansard's text exports and reprints write them.
const COLON = String.raw`[ \t]?[:：](?:[ \t]+|$)`
const MEMBER_LABEL = new RegExp(String.raw`^${MEMBER}${COLON}`, 'u')
const OFFICE_LABEL = new RegExp(String.raw`^${OFFICE}${COLON}`, 'u')

// `Tim Pritlove`, or a name in capitals (`JORDAN SCHNEIDER`, or `JORDAN` as scripts and subtitles
// write it): like any bare line, a label only where the same names head several paragraphs.
// A title with its full stop may open it (`Dr. Fei Fei Li`); `Thanks.` alone is no name.
const ABBREVIATED_TITLE = String.raw`(?:Dr|Mr|Mrs|Ms|Mx|Prof|Sen|Rep|Gov|Hon|Rev|Gen|Amb|Adm|Col|Capt|Lt|Sgt|Cmdr|Supt|Insp|Det|Fr|Sr|Sra)\. `
// A capital may stand inside a word of it: `Chris McGuire`, `LeBron James`, `Rosa DeLauro`.
const PLAIN_NAME_LINE = new RegExp(String.raw`^(?:(?:${ABBREVIATED_TITLE})?\p{Lu}[\p{Ll}\p{M}'’-]+(?:\p{Lu}[\p{Ll}\p{M}'’-]+)?(?: (?:${PARTICLE}|\p{Lu}[\p{Ll}\p{M}'’.-]*(?:\p{Lu}[\p{Ll}\p{M}'’.-]+)?)){0,3}|(?:\p{Lu}[\p{Lu}'’.-]*(?: \p{Lu}[\p{Lu}'’.-]*){0,2} )?\p{Lu}[\p{Lu}'’-]*\p{Lu})$`, 'u')
// A diarized voice alone on its line over the speech.
const PLACEHOLDER_LINE = new RegExp(String.raw`^${PLACEHOLDER_WORD}[ _#-]?(?:\d{1,3}|[a-z])$`, 'iu')

// The New York Times' podcasts set the speaker's name alone on a line in lower case (`michael barbaro`).
const LOWER_NAME_LINE = /^\p{Ll}[\p{Ll}'’-]+(?: \p{Ll}[\p{Ll}'’.-]+){1,2}$/u
// Words such a line cannot hold: a refrain ("thank you", "oh my god") is no name.
const NOT_IN_NAMES = new Set(['the', 'a', 'an', 'and', 'or', 'but', 'of', 'to', 'in', 'on', 'at', 'for', 'with', 'from', 'by', 'you', 'i', 'me',
  'my', 'we', 'our', 'us', 'it', 'is', 'are', 'was', 'be', 'so', 'oh', 'yes', 'no', 'yeah', 'okay', 'ok', 'thank', 'thanks', 'all', 'right',
  'well', 'good', 'hi', 'hello', 'bye', 'god', 'wow', 'please', 'sorry', 'sure', 'what', 'why', 'how', 'who', 'this', 'that', 'now', 'here',
  'there', 'not', 'just', 'like', 'very', 'really', 'much', 'more', 'one', 'two', 'go', 'come', 'let', 'end', 'part', 'music', 'playing'])

/** `michael barbaro` alone on its line, as a bare name line: a convention only when the name recurs. */
const lowerCaseNameLine = (text: string): LabelMatch | undefined => {
  const line = text.trim()
  if (line.length > 40 || !LOWER_NAME_LINE.test(line) || line.split(' ').some((w) => NOT_IN_NAMES.has(w))) return undefined
  return { syntax: 'plain-line', name: titleCase(line), length: text.length }
}

// Text written all in lower case labels the same way: `jordan: …`, `chris miller: …`, `spk_0: …`,
// `speaker 1: …`. "note: …" in prose looks the same, so conventions.ts takes these only where they
// are the document's labelling, several names each heading paragraphs again and again.
const lowerCaseLabel = (text: string): LabelMatch | undefined => {
  const label = LOWER_CASE_LABEL.exec(text.slice(0, 48))
  if (!label) return undefined
  const name = label[1]!
  if (name.length > 30 || isNotSpeaker(name) || (!placeholderId(name) && name.split(' ').some((w) => NOT_IN_NAMES.has(w)))) return undefined
  return { syntax: 'lower-colon', name, length: label[0].length }
}

// A name in capitals alone on its line (`JORDAN SCHNEIDER`, one word too); read only as a name heading.
const CAPITALS_NAME_LINE = /^\p{Lu}[\p{Lu}'’.-]+(?: \p{Lu}[\p{Lu}'’.-]*){0,3}$/u

// `JORDAN SCHNEIDER — Welcome…`, `Chris Miller - Thanks…`: a name, a dash, the speech. Show notes
// list guests the same way once each, so the convention needs a name that recurs (conventions.ts).
// Also with the time between (`Chris Miller - 00:01:12 - Thanks…`), or a bar for the dash
// (`Chris Miller | Thanks…`, as table exports flatten).
// The speech opens as a sentence does, or broken off (`...`, `-- about taxes`); in lower case only
// after a diarized voice (`Speaker 2 - can you hear us?`), where a guest list has none, or after a
// name the document already gives so twice (label-pass.ts).
const DASH_LABEL = new RegExp(String.raw`^(${LATIN_NAME})[ \t]+([-–—|])[ \t]+(?:${CLOCK_TIME}[ \t]+\2[ \t]+)?(?=${SPEECH_OPENING})`, 'u')
const DASH_VOICE = new RegExp(String.raw`^(${PLACEHOLDER_WORD}[ _#-]?\d{1,3})[ \t]+[-–—|][ \t]+(?=\S)`, 'iu')

// `Sarah Chen 0:03 Welcome back…`, `Speaker 1 00:01:12 Thanks…`: Otter's name-and-time line run into
// the speech, as pages that paste its transcripts print it. The label ends before the time, which
// the speech's cleaning reads as its start. Like a dash label, a convention only where a name recurs.
const TIMED_LABEL = new RegExp(String.raw`^(${LATIN_NAME})[ \t]+(?=${CLOCK_TIME}[ \t]+[\p{L}\p{N}"“‘'¿¡(])`, 'u')
// A schedule's day before its times (`Monday 9:00 Registration`) is no one.
const CALENDAR_NAME = /\b(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|today|tonight|tomorrow|january|february|march|april|may|june|july|august|september|october|november|december|session|day|morning|afternoon|evening|doors|lunch|dinner|breakfast|registration|keynote)\b/i

// A Markdown list marker or quote marker before a bold run.
const MARKDOWN_MARKER = /^(?:[-*+]|>)[ \t]+(?=\*\*|__)/
// A list item's marker, a dialogue dash, an arrow or an emoji before a label (`🎙️ Jordan:`).
const LIST_MARKER = /^(?:[-*+•–—▶►▸→·»›]|\p{Extended_Pictographic}\uFE0F?)[ \t]+/u

// Broadcast captions mark each change of speaker with `>>` (`>>>` for a new story); HTML-escaped too.
const CAPTION_CHANGE = /^(?:>|&gt;){2,3}[ \t]*/
// Interviews in Spanish, Russian or French, and novels, open each reply with a dash and name no one:
// `—Buenas noches.`, `— Добрый вечер.`, `– Bonsoir.`
const DIALOGUE_DASH = /^[–—][ \t]?(?=[\p{Lu}\p{N}"“'‘(«¿¡])/u
// Subtitles mark a change of speaker with a leading dash.
const DASH_CHANGE = /^[-–—][ \t]+(?=[\p{L}\p{N}"“'‘(¿¡])/u

// Capitalised words that precede a colon in prose and notes but never name a speaker.
const NOT_SPEAKERS = new Set([
  'note', 'notes', 'update', 'updated', 'editor’s note', "editor's note", 'source', 'sources', 'correction',
  'disclaimer', 'transcript', 'summary', 'related', 'links', 'resources', 'chapters', 'timestamps',
  'warning', 'example', 'edit', 'p.s.', 'tl;dr', 'bonus', 'read more', 'also', 'break', 'ad break',
  'news', 'events', 'event', 'episode', 'show notes', 'guests', 'sponsor', 'sponsors', 'credits',
  'postscript', 'music', 'date', 'time', 'location', 'price', 'tags', 'category', 'categories', 'topics',
  'title', 'description', 'link', 'url', 'website', 'email', 'phone', 'address', 'subject', 're', 'fwd',
  'transcript below', 'full transcript', 'key issues', 'agenda', 'contents', 'appearances', 'index',
  'panelists', 'panel', 'speakers', 'participants', 'moderators', 'attendees', 'members', 'witnesses', 'hosts',
  'featuring', 'with', 'present', 'absent', 'agenda item', 'action', 'motion', 'vote', 'result', 'outcome',
  'pros', 'cons', 'step', 'tip', 'fact', 'quote', 'caption', 'photo', 'image', 'video', 'audio', 'table',
  // Newsroom slugs and stage directions written like a label.
  'breaking', 'exclusive', 'advertisement', 'commercial', 'promo', 'sponsored', 'interlude', 'watch', 'listen', 'clip', 'soundbite', 'graphic', 'text', 'live', 'crosstalk', 'laughter',
  'applause', 'inaudible', 'unintelligible', 'important', 'reminder', 'attention', 'notice', 'alert',
  'fyi', 'btw', 'tldr', 'faq', 'rsvp', 'asap',
  // Chapter titles that a timed heading could be.
  'intro', 'introduction', 'outro', 'conclusion', 'closing', 'closing thoughts', 'wrap-up', 'wrap up', 'q&a', 'recap',
])

/** Which convention a label is written in; a document uses one or a few of them consistently. */
export type LabelSyntax = 'colon' | 'lower-colon' | 'bold' | 'bracket' | 'hearing' | 'name-line' | 'plain-line' | 'name-heading' | 'dash-label' | 'caption-change' | 'dash-change' | 'dialogue-dash'

export interface LabelMatch {
  syntax: LabelSyntax
  /** The label as written (markup removed); null for an unnamed change of speaker (`>>`, `- `). */
  name: string | null
  /** Characters of the paragraph the label takes, markup, colon and following spaces included. */
  length: number
  /** The role the label's own description states (`AILSA CHANG, HOST:`). */
  role?: 'host' | 'guest'
  /** The office a name-line gives with the name (`The Prime Minister (Keir Starmer)`): later lines name only the office. */
  office?: string
  /** Characters of the change marker before a name (`>> `, `- `): the change stands even if the name is no speaker's. */
  marker?: number
}

// A numbered part of a work (`Episode 12:`, `Part II:`, `Chapter 3`), unlike a numbered voice (`Speaker 2:`).
const NUMBERED_PART = /^(?:episode|ep|part|pt|chapter|season|series|section|act|scene|segment|round|day|week|lesson|step|item|exhibit|figure|fig|table|slide|page|volume|vol|track|level|stage|phase|hour|article|amendment|issue|no|number)\.?[ \t]*#?(?:\d{1,4}[a-z]?|[ivxlc]{1,6})$/i

// `BY MR. SMITH:` in a court record heads the questions Mr. Smith asks; it is not his speech.
const EXAMINER = /^by (?:mr|mrs|ms|dr)\.? /i

// A stage direction in capitals or brackets: `[MUSIC PLAYING]`, `[SPEAKING SPANISH]`, `[THEME MUSIC]`.
const STAGE_DIRECTION = /\b(?:music|playing|applause|laughter|laughs|laughing|chuckles?|crosstalk|inaudible|unintelligible|indiscernible|silence|sighs?|coughs?|noise|sounds?|cheers|cheering|beeps?|ringing|static|soundbite|singing|overlapping|speaking (?:\p{L}+|in \p{L}+))\b/iu

const isNotSpeaker = (name: string): boolean => NOT_SPEAKERS.has(name.toLowerCase()) || NUMBERED_PART.test(name) || EXAMINER.test(name) || STAGE_DIRECTION.test(name)

/**
 * The label a paragraph opens with, in any syntax, or undefined. `caption` says the paragraph is a
 * caption cue, where a leading dash marks a new speaker rather than a list item.
 *
 * @example
 * detectLabel('**Bruce Schneier:** My path is…') // { syntax: 'bold', name: 'Bruce Schneier', length: 20 }
 * detectLabel('>> Thank you, chair.') // { syntax: 'caption-change', name: null, length: 3 }
 */
export const detectLabel = (text: string, caption = false): LabelMatch | undefined => {
  const first = text.charCodeAt(0)
  if (first >= 97 && first <= 122) return lowerCaseLabel(text) ?? (caption ? undefined : lowerCaseNameLine(text))
  if (Number.isNaN(first) || first === 32) return undefined
  if (first === 45 /* - */ || first === 42 /* * */ || first === 43 /* + */ || first === 62 /* > */) {
    // `- **Name:** text`, `> **Name:** text`: a Markdown list item or quote holding a bold label.
    const marker = MARKDOWN_MARKER.exec(text)
    const bold = marker ? detectLabel(text.slice(marker[0].length), caption) : undefined
    if (bold?.syntax === 'bold') return { ...bold, length: marker![0].length + bold.length }
  }
  // Arrows, symbols and emoji (surrogate pairs) start at U+2190.
  if (!caption && (first === 45 || first === 42 || first === 43 || first === 0x2022 || first === 0x2013 || first === 0x2014 || first === 0xb7 || first === 0xbb || first === 0x203a || first >= 0x2190)) {
    // `- Jordan Schneider: Welcome…`, `— Chris Miller: Thanks…`: turns written as list items or dialogue
    // dashes. A guest list (`- Chris Miller: author of Chip War`) looks the same once per name, so
    // these count as a convention only where a name recurs, as a dash after the name does.
    const marker = LIST_MARKER.exec(text)
    const inline = marker ? detectInlineLabel(text.slice(marker[0].length)) : undefined
    if (inline) return { syntax: 'dash-label', ...inline, length: marker![0].length + inline.length }
    const dialogue = first === 0x2013 || first === 0x2014 ? DIALOGUE_DASH.exec(text) : null
    if (dialogue) return { syntax: 'dialogue-dash', name: null, length: dialogue[0].length }
  }
  if (first === 62 /* > */ || first === 38 /* & */) {
    const change = CAPTION_CHANGE.exec(text)
    if (change) {
      const rest = text.slice(change[0].length)
      const named = detectLabel(rest, caption)
      if (named && named.name !== null) return { syntax: 'caption-change', name: named.name, length: change[0].length + named.length, marker: change[0].length }
      return { syntax: 'caption-change', name: null, length: change[0].length }
    }
    return undefined
  }
  if (first === 42 /* * */ || first === 95 /* _ */ || text.includes('**', 1) || text.includes('__', 1)) {
    const bold = BOLD_LABEL.exec(text.slice(0, 120))
    if (bold && (BOLD_OPEN.test(text) || /(?:\*\*|__)/.test(bold[0]) || ITALIC_OPEN.test(text)) && !isNotSpeaker(bold[1]!.trim())) {
      return { syntax: 'bold', name: bold[1]!.trim(), length: bold[0].length }
    }
    // `**Q: How big a deal are the controls?**`: the bold run holds the label and the speech after it.
    const open = BOLD_OPEN.exec(text)
    const inside = open ? detectInlineLabel(text.slice(open[0].length)) : undefined
    if (open && inside && !/(?:\*\*|__)/.test(text.slice(open[0].length, open[0].length + inside.length))) {
      return { syntax: 'bold', name: inside.name, length: open[0].length + inside.length }
    }
    if (first === 42 || first === 95) return undefined
  }
  if (first === 91 /* [ */) {
    const bracket = BRACKET_LABEL.exec(text.slice(0, 80))
    if (bracket && !isNotSpeaker(bracket[1]!.trim())) return { syntax: 'bracket', name: bracket[1]!.trim(), length: bracket[0].length }
    return undefined
  }
  if (caption && first === 40 /* ( */) {
    const voice = parenVoice(text)
    if (voice) return { syntax: 'bracket', ...voice }
  }
  if (caption && (first === 45 || first === 0x2013 || first === 0x2014)) {
    const dash = DASH_CHANGE.exec(text)
    if (!dash) return undefined
    // `- JORDAN: We have to…`, `- (JORDAN) We have to…`: subtitles for two voices name each after its dash.
    const rest = text.slice(dash[0].length)
    const named = detectInlineLabel(rest) ?? parenVoice(rest)
    return named ? { syntax: 'dash-change', name: named.name, length: dash[0].length + named.length, marker: dash[0].length } : { syntax: 'dash-change', name: null, length: dash[0].length }
  }
  const inline = detectInlineLabel(text)
  if (inline) return { syntax: 'colon', ...inline }
  const numbered = CORPUS_LABEL.exec(text.slice(0, 32))
  if (numbered) return { syntax: 'colon', name: numbered[1] ?? `${numbered[2]} ${numbered[3]}`, length: numbered[0].length }
  const dashed = DASH_LABEL.exec(text.slice(0, 80)) ?? DASH_VOICE.exec(text.slice(0, 40))
  if (dashed && !isNotSpeaker(dashed[1]!)) return { syntax: 'dash-label', name: dashed[1]!, length: dashed[0].length }
  const timed = TIMED_LABEL.exec(text.slice(0, 80))
  if (timed && !isNotSpeaker(timed[1]!) && !CALENDAR_NAME.test(timed[1]!)) return { syntax: 'dash-label', name: timed[1]!, length: timed[0].length }
  const hearing = HEARING_LABEL.exec(text.slice(0, 80)) ?? HEARING_TITLE_LABEL.exec(text.slice(0, 80)) ?? DEPOSITION_LABEL.exec(text.slice(0, 12)) ?? PARLIAMENT_LABEL.exec(text.slice(0, 240))
    ?? CHAMBER_LABEL.exec(text.slice(0, 240))
  // The chamber's office is written in lower case after its article (`M. le président`): shown capitalised.
  const heard = hearing?.[1] ? hearing[1].charAt(0).toUpperCase() + hearing[1].slice(1) : hearing?.[2]
  if (hearing && heard && !isNotSpeaker(heard)) return { syntax: 'hearing', name: heard, length: hearing[0].length }
  const capitals = CAPITALS_STOP_LABEL.exec(text.slice(0, 60))
  if (capitals && !isNotSpeaker(capitals[1]!) && !capitals[1]!.split(' ').some((w) => NOT_IN_NAMES.has(w.toLowerCase()))) {
    return { syntax: 'hearing', name: capitals[1]!, length: capitals[0].length }
  }
  if (text.length <= 140) {
    const trimmed = text.trim()
    const member = MEMBER_LINE.exec(trimmed)
    if (member) return { syntax: 'name-line', name: member[1]!, length: text.length }
    const office = OFFICE_LINE.exec(trimmed)
    if (office) return { syntax: 'name-line', name: office[2]!, length: text.length, office: office[1]! }
    // Not in captions, where a cue breaks off mid-sentence at a dash (`SO THAT WOULD BE ITEMS -- FIVE`).
    const described = caption ? null : DESCRIBED_NAME_LINE.exec(trimmed)
    // `Right. But I -- 7421(a) --` is speech broken off, not `Name -- description`.
    if (described && !isNotSpeaker(described[1]!) && !INNER_STOP.test(described[1]!)) return { syntax: 'name-line', name: described[1]!, length: text.length }
  }
  if (text.length <= 90) {
    // `Justice Ginsburg.` alone is the chair calling on her, a sentence; `Rep. Jane Doe Jr.` is a name.
    const sentence = SENTENCE_STOP.test(text.trim())
    const line = sentence ? null : NAME_LINE.exec(text.trim())
    if (line) return { syntax: 'name-line', name: line[0].replace(/ \([^()]*\)$/, ''), length: text.length }
    const role = ROLE_NAME_LINE.exec(text.trim())
    if (role) return { syntax: 'name-line', name: role[1]!, length: text.length, role: /guest|interviewee|panel/i.test(role[2]!) ? 'guest' : 'host' }
    // A diarized voice alone on its line (`Speaker 1`, as Word's transcription exports it) is never a
    // title: it heads the speech below as a timed name does, a convention once one voice recurs.
    const voice = PLACEHOLDER_LINE.exec(text.trim())
    if (voice) return { syntax: 'name-heading', name: voice[0], length: text.length }
    // A bare name on its own line over the speech (`Tim Pritlove` then the paragraph, as flattened
    // HTML and some exports write it): only a convention when names recur (conventions.ts).
    const plain = sentence ? null : PLAIN_NAME_LINE.exec(text.trim())
    // A reply alone on its line (`Yeah`, `Right`, `Okay`, `Thank You`) is no name, however often it recurs.
    if (plain && !isNotSpeaker(plain[0]) && !plain[0].split(' ').every((w) => NOT_IN_NAMES.has(w.toLowerCase()))) return { syntax: 'plain-line', name: plain[0], length: text.length }
  }
  return undefined
}

/** `(JORDAN) Welcome…` in a caption: the voice a subtitle names in parentheses, not a manner or a sound. */
const parenVoice = (text: string): { name: string; length: number } | undefined => {
  const paren = PAREN_LABEL.exec(text.slice(0, 80))
  if (!paren) return undefined
  const name = paren[1]!.trim()
  return isNotSpeaker(name) || NOT_A_VOICE.test(name) ? undefined : { name, length: paren[0].length }
}

/**
 * A name alone in a heading over the speech: a line with its own time over speech that has none
 * (`[00:00:05] Speaker 1`, `00:01:12 Jordan Schneider`, `JORDAN SCHNEIDER - 00:01:12`, as
 * transcription exports write it), or an HTML heading (`<h3>Jordan Schneider</h3>`). That is a
 * stronger sign than a bare name line, so it is a convention once one name recurs
 * (conventions.ts), not three times. Which paragraphs are headings is label-pass.ts's call.
 *
 * @example
 * detectNameHeading('Speaker 1') // { syntax: 'name-heading', name: 'Speaker 1', length: 9 }
 */
export const detectNameHeading = (text: string): LabelMatch | undefined => {
  if (text.length > 60) return undefined
  const name = text.trim()
  const match = PLAIN_NAME_LINE.exec(name) ?? PLACEHOLDER_LINE.exec(name) ?? CAPITALS_NAME_LINE.exec(name)
  return match && !isNotSpeaker(name) ? { syntax: 'name-heading', name, length: text.length } : undefined
}

export interface InlineLabel {
  /** The label as written, without the colon. */
  name: string
  /** How many characters of the paragraph the label takes, colon and following spaces included. */
  length: number
  role?: 'host' | 'guest'
  /** The office a label gives with the name (`The Prime Minister (Keir Starmer):`): later labels name only the office. */
  office?: string
}

// The descriptions that state a role: `HOST`, `CO-HOST`, `GUEST HOST` (a stand-in host), `CNN ANCHOR`,
// `"MEET THE PRESS" MODERATOR`, `GUEST`. Also in brackets after any name: `Jordan Schneider (host):`, `Chris Miller [guest]:`.
const HOST_DESCRIPTION = /(?:, [^:：\n]{0,60}?\b(?:HOST|ANCHOR|MODERATOR|PRESENTER)|[([](?:co-?)?host[)\]])[ \t]?[:：]/iu
const GUEST_DESCRIPTION = /(?:, GUEST|[([]guest[)\]])[ \t]?[:：]/iu

/**
 * The label candidate a paragraph starts with, if any.
 *
 * @example
 * detectInlineLabel('Chris Miller: The impact…') // { name: 'Chris Miller', length: 14 }
 * detectInlineLabel('Chris Miller, what’s the…') // undefined: an address, not a label
 */
export const detectInlineLabel = (text: string): InlineLabel | undefined => {
  const first = text.charCodeAt(0)
  // Cheap exits before the regex: most paragraphs start with neither a capital nor CJK.
  if (Number.isNaN(first) || (first >= 97 && first <= 122) || first === 32) return undefined
  const described = MIXED_DESCRIPTION_LABEL.exec(text.slice(0, 160))
  if (described && !isNotSpeaker(described[1]!)) return { name: described[1]!, length: described[0].length }
  const head = text.slice(0, 160)
  if (head.includes('(')) {
    const member = MEMBER_LABEL.exec(head)
    if (member) return { name: member[1]!, length: member[0].length }
    const office = OFFICE_LABEL.exec(head)
    if (office) return { name: office[2]!, length: office[0].length, office: office[1]! }
  }
  const roleDash = ROLE_DASH_NAME.exec(head)
  const dashRole = roleDash ? labelRole(roleDash[1]!) : undefined
  if (roleDash && dashRole && !isNotSpeaker(roleDash[2]!)) return { name: roleDash[2]!, length: roleDash[0].length, role: dashRole }
  const match = INLINE_LABEL.exec(text)
  if (!match) return undefined
  const name = (match[1] ?? match[2] ?? match[3] ?? '').trim()
  if (!name || isNotSpeaker(name)) return undefined
  // A description without the party is only read after a full name in capitals, as broadcasters
  // write it, or in mixed case after a full name: "Well, I think:" or "WELL, I SAID:" opening a line is speech.
  if (match[1] && text.charAt(match[1].length) === ',' && !isCapitalsFullName(name)) return undefined
  // `Host (Jordan Schneider):`: the person speaks, in the role the label names.
  const stated = labelRole(name)
  const person = stated ? ROLE_THEN_NAME.exec(match[0]) : null
  if (person) return { name: person[1]!, length: match[0].length, role: stated! }
  const bracketed = match[1] ? BRACKETED.exec(match[0].slice(match[1].length))?.[1]?.trim() : undefined
  // `Speaker 1 (Jordan):`, `Panelist 2 (Chris Miller):`: a diarized voice or a numbered role the transcriber named.
  if (bracketed && (placeholderId(name) || isRoleName(name)) && PERSON_NAME.test(bracketed) && !labelRole(bracketed)) return { name: bracketed, length: match[0].length }
  // `Jordan Schneider (host):`, and the role in the transcript's language: `(Presentador)`, `(Gast)`.
  const role = HOST_DESCRIPTION.test(match[0]) ? 'host' : GUEST_DESCRIPTION.test(match[0]) ? 'guest' : bracketed ? labelRole(bracketed) : undefined
  return role ? { name, length: match[0].length, role } : { name, length: match[0].length }
}

// The brackets after a label's name, and a name in them: capitalised words only.
const BRACKETED = /^[ \t]?[([]([^()[\]\n]{1,48})[)\]]/u
const PERSON_NAME = new RegExp(String.raw`^\p{Lu}[\p{Ll}\p{M}'’-]+(?: (?:${PARTICLE}|\p{Lu}[\p{L}\p{M}'’.-]*)){0,3}$`, 'u')

const isCapitalsFullName = (name: string): boolean => isAllCaps(name) && name.split(/[ \t]+/).length >= 2

// No "(" or "[": "Chris Miller (Tufts)" in a guest list is a mention, not a label.
const SENTENCE_START = /[\p{Lu}\p{N}"“‘']/u

/**
 * Whether a roster name written without its colon starts a new turn: the name must be followed
 * by a space and then a capital, a digit or an opening quote ("Jordan Schneider If China…").
 * "Chris Miller said…" or "Chris Miller, what's…" continue as ordinary text.
 * Returns the length to strip (name and spaces), or 0 when the name is not a label.
 */
export const startsUnlabelledTurn = (text: string, nameLength: number): number => {
  let i = nameLength
  const afterName = text.charCodeAt(i)
  if (afterName !== 32 && afterName !== 9) return 0
  while (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9) i++
  const next = text[i]
  if (next === undefined) return 0
  return SENTENCE_START.test(next) ? i : 0
}
