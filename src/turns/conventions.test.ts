// One case per labelling convention in the wild (issue 8), each written the way its source writes it,
// through the whole core (read + split) as `podpipe analyze` runs it: who speaks each turn, how each
// turn opens, and what must not be inside any turn.
import { describe, expect, it } from 'vitest'
import { readTranscript } from '../transcript/index.js'
import { splitTurns } from './split-turns.js'

const split = (text: string, fileName = 'episode.txt') => splitTurns(readTranscript(text, { fileName }).paragraphs)
const seq = (text: string, fileName?: string) => {
  const r = split(text, fileName)
  return r.turns.map((t) => [t.speakerId, t.text.split(/\s+/).slice(0, 3).join(' ')])
}
const allText = (text: string, fileName?: string) => split(text, fileName).turns.map((t) => t.text).join('\n')

describe('label conventions', () => {
  it.each([
    {
      id: 'bold Markdown with escaped timestamps (Changelog)',
      text: '**Bruce Schneier:** My path is odd. \\[laughter\\]\n\n**Jerod Santo:** \\[04:18\\] How so?\n\nA follow-up.\n\n**Bruce Schneier:** Well, it started.',
      expected: [['schneier', 'My path is'], ['santo', 'How so? A'], ['schneier', 'Well, it started.']],
    },
    {
      id: 'labels behind an emoji or an arrow, as newsletters decorate them (`🎙️ Jordan:`, `► Chris:`)',
      text: '🎙️ Jordan: Welcome to ChinaTalk.\n► Chris: Thanks for having me.\n🎙️ Jordan: What happened?\n► Chris: New rules.',
      expected: [['jordan', 'Welcome to ChinaTalk.'], ['chris', 'Thanks for having'], ['jordan', 'What happened?'], ['chris', 'New rules.']],
    },
    {
      id: 'several at once (`BOTH:`, `EVERYONE:`), once: an unnamed turn, not the last speaker\'s',
      text: 'JOHN SMITH: Welcome.\nMARY JONES: Thanks.\nJOHN SMITH: Ready?\nMARY JONES: Yes.\nBOTH: Wow.\nJOHN SMITH: Indeed.',
      expected: [['smith', 'Welcome.'], ['jones', 'Thanks.'], ['smith', 'Ready?'], ['jones', 'Yes.'], ['unknown', 'Wow.'], ['smith', 'Indeed.']],
    },
    {
      id: 'Lex Fridman\'s `Name (00:00:00) speech` and Dwarkesh\'s `**Name** *00:00:00*` over the speech',
      text: 'Lex Fridman (00:00:00) Welcome.\n\nChris Miller (00:00:12) Thanks.\n\nLex Fridman (00:00:20) Why?\n\n**Ann Lee** *00:01:00*\n\nHello.\n\n**Bob Ray** *00:01:05*\n\nHi.\n\n**Ann Lee** *00:01:09*\n\nBye.',
      expected: [['fridman', 'Welcome.'], ['miller', 'Thanks.'], ['fridman', 'Why?'], ['lee', 'Hello.'], ['ray', 'Hi.'], ['lee', 'Bye.']],
    },
    {
      id: 'The New York Times\' lower-case name lines, with [MUSIC PLAYING] between',
      text: '[MUSIC PLAYING]\n\nmichael barbaro\n\nFrom The New York Times.\n\n[MUSIC PLAYING]\n\nIt is Tuesday.\n\nkeith bradsher\n\nThank you.\n\nmichael barbaro\n\nSo?\n\nkeith bradsher\n\nWell.\n\nmichael barbaro\n\nThanks.\n\nkeith bradsher\n\nSure.',
      expected: [['barbaro', 'From The New'], ['bradsher', 'Thank you.'], ['barbaro', 'So?'], ['bradsher', 'Well.'], ['barbaro', 'Thanks.'], ['bradsher', 'Sure.']],
    },
    {
      id: 'labels in lower case, as text written all in lower case gives them (`jordan:`, `spk_0:`, `speaker 1:`), also without full stops',
      text: 'jordan: welcome to the show\nchris miller: thanks for having me\njordan: why now\nchris miller: leverage.\n\nspk_0: so.\nspk_1: right.\nspk_0: yes.\nspk_1: no.',
      expected: [['jordan', 'welcome to the'], ['miller', 'thanks for having'], ['jordan', 'why now'], ['miller', 'leverage.'],
        ['speaker-0', 'so.'], ['speaker-1', 'right.'], ['speaker-0', 'yes.'], ['speaker-1', 'no.']],
    },
    {
      id: 'labels in lower case with a title or an initial and its stop (`dr. fei fei li:`, `donald b. verrilli:`)',
      text: 'lenny rachitsky: welcome\ndr. fei fei li: thanks for having me\nlenny rachitsky: why now\ndr. fei fei li: data\ndonald b. verrilli: may it please the court\nlenny rachitsky: and\ndonald b. verrilli: yes',
      expected: [['rachitsky', 'welcome'], ['li', 'thanks for having'], ['rachitsky', 'why now'], ['li', 'data'], ['verrilli', 'may it please'], ['rachitsky', 'and'], ['verrilli', 'yes']],
    },
    {
      id: 'lower-case words before a colon that are no one: beside capitalised labels, or where only one recurs',
      text: 'Jordan Schneider: Welcome.\nupshot: none.\nChris Miller: Thanks.\nupshot: none.\nJordan Schneider: Why?\nanswer: yes.\nanswer: no.\nChris Miller: Because.\n\nAnd in a text without labels:\n\nkey: value.\nupshot: none.\nverdict: yes.\nupshot: no.',
      expected: [['schneider', 'Welcome. upshot: none.'], ['miller', 'Thanks. upshot: none.'], ['schneider', 'Why? answer: yes.'],
        ['miller', 'Because. And in']],
    },
    {
      id: 'turns as list items or after dialogue dashes (`- Name: …`, `— Name: …`), under a list of guests',
      text: 'Guests:\n- Chris Miller, author of Chip War\n- Bob Ray, analyst\n\n- Jordan Schneider: Hi.\n- Ann Lee: Thanks.\n— Jordan Schneider: Why?\n• Ann Lee: Because.',
      expected: [['schneider', 'Hi.'], ['lee', 'Thanks.'], ['schneider', 'Why?'], ['lee', 'Because.']],
    },
    {
      id: 'labels inside paragraphs, where a transcript lost its line breaks',
      text: 'Jordan Schneider: Welcome to the show. Today: rare earths. Chris Miller: Thanks. China: it refines most. Jordan Schneider: Why now? Chris Miller: Leverage.\n\nMR. LONG: Yes. JUSTICE KENNEDY: Why? MR. LONG: Because. JUSTICE KENNEDY: I see.',
      expected: [['schneider', 'Welcome to the'], ['miller', 'Thanks. China: it'], ['schneider', 'Why now?'], ['miller', 'Leverage.'],
        ['long', 'Yes.'], ['kennedy', 'Why?'], ['long', 'Because.'], ['kennedy', 'I see.']],
    },
    {
      id: 'a list of guests under a heading, written like labels, is no talk; a talk that opens without full stops is',
      text: 'Guests:\nChris Miller: author of Chip War\nBob Ray: analyst at CSIS\n\nJordan Schneider: Welcome.\nChris Miller: Thanks.\nJordan Schneider: Why?\n\nSpeakers:\nJordan Schneider: welcome back\nChris Miller: thanks for having me',
      expected: [['schneider', 'Welcome.'], ['miller', 'Thanks.'], ['schneider', 'Why? welcome back'], ['miller', 'thanks for having']],
    },
    {
      id: 'a list of guests opening the post without a heading, each of whom speaks below, is no talk',
      text: 'Chris Miller: author of Chip War\nBob Ray: senior fellow at CSIS\nJordan Schneider: host\n\nJordan Schneider: Welcome.\nChris Miller: Thanks.\nBob Ray: Glad to be here.\nJordan Schneider: Why?',
      expected: [['schneider', 'Welcome.'], ['miller', 'Thanks.'], ['ray', 'Glad to be'], ['schneider', 'Why?']],
    },
    {
      id: 'a talk that opens with short lines without full stops is a talk',
      text: 'Ann Lee: Rare earths again\nBob Ray: Indeed it is\nAnn Lee: What happened?\nBob Ray: Controls.\n\nCarl Oz: former official\nDan Wu: trade lawyer\nCarl Oz: Yes.',
      expected: [['lee', 'Rare earths again'], ['ray', 'Indeed it is'], ['lee', 'What happened?'], ['ray', 'Controls.'], ['oz', 'former official'], ['wu', 'trade lawyer'], ['oz', 'Yes.']],
    },
    {
      id: 'dialogue dashes naming no one (Spanish, Russian interviews): each opens a new turn',
      text: 'Entrevista con Ana Ruiz.\n\n—Buenas noches. ¿Qué pasa?\n\n—China controla el refinado.\n\n— ¿Y Europa?\n\n– Debe invertir.',
      expected: [['unknown', 'Buenas noches. ¿Qué'], ['unknown', 'China controla el'], ['unknown', '¿Y Europa?'], ['unknown', 'Debe invertir.']],
    },
    {
      id: 'dashed lines of show notes beside named labels stay text',
      text: 'Ann Lee: Hello.\n\nBob Ray: Hi.\n\n— One point.\n\n— Another point.\n\n— A third point.\n\nAnn Lee: Bye.',
      expected: [['lee', 'Hello.'], ['ray', 'Hi. — One'], ['lee', 'Bye.']],
    },
    {
      id: 'a committee hearing as GPO prints it: `Chairman Scott.`, `Senator Warren.`, `Mr. Kessler.`, hard-wrapped, with notes in brackets',
      text: '    Chairman Scott. Good morning. The Committee will come to\norder.\n    Senator Warren. Thank you, Mr. Chairman. China refines about\n90 percent of rare earths.\n'
        + '    Mr. Kessler. Thank you, Chairman Scott.\n    [The prepared statement of Mr. Kessler follows:]\n    Senator Warren. How many were denied?\n'
        + '    Mr. Kessler. Fewer than one percent.\n    [Whereupon, at 11:45 a.m., the hearing was adjourned.]',
      expected: [['scott', 'Good morning. The'], ['warren', 'Thank you, Mr.'], ['kessler', 'Thank you, Chairman'], ['warren', 'How many were'], ['kessler', 'Fewer than one']],
    },
    {
      id: 'labels in Markdown italics (`*Name:*`, `_Name_:`)',
      text: '*Jordan Schneider:* Welcome.\n\n_Chris Miller_: Thanks.\n\n*Jordan Schneider:* Why? *Really:* now?',
      expected: [['schneider', 'Welcome.'], ['miller', 'Thanks.'], ['schneider', 'Why? *Really:* now?']],
    },
    {
      id: 'two names in capitals alone on their lines, heading two paragraphs each (a short exchange)',
      text: 'JORDAN SCHNEIDER\nWelcome to ChinaTalk.\n\nCHRIS MILLER\nThanks for having me.\n\nJORDAN SCHNEIDER\nWhy Taiwan?\n\nCHRIS MILLER\nBecause of TSMC.',
      expected: [['schneider', 'Welcome to ChinaTalk.'], ['miller', 'Thanks for having'], ['schneider', 'Why Taiwan?'], ['miller', 'Because of TSMC.']],
    },
    {
      id: 'one heading twice is no exchange',
      text: 'Key Takeaways\nRare earths matter.\n\nKey Takeaways\nChips matter too.',
      expected: [['unknown', 'Key Takeaways Rare']],
    },
    {
      id: 'AssemblyAI\'s lettered voices, `Speaker A:` and `Speaker B` alone on a line',
      text: 'Speaker A: Welcome.\n\nSpeaker B: Thanks.\n\nSpeaker A: Why?\n\n---\n\nSpeaker A\nSo.\n\nSpeaker B\nBecause.\n\nSpeaker A\nRight.',
      expected: [['speaker-a', 'Welcome.'], ['speaker-b', 'Thanks.'], ['speaker-a', 'Why? So.'], ['speaker-b', 'Because.'], ['speaker-a', 'Right.']],
    },
    {
      id: 'a name, a dash and the speech (`JORDAN SCHNEIDER — Welcome…`)',
      text: 'ANN LEE — Welcome.\n\nBob Ray - Thanks.\n\nANN LEE — Why?\n\nBob Ray - Because.',
      expected: [['lee', 'Welcome.'], ['ray', 'Thanks.'], ['lee', 'Why?'], ['ray', 'Because.']],
    },
    {
      id: 'a name, a dash and speech broken off (`- ...`, `- -- about taxes`), a sum (`- $930.`), or lower case after a diarized voice',
      text: 'Ann Lee - ... Criminals keep using tech.\n\nBob Ray - -- about taxes.\n\nAnn Lee - $930.\n\nBob Ray - Right.\n\nSpeaker 2 - can you hear us?\n\nAnn Lee - Yes.',
      expected: [['lee', '... Criminals keep'], ['ray', '-- about taxes.'], ['lee', '$930.'], ['ray', 'Right.'], ['speaker-2', 'can you hear'], ['lee', 'Yes.']],
    },
    {
      id: 'speech in lower case after a name the dashes or times already name twice (`Bob Ray - yeah.`, `Bob Ray (00:00:09) so…`)',
      text: 'Ann Lee - Welcome.\n\nBob Ray - Thanks.\n\nAnn Lee - Why?\n\nBob Ray - yeah. Because.\n\nAnn Lee - Chris Miller - who wrote Chip War - agrees.\n\nBob Ray - He does.\n\nChris Miller - author of Chip War',
      expected: [['lee', 'Welcome.'], ['ray', 'Thanks.'], ['lee', 'Why?'], ['ray', 'yeah. Because.'], ['lee', 'Chris Miller -'], ['ray', 'He does. Chris']],
    },
    {
      id: 'speech in lower case after a name and its time, where the name heads other lines so',
      text: 'Ann Lee (00:00:01) Welcome.\n\nBob Ray (00:00:05) Thanks.\n\nAnn Lee (00:00:07) Why?\n\nBob Ray (00:00:09) so the answer is magnets.\n\nAnn Lee (00:00:12) And?\n\nBob Ray (00:00:14) That is all.',
      expected: [['lee', 'Welcome.'], ['ray', 'Thanks.'], ['lee', 'Why?'], ['ray', 'so the answer'], ['lee', 'And?'], ['ray', 'That is all.']],
    },
    {
      id: 'a guest list with dashes over a colon transcript stays in the show notes',
      text: 'Ann Lee — author of Chip War\n\nBob Ray — Tufts University\n\nAnn Lee: Hello.\n\nBob Ray: Hi.\n\nAnn Lee: Bye.',
      expected: [['lee', 'Hello.'], ['ray', 'Hi.'], ['lee', 'Bye.']],
    },
    {
      id: 'bold labels in Markdown list items and quotes',
      text: '- **Ann Lee:** Hello there.\n- **Bob Ray**: Hi, Ann.\n\n> **Ann Lee:** Shall we?\n>\n> **Bob Ray:** Yes.',
      expected: [['lee', 'Hello there.'], ['ray', 'Hi, Ann.'], ['lee', 'Shall we?'], ['ray', 'Yes.']],
    },
    {
      id: '__underscore__ bold',
      text: '__Ann Lee:__ Hello there.\n__Bob Ray:__ Hi, Ann.\n__Ann Lee:__ Shall we?',
      expected: [['lee', 'Hello there.'], ['ray', 'Hi, Ann.'], ['lee', 'Shall we?']],
    },
    {
      id: 'an affiliation after the name the first time, in mixed case; a sentence listing places stays speech',
      text: 'Ann Lee: Welcome.\n\nBob Ray, Center for Strategic and International Studies: Thanks.\n\nAnn Lee: Where?\n\nIn Washington, Beijing and Tokyo: the same story.\n\nBob Ray: Yes.',
      expected: [['lee', 'Welcome.'], ['ray', 'Thanks.'], ['lee', 'Where? In Washington,'], ['ray', 'Yes.']],
    },
    {
      id: 'a time inside the brackets: `[Ann Lee 00:00:01] text`',
      text: '[Ann Lee 00:00:01] Welcome.\n[Bob Ray 00:00:05] Thanks.\n[Ann Lee 00:00:09] Why?',
      expected: [['lee', 'Welcome.'], ['ray', 'Thanks.'], ['lee', 'Why?']],
    },
    {
      id: 'name, time and speech between dashes or bars: `Ann Lee - 00:00:01 - text`, `00:00:05 | Bob Ray | text`',
      text: 'Ann Lee - 00:00:01 - Welcome.\nBob Ray - 00:00:05 - Thanks.\nAnn Lee - 00:00:09 - Why?\n\n00:01:00 | Bob Ray | Because.\n00:01:05 | Ann Lee | Fine.',
      expected: [['lee', 'Welcome.'], ['ray', 'Thanks.'], ['lee', 'Why?'], ['ray', 'Because.'], ['lee', 'Fine.']],
    },
    {
      id: 'a name and its time run into the speech (`Ann Lee 0:03 Welcome…`, pasted Otter); a schedule\'s days are no one',
      text: 'Ann Lee 0:03 Welcome.\nSpeaker 2 00:00:05 Thanks.\nAnn Lee 0:09 Why?\nSpeaker 2 0:12 Because.\n\nMonday 9:00 Registration.\nMonday 10:00 Keynote.',
      expected: [['lee', 'Welcome.'], ['speaker-2', 'Thanks.'], ['lee', 'Why?'], ['speaker-2', 'Because. Monday 9:00']],
    },
    {
      id: 'the role beside the name: `Jordan Schneider (Host)` over the speech, `Guest (Chris Miller):`',
      text: 'Ann Lee (Host)\nWelcome.\n\nBob Ray (Guest)\nThanks.\n\nAnn Lee (Host)\nWhy?\n\nHost (Ann Lee): So?\n\nGuest (Bob Ray): Because.',
      expected: [['lee', 'Welcome.'], ['ray', 'Thanks.'], ['lee', 'Why? So?'], ['ray', 'Because.']],
    },
    {
      id: 'a focus group: a moderator and numbered participants (`P1:`, `P2:` once, `Participant 3:`)',
      text: 'Moderator: Welcome, everyone.\n\nP1: Thanks. I buy magnets.\n\nP2: I design motors.\n\nModerator: What worries you?\n\nP1: Supply.\n\nParticipant 3: Prices.',
      expected: [['moderator', 'Welcome, everyone.'], ['p1', 'Thanks. I buy'], ['p2', 'I design motors.'], ['moderator', 'What worries you?'], ['p1', 'Supply.'], ['participant-3', 'Prices.']],
    },
    {
      id: 'a bracketed name and a colon, beside Markdown link definitions that stay text',
      text: '[Ann Lee]: The rules changed.\n\n[Bob Ray]: They did.\n\n[Ann Lee]: Sources below.\n\n[Ann Lee]: https://example.com/ann\n[Bob Ray]: <https://example.com/bob>',
      expected: [['lee', 'The rules changed.'], ['ray', 'They did.'], ['lee', 'Sources below. [Ann']],
    },
    {
      id: 'bracketed generic labels with times (Whisper diarization)',
      text: '[Speaker 1] [00:00] Are you there?\n[Speaker 2] [00:03] Yes, hi.\n[Speaker 1] [43:56] They are going to win.\n[Speaker 2] [1:02:03] Maybe.',
      expected: [['speaker-1', 'Are you there?'], ['speaker-2', 'Yes, hi.'], ['speaker-1', 'They are going'], ['speaker-2', 'Maybe.']],
    },
    {
      id: '`Name: 00:00:20` on its own line, then the paragraph',
      text: 'Aaron van Wirdum: 00:00:20\n\nLive from Utrecht.\nThis is Bitcoin Explained.\n\nSjors Provoost: 00:00:25\n\nHello.\n\nAaron van Wirdum: 00:00:30\n\nSo, Sjors.',
      expected: [['wirdum', 'Live from Utrecht.'], ['provoost', 'Hello.'], ['wirdum', 'So, Sjors.']],
    },
    {
      id: 'Rev/Descript `Name (00:01:02):` on its own line, bare `(00:03:22):` continuing',
      text: 'Lenny Rachitsky (00:00:00):\nWelcome.\n\nDr. Fei Fei Li (00:00:22):\nThank you.\n\n(00:00:40):\nIt is good to be here.\n\nLenny Rachitsky (00:01:00):\nLet us begin.',
      expected: [['rachitsky', 'Welcome.'], ['li', 'Thank you. It'], ['rachitsky', 'Let us begin.']],
    },
    {
      id: 'Otter `Name  0:03` headings',
      text: 'Ali  0:03  \nHello everyone.\n\nEmma  0:10  \nHi Ali.\n\nAli  0:15  \nLet us start.',
      expected: [['ali', 'Hello everyone.'], ['emma', 'Hi Ali.'], ['ali', 'Let us start.']],
    },
    {
      id: 'Otter `Unknown Speaker` blocks: one cut at a pause mid-sentence goes on; an answer, or a long block, is a new turn',
      text: 'Unknown Speaker  0:03  \nWhy is it so hard?\n\nUnknown Speaker  0:10  \nSo I think that\n\nUnknown Speaker  0:14  \npeople get defensive.\n\n'
        + 'Unknown Speaker  0:30  \nAnd it comes down to\n\nUnknown Speaker  0:34  \nyeah, exactly, the history.\n\n'
        + 'Unknown Speaker  0:50  \nIt was seen as more polite, but\n\nUnknown Speaker  1:20  \nthat is a word choice.',
      expected: [['unknown', 'Why is it'], ['unknown', 'So I think'], ['unknown', 'And it comes'], ['unknown', 'yeah, exactly, the'],
        ['unknown', 'It was seen'], ['unknown', 'that is a']],
    },
    {
      id: 'a time then a name alone on its line (Happy Scribe, Descript exports)',
      text: '[00:00:02] Speaker 1\nAre you there?\n\n[00:00:15] Speaker 2\nYes, hi.\n\n[00:00:31] Speaker 1\nGood.',
      expected: [['speaker-1', 'Are you there?'], ['speaker-2', 'Yes, hi.'], ['speaker-1', 'Good.']],
    },
    {
      id: '`Name - 00:00:05` and `NAME | 0:05` headings',
      text: 'Ann Lee - 00:00:02\nWelcome.\n\nBOB RAY | 0:15\nThanks.\n\nAnn Lee - 00:00:31\nLet us go.',
      expected: [['lee', 'Welcome.'], ['ray', 'Thanks.'], ['lee', 'Let us go.']],
    },
    {
      id: 'a name alone on a line and its time under it',
      text: 'Ann Lee\n00:00:02\nWelcome.\n\nBob Ray\n00:00:15\nThanks.\n\nAnn Lee\n00:00:31\nLet us go.',
      expected: [['lee', 'Welcome.'], ['ray', 'Thanks.'], ['lee', 'Let us go.']],
    },
    {
      id: 'a diarized voice alone on a line, without times, once one voice recurs',
      text: 'Speaker 1\nAre you there?\n\nSpeaker 2\nYes, hi.\n\nSpeaker 1\nGood.',
      expected: [['speaker-1', 'Are you there?'], ['speaker-2', 'Yes, hi.'], ['speaker-1', 'Good.']],
    },
    {
      id: 'a name alone on a line over speech that opens with its time',
      text: 'Ann Lee\n[00:00:02] Welcome.\n\nBob Ray\n[00:00:15] Thanks.\n\nAnn Lee\n[00:00:31] Let us go.',
      expected: [['lee', 'Welcome.'], ['ray', 'Thanks.'], ['lee', 'Let us go.']],
    },
    {
      id: 'Riverside `Name (00:00:02 - 00:00:14)` headings',
      text: 'Ann Lee (00:00:02 - 00:00:14)\nWelcome.\n\nBob Ray (00:00:15 - 00:00:30)\nThanks.',
      expected: [['lee', 'Welcome.'], ['ray', 'Thanks.']],
    },
    {
      id: '`00:00:05 - Name: text`',
      text: '00:00:02 - Ann Lee: Welcome.\n00:00:15 - Bob Ray: Thanks.\n00:00:31 - Ann Lee: Let us go.',
      expected: [['lee', 'Welcome.'], ['ray', 'Thanks.'], ['lee', 'Let us go.']],
    },
    {
      id: '`[hh:mm:ss] Name:`',
      text: '[00:00:01] Ann Lee: Welcome.\n[00:00:05] Bob Ray: Thanks.\n[00:00:09] Ann Lee: Let us go.',
      expected: [['lee', 'Welcome.'], ['ray', 'Thanks.'], ['lee', 'Let us go.']],
    },
    {
      id: 'Q: / A: (interview)',
      text: 'Q: What did the committee decide?\nA: It voted to delay.\nQ: Why?\nA: Money.',
      expected: [['q', 'What did the'], ['a', 'It voted to'], ['q', 'Why?'], ['a', 'Money.']],
    },
    {
      id: 'numbered voices in other languages (Word, Teams exports)',
      text: 'Sprecher 1: Wir müssen reden.\nSprecher 2: Ja.\nSprecher 1: Gut.',
      expected: [['speaker-1', 'Wir müssen reden.'], ['speaker-2', 'Ja.'], ['speaker-1', 'Gut.']],
    },
    {
      id: 'numbered voices in Chinese',
      text: '说话人 1: 我们需要考虑出口管制。\n说话人 2: 是的。\n说话人 1: 好。',
      expected: [['speaker-1', '我们需要考虑出口管制。'], ['speaker-2', '是的。'], ['speaker-1', '好。']],
    },
    {
      id: 'a White House briefing: `Q Thank you…` after the spokesperson, and `A` the article stays speech',
      text: 'MS. JEAN-PIERRE: Good afternoon.\n\nQ Thank you, Karine. Does it cover China?\n\nMS. JEAN-PIERRE: A Chinese firm is named.\n\nQ And tariffs?\n\nMS. JEAN-PIERRE: Ask Commerce.',
      expected: [['jean-pierre', 'Good afternoon.'], ['q', 'Thank you, Karine.'], ['jean-pierre', 'A Chinese firm'], ['q', 'And tariffs?'], ['jean-pierre', 'Ask Commerce.']],
    },
    {
      id: 'deposition `Q.` / `A.`',
      text: 'Q. Did you sign the export license?\nA. I did.\nQ. When?\nA. In March.',
      expected: [['q', 'Did you sign'], ['a', 'I did.'], ['q', 'When?'], ['a', 'In March.']],
    },
    {
      id: 'a full name in capitals alone on a line, recurring',
      text: 'ANN LEE\nWelcome.\n\nBOB RAY\nThanks.\n\nANN LEE\nSo.\n\nBOB RAY\nYes.\n\nANN LEE\nGood.\n\nBOB RAY\nBye.',
      expected: [['lee', 'Welcome.'], ['ray', 'Thanks.'], ['lee', 'So.'], ['ray', 'Yes.'], ['lee', 'Good.'], ['ray', 'Bye.']],
    },
    {
      id: 'initials, one of them speaking once',
      text: 'JS: Welcome to the show.\nCM: Thanks for having me.\nJS: Let us begin.',
      expected: [['js', 'Welcome to the'], ['cm', 'Thanks for having'], ['js', 'Let us begin.']],
    },
    {
      id: 'hearing record `Mr. SMITH.` / `The CHAIRMAN.`',
      text: 'The CHAIRMAN. The committee will come to order.\nMr. SMITH. Thank you, Mr. Chairman.\nThe CHAIRMAN. Please proceed.\nMr. SMITH. I will be brief.',
      expected: [['chairman', 'The committee will'], ['smith', 'Thank you, Mr.'], ['chairman', 'Please proceed.'], ['smith', 'I will be']],
    },
    {
      id: 'press-service speaker lines `Sen. Mike Lee (R-Utah)`',
      text: 'Senate Judiciary\nSen. Mike Lee (R-Utah)\nAll right, the hearing will come to order. Today we\nTranscript\ndiscuss regulation.\nSen. Cory Booker (D-N.J.)\nThank you, chairman.',
      expected: [['lee', 'All right, the'], ['booker', 'Thank you, chairman.']],
    },
    {
      id: 'speech broken off with dashes (`Right. But I -- 7421(a) --`) under a Markdown heading is no `Name -- description` line',
      text: '### Donald B. Verrilli\n\nNo, we do not.\n\n### Justice Kennedy\n\nThat is correct.\n\n### Donald B. Verrilli\n\nRight. But I -- 7421(a) --\n\n### Justice Kennedy\n\nBut you are -\n\n### Donald B. Verrilli\n\n-- and 7422(a) were the same.',
      expected: [['verrilli', 'No, we do'], ['kennedy', 'That is correct.'], ['verrilli', 'Right. But I'], ['kennedy', 'But you are'], ['verrilli', '-- and 7422(a)']],
      fileName: 'argument.md',
    },
    {
      id: 'bare name lines with a capital inside a word (`Chris McGuire`, `Rosa DeLauro`)',
      text: ['Chris McGuire', 'Last night, the Chinese announced controls.', '', 'Rosa DeLauro', 'What changed?', '', 'Chris McGuire', 'The scope.', '', 'Rosa DeLauro', 'Thanks.', '', 'Chris McGuire', 'Sure.'].join('\n'),
      expected: [['mcguire', 'Last night, the'], ['delauro', 'What changed?'], ['mcguire', 'The scope.'], ['delauro', 'Thanks.'], ['mcguire', 'Sure.']],
    },
    {
      id: 'replies alone on their lines under name lines (`Yeah`, `Right`) are speech, however often they recur',
      text: ['Sjors Provoost', 'So that might be a problem.', '', 'Aaron van Wirdum', 'Yeah', '', 'Sjors Provoost', 'And...', '', 'Aaron van Wirdum', 'Right', '',
        'Sjors Provoost', 'The other person sees two transactions.', '', 'Aaron van Wirdum', 'Yeah', '', 'Sjors Provoost', 'Exactly.', '', 'Aaron van Wirdum', 'Right'].join('\n'),
      expected: [['provoost', 'So that might'], ['wirdum', 'Yeah'], ['provoost', 'And...'], ['wirdum', 'Right'], ['provoost', 'The other person'], ['wirdum', 'Yeah'], ['provoost', 'Exactly.'], ['wirdum', 'Right']],
    },
    {
      id: 'speech broken off with dashes that opens with `I --` under a heading is speech, not `Name -- description`',
      text: '### Bekah Weigel\n\nDid I say famous?\n\n### Dan Ott\n\nI -- it said famous in the question. But --\n\n### Bekah Weigel\n\nOh, I did.\n\n### Dan Ott\n\nI mean, Kate.',
      expected: [['weigel', 'Did I say'], ['ott', 'I -- it'], ['weigel', 'Oh, I did.'], ['ott', 'I mean, Kate.']],
      fileName: 'episode.md',
    },
    {
      id: 'the chair calling on a member (`Justice Ginsburg.`) under a Markdown heading is the chair\'s speech',
      text: '### Justice Ginsburg\n\nHow likely is it -\n\n### Chief Justice Roberts\n\nJustice Ginsburg.\n\n### Justice Ginsburg\n\nHow likely is it, I mean?\n\n### Chief Justice Roberts\n\nJustice Ginsburg.',
      expected: [['ginsburg', 'How likely is'], ['roberts', 'Justice Ginsburg.'], ['ginsburg', 'How likely is'], ['roberts', 'Justice Ginsburg.']],
      fileName: 'argument.md',
    },
    {
      id: 'a chair calling on a member by title and name (`Justice Ginsburg.`) under a speaker line is speech, not a label',
      text: 'Chief Justice Roberts\nMr. Verrilli.\n\nDonald B. Verrilli\nThank you.\n\nJustice Ginsburg\nHow likely is it -\n\nChief Justice Roberts\nJustice Ginsburg.\n\nJustice Ginsburg\nHow likely is it, I mean?\n\nDonald B. Verrilli\nNot very.',
      expected: [['roberts', 'Mr. Verrilli.'], ['verrilli', 'Thank you.'], ['ginsburg', 'How likely is'], ['roberts', 'Justice Ginsburg.'], ['ginsburg', 'How likely is'], ['verrilli', 'Not very.']],
    },
    {
      id: 'ALL-CAPS court labels with line numbers and page furniture',
      text: Array.from({ length: 6 }, (_, page) => [
        '            Official - Subject to Final Review', '',
        ` 1   CHIEF JUSTICE ROBERTS:    We will hear argument ${page}`, ' 2   this morning.', ` 3   MR. LONG:    Thank you, ${page}`, ' 4   Mr. Chief Justice.',
        '                    Alderson Reporting Company', `${page + 2}`, '\f',
      ].join('\n')).join('\n'),
      expected: Array.from({ length: 6 }, (_, page) => [['roberts', `We will hear`], ['long', `Thank you, ${page}`]]).flat(),
    },
  ] as Array<{ id: string; text: string; expected: string[][]; fileName?: string }>)('$id', ({ text, expected, fileName }) => {
    expect(seq(text, fileName)).toEqual(expected)
  })

  it('reads names in HTML headings over the speech, and keeps the page title and section headings out of the turns', () => {
    const html = [
      '<h1>Episode 12: Rare earths</h1><p>This week we talk about export controls.</p><h2>Transcript</h2>',
      '<h3>Ann Lee</h3><p>Welcome to the show.</p><h3>Bob Ray</h3><p>Thanks for having me.</p>',
      '<h2>What Washington can do</h2><p>It is about capacity.</p><h3>Ann Lee</h3><p>Let us go on.</p>',
    ].join('')
    const r = split(html, 'episode.html')
    expect(r.turns.map((t) => [t.speakerId, t.text])).toEqual([
      ['lee', 'Welcome to the show.'], ['ray', 'Thanks for having me.\n\nIt is about capacity.'], ['lee', 'Let us go on.'],
    ])
    expect(r.sections.map((s) => s.text).join('\n')).toContain('What Washington can do')
    const md = split('# Episode 12: Rare earths\n\n### Ann Lee\n\nWelcome.\n\n### Bob Ray\n\nThanks.\n\n### Ann Lee\n\nOn we go.', 'episode.md')
    expect(md.turns.map((t) => [t.speakerId, t.text])).toEqual([['lee', 'Welcome.'], ['ray', 'Thanks.'], ['lee', 'On we go.']])
    // A title with its full stop opens the name: `### Dr. Fei Fei Li`.
    const titled = split('### Lenny Rachitsky\n\nWelcome.\n\n### Dr. Fei Fei Li\n\nThanks.\n\n### Lenny Rachitsky\n\nOn we go.\n\n### Dr. Fei Fei Li\n\nYes.', 'episode.md')
    expect(titled.turns.map((t) => [t.speakerId, t.text])).toEqual([['rachitsky', 'Welcome.'], ['li', 'Thanks.'], ['rachitsky', 'On we go.'], ['li', 'Yes.']])
  })

  it('a note on the transcript under its heading ("This is a transcript of …") is no one\'s speech', () => {
    const html = [
      '<h1>Transcript for Chris Miller: Chip War</h1><p>This is a transcript of episode 12 with Chris Miller.</p>',
      '<h3>Ann Lee</h3><p>Welcome to the show.</p><h3>Bob Ray</h3><p>Thanks for having me.</p><h3>Ann Lee</h3><p>Let us go on.</p>',
    ].join('')
    const r = split(html, 'episode.html')
    expect(r.turns.map((t) => [t.speakerId, t.text])).toEqual([['lee', 'Welcome to the show.'], ['ray', 'Thanks for having me.'], ['lee', 'Let us go on.']])
    expect(r.sections.map((s) => s.text).join('\n')).toContain('This is a transcript of episode 12')
  })

  it('under bare name lines, a full name said once inside the talk whose first word is a given name heads its speech, and the last speaker\'s outro under a name stays theirs', () => {
    const text = ['Ann Lee', 'Welcome to the show.', '', 'Bob Ray', 'Thanks for having me.', '', 'Ann Lee', 'What changed?', '', 'Bob Ray', 'The scope.', '',
      'Chris Skipper', 'This is Chris, the producer, butting in about our hackathon.', '', 'Export Controls', 'are the topic of our next part.', '',
      'Ann Lee', 'Thanks for listening. Follow the show on Spotify, or wherever you get your podcasts.'].join('\n')
    const r = splitTurns(readTranscript(text, { fileName: 'episode.txt' }).paragraphs, { isGivenName: (word) => ['ann', 'bob', 'chris'].includes(word) })
    expect(r.turns.map((t) => [t.speakerId, t.text.split(' ').slice(0, 3).join(' ')])).toEqual([
      ['lee', 'Welcome to the'], ['ray', 'Thanks for having'], ['lee', 'What changed?'], ['ray', 'The scope.'],
      ['skipper', 'This is Chris,'], ['lee', 'Thanks for listening.'],
    ])
    // "Export Controls" said once names no one: its line stays in the producer's turn.
    expect(r.turns[4]!.text).toContain('Export Controls')
  })

  it('a role in brackets after the name gives the role', () => {
    const r = split('Ann Lee (host): Welcome.\nBob Ray [guest]: Thanks.\nAnn Lee (host): So.')
    expect(r.speakers.map((s) => [s.id, s.role])).toEqual([['lee', 'host'], ['ray', 'guest']])
  })

  it('a chapter list with a blurb under each timed title gives no speakers', () => {
    const text = [
      '00:00 Introduction', 'Jordan introduces the guests.', '05:12 Export Controls', 'The new rules from Beijing.',
      '18:40 Gallium Markets', 'What prices tell us.', '',
      'Jordan Schneider: We have to think about this.', '', 'Chris Miller: China refines most gallium.',
    ].join('\n')
    expect(seq(text)).toEqual([['schneider', 'We have to'], ['miller', 'China refines most']])
    expect(split(text).sections.map((s) => s.text).join('\n')).toContain('Export Controls')
  })

  it('bare names alone on a line head the speech below them once names repeat; a one-off title does not', () => {
    const turn = (name: string, text: string) => `${name}\n${text}`
    const text = ['Show Notes', 'We talk about the new data law.', turn('Tim Pritlove', 'Hallo und willkommen.'), turn('Linus Neumann', 'Guten Abend.'),
      turn('Tim Pritlove', 'Was gibt es Neues?'), turn('Linus Neumann', 'Das Gesetz.'), turn('Tim Pritlove', 'Ah.'), turn('Linus Neumann', 'Ja.')].join('\n')
    const r = split(text)
    expect(r.turns.map((t) => t.speakerId)).toEqual(['pritlove', 'neumann', 'pritlove', 'neumann', 'pritlove', 'neumann'])
    expect(r.sections.map((s) => s.text).join(' ')).toMatch(/^Show Notes/)
  })

  it('a one-word name in capitals on its line heads the speech below once names repeat, as scripts write it', () => {
    const script = ['JORDAN', 'Welcome back.', 'CHRIS', 'Thanks.', 'JORDAN', 'Gallium first.', 'CHRIS', 'Sure.', 'JORDAN', 'Then germanium.', 'CHRIS', 'Fine.'].join('\n')
    expect(split(script).turns.map((t) => [t.speakerId, t.text])).toEqual([
      ['jordan', 'Welcome back.'], ['chris', 'Thanks.'], ['jordan', 'Gallium first.'], ['chris', 'Sure.'], ['jordan', 'Then germanium.'], ['chris', 'Fine.']])
    const breaks = ['ADVERTISEMENT', 'Buy our mattress.', 'ADVERTISEMENT', 'Buy our socks.', 'ADVERTISEMENT', 'Buy our tea.'].join('\n')
    expect(split(breaks).speakers.map((x) => x.id)).toEqual(['unknown'])
  })

  it('a third voice alone on its line twice, inside the conversation the others span, speaks too; a heading twice after it does not', () => {
    const script = ['JORDAN', 'Welcome back.', 'CHRIS', 'Thanks.', 'JORDAN', 'Gallium first.', 'LIZ', 'Quick note from production.', 'CHRIS', 'Sure.',
      'JORDAN', 'Then germanium.', 'LIZ', 'We are out of time.', 'CHRIS', 'Fine.', 'KEY LINKS', 'chinatalk.media', 'KEY LINKS', 'chipwar.com'].join('\n')
    const r = split(script)
    expect(r.turns.map((t) => t.speakerId)).toEqual(['jordan', 'chris', 'jordan', 'liz', 'chris', 'jordan', 'liz', 'chris'])
    expect(r.speakers.map((s) => s.id)).toEqual(['jordan', 'chris', 'liz'])
  })

  it('a diarized voice alone on a line under its time heads the speech below it (a transcription export)', () => {
    const text = ['Intro', 'Speaker 3 is the producer.', ...[1, 2, 1, 2, 1, 2].map((n, i) => `0:00:${10 + i * 5} Speaker ${n}\nPoint number ${i} is made here.`)].join('\n')
    const r = split(text)
    expect(r.turns.map((t) => [t.speakerId, t.start])).toEqual([['speaker-1', 10], ['speaker-2', 15], ['speaker-1', 20], ['speaker-2', 25], ['speaker-1', 30], ['speaker-2', 35]])
    expect(r.sections.map((s) => s.text).join(' ')).toMatch(/^Intro/)
  })

  it('a label alone on its line with its time dates the speech under it (Rev, Bitcoin Explained)', () => {
    const rev = split('Ann Lee (00:00:07):\nFirst answer here.\n\nBob Ray (00:01:36):\nSecond answer here.\n\n(00:02:29):\nStill Bob speaking.')
    expect(rev.turns.map((t) => [t.speakerId, t.start])).toEqual([['lee', 7], ['ray', 96]])
    const colonTime = split('Ann Lee: 00:00:20\nFirst answer here.\n\nBob Ray: 00:00:42\nSecond answer here.\n\nAnn Lee: 00:01:05\nThird.')
    expect(colonTime.turns.map((t) => [t.speakerId, t.start])).toEqual([['lee', 20], ['ray', 42], ['lee', 65]])
  })

  it('`>>` caption changes: each is its own unknown turn, also mid-line and HTML-escaped', () => {
    const r = split('>> Good morning, the council will come to order. >> Thank you.\n&gt;&gt; Next item.\n>> Second.')
    expect(r.turns.map((t) => [t.speakerId, t.text])).toEqual([
      ['unknown', 'Good morning, the council will come to order.'], ['unknown', 'Thank you.'], ['unknown', 'Next item.'], ['unknown', 'Second.'],
    ])
  })

  it('subtitle dashes in captions mark changes of speaker, also mid-cue', () => {
    const cues = Array.from({ length: 6 }, (_, i) => `${i + 1}\n00:00:0${i},000 --> 00:00:0${i},900\n${i % 2 ? '- Yes.' : '- So what now? - Nothing.'}`).join('\n\n')
    const r = split(cues, 'subs.srt')
    expect(r.turns.map((t) => t.text)).toEqual(['So what now?', 'Nothing.', 'Yes.', 'So what now?', 'Nothing.', 'Yes.', 'So what now?', 'Nothing.', 'Yes.'])
    expect(new Set(r.turns.map((t) => t.speakerId))).toEqual(new Set(['unknown']))
  })

  it('subtitle dashes that name their speaker (`- JORDAN: …`) give the speaker', () => {
    const lines = [['- ANN: So what now?', '- BOB: Nothing.'], ['- ANN: Really?', '- BOB: Yes.'], ['- ANN: Fine.', '- BOB: Good.'], ['ANN: Bye.']]
    const cues = lines.map((l, i) => `${i + 1}\n00:00:0${i},000 --> 00:00:0${i},900\n${l.join('\n')}`).join('\n\n')
    expect(split(cues, 'subs.srt').turns.map((t) => [t.speakerId, t.text])).toEqual([
      ['ann', 'So what now?'], ['bob', 'Nothing.'], ['ann', 'Really?'], ['bob', 'Yes.'], ['ann', 'Fine.'], ['bob', 'Good.'], ['ann', 'Bye.'],
    ])
  })

  it('two subtitle cues whose dashes name their speakers are enough', () => {
    const cues = '1\n00:00:01,000 --> 00:00:04,000\n- ANN: So what now?\n- BOB: Nothing.\n\n2\n00:00:05,000 --> 00:00:08,000\n- ANN: Really?\n- BOB: Yes.'
    expect(split(cues, 'subs.srt').turns.map((t) => [t.speakerId, t.text])).toEqual([['ann', 'So what now?'], ['bob', 'Nothing.'], ['ann', 'Really?'], ['bob', 'Yes.']])
  })

  it('subtitles for the deaf name a voice in parentheses (`(JORDAN) …`, `- (MILLER) …`), not a manner or a language', () => {
    const lines = [['- (JORDAN) Welcome back.', '- (MILLER) Thanks.'], ['(JORDAN) (WHISPERING) Are we live?'], ['(MILLER) Yes.'], ['(IN SPANISH) Hola.'], ['(JORDAN) Good.']]
    const cues = lines.map((l, i) => `${i + 1}\n00:00:0${i},000 --> 00:00:0${i},900\n${l.join('\n')}`).join('\n\n')
    expect(split(cues, 'subs.srt').turns.map((t) => [t.speakerId, t.text])).toEqual([
      ['jordan', 'Welcome back.'], ['miller', 'Thanks.'], ['jordan', '(WHISPERING) Are we live?'], ['miller', 'Yes. (IN SPANISH) Hola.'], ['jordan', 'Good.'],
    ])
    // Outside captions a name in parentheses opening a paragraph is an aside, not a label.
    expect(split('(Jordan) Welcome back.\n\n(Miller) Thanks.\n\n(Jordan) Good.').turns.map((t) => t.speakerId)).toEqual(['unknown'])
  })

  it('a name after `>>` speaks even once; a word after `>>` that names no one still changes the speaker', () => {
    const lines = ['>> JONES: The price went up.', '>> SMITH: It did.', '>> Price: the price is what it is.', '>> JW: Next.']
    const cues = lines.map((l, i) => `${i + 1}\n00:00:0${i},000 --> 00:00:0${i},900\n${l}`).join('\n\n')
    expect(split(cues, 'council.srt').turns.map((t) => [t.speakerId, t.text])).toEqual([
      ['jones', 'The price went up.'], ['smith', 'It did.'], ['unknown', 'Price: the price is what it is.'], ['jw', 'Next.'],
    ])
  })

  it('a `>>` before a name once, in captions whose other cues name their speaker with a colon, still changes the speaker', () => {
    const lines = ['JORDAN SCHNEIDER: Welcome to ChinaTalk.', 'CHRIS MILLER: Thanks for having me.', '>> JORDAN SCHNEIDER: Let us talk gallium.']
    const cues = lines.map((l, i) => `${i + 1}\n00:00:0${i},000 --> 00:00:0${i},900\n${l}`).join('\n\n')
    expect(split(cues, 'talk.srt').turns.map((t) => [t.speakerId, t.text])).toEqual([
      ['schneider', 'Welcome to ChinaTalk.'], ['miller', 'Thanks for having me.'], ['schneider', 'Let us talk gallium.'],
    ])
  })

  it('TTML agents and SBV caption labels give the speakers', () => {
    const ttml = '<tt xmlns="http://www.w3.org/ns/ttml" xmlns:ttm="http://www.w3.org/ns/ttml#metadata"><head><metadata><ttm:agent xml:id="a"><ttm:name type="full">Ann Lee</ttm:name></ttm:agent></metadata></head>'
      + '<body><div><p begin="1s" ttm:agent="a">Hello.</p><p begin="2s" ttm:agent="SPEAKER_2">Hi.</p><p begin="3s" ttm:agent="a">Bye.</p></div></body></tt>'
    expect(split(ttml, 'a.ttml').turns.map((t) => [t.speakerId, t.text, t.start])).toEqual([['lee', 'Hello.', 1], ['speaker-2', 'Hi.', 2], ['lee', 'Bye.', 3]])
    const sbv = '0:00:01.000,0:00:02.000\n>> ANN LEE: Hello.\n\n0:00:02.000,0:00:03.000\n>> BOB RAY: Hi.\n\n0:00:03.000,0:00:04.000\nstill Bob.'
    expect(split(sbv, 'a.sbv').turns.map((t) => [t.speakerId, t.text])).toEqual([['lee', 'Hello.'], ['ray', 'Hi. still Bob.']])
  })

  it('VTT voices keep a speaker per cue', () => {
    const r = split('WEBVTT\n\n00:01.000 --> 00:02.000\n<v Ann Lee>Hello.\n\n00:02.000 --> 00:03.000\n<v Bob Ray>Hi.', 'a.vtt')
    expect(r.turns.map((t) => [t.speakerId, t.text, t.start])).toEqual([['lee', 'Hello.', 1], ['ray', 'Hi.', 2]])
  })
})

describe('who the labels name', () => {
  it('resolves initials and a lone first name against the roster block, marking the inference', () => {
    const r = split([
      'Law enforcement panel', '', 'Jason Weinstein, Blockchain Alliance, moderator', '', 'Prakash Santhana, Deloitte', '', 'Zooko Wilcox, zcash', '',
      'JW: Welcome, everyone.', '', 'PS: I lead payments at Deloitte.', '', 'Zooko: My background is cryptography; zooko is my name.', '', 'JW: Thanks.',
    ].join('\n'))
    expect(r.turns.map((t) => t.speakerId)).toEqual(['weinstein', 'santhana', 'wilcox', 'weinstein'])
    expect(r.speakers.find((s) => s.id === 'santhana')).toMatchObject({ name: 'Prakash Santhana', nameSource: 'roster' })
  })

  it('names a witness in full from the hearing\'s heading over the testimony, anywhere in the record', () => {
    const r = split('    Chairman Scott. Welcome.\n    Senator Warren. Thank you.\n\nSTATEMENT OF ALAN KESSLER, UNDER SECRETARY FOR INDUSTRY AND SECURITY\n\n'
      + '    Mr. Kessler. Thank you, Chairman.\n    Senator Warren. How many?\n    Mr. Kessler. Few.\n\nORAL ARGUMENT OF DONALD B. VERRILLI, JR.\n\nGENERAL VERRILLI: Thank you.\n\nGENERAL VERRILLI: Yes.')
    expect(r.speakers.map((s) => [s.id, s.name])).toEqual([['scott', 'Chairman Scott'], ['warren', 'Senator Warren'], ['kessler', 'Alan Kessler'], ['verrilli', 'Donald B. Verrilli']])
  })

  it('keeps a title-only label its own speaker, never someone who holds that title', () => {
    const r = split('Senator Grassley: Welcome.\nAA: Thank you.\nSenator: A question.\nSenator R: Another one.\nAA: Both good.\nSenator Grassley: Thanks.')
    expect(r.turns.map((t) => t.speakerId)).toEqual(['grassley', 'aa', 'senator', 'r', 'aa', 'grassley'])
  })

  it('takes a label that speaks once when the document uses that convention, and not a field name', () => {
    expect(split('Chris McGuire: The controls are broad.\nJordan Schneider: Why?\nChris McGuire: Leverage.\nChris Miller: The US should build refineries.').turns.map((t) => t.speakerId))
      .toEqual(['mcguire', 'schneider', 'mcguire', 'miller'])
    expect(split('Ann Lee: Hi.\nBob Ray: Hello.').turns.map((t) => t.speakerId)).toEqual(['lee', 'ray'])
    const shop = split('Blue kettle\nPrice: 12 dollars\nThe price includes shipping.\nPrice: 10 dollars with code')
    expect(shop.speakers.map((s) => s.id)).toEqual(['unknown'])
  })

  it('names a diarized voice that introduces itself, and says the name was inferred', () => {
    const r = split('WEBVTT\n\n00:00.000 --> 00:03.000\n<v SPEAKER_1>Hello, I\'m James Cridland, the editor of Podnews.\n\n00:03.000 --> 00:05.000\n<v SPEAKER_2>Thanks.', 'a.vtt')
    expect(r.speakers).toEqual([
      expect.objectContaining({ id: 'cridland', name: 'James Cridland', nameSource: 'self-introduction' }),
      expect.objectContaining({ id: 'speaker-2', name: 'SPEAKER_2' }),
    ])
    expect(r.speakers[1]!.nameSource).toBeUndefined()
  })

  it('names a voice that opens as the host ("I am your host, Jordan Schneider", "Hi everyone, this is Sarah Chen"), not one that points at a place', () => {
    expect(split('SPEAKER_00: Welcome. I am your host, Jordan Schneider.\nSPEAKER_01: Thanks.\nSPEAKER_00: So?\nSPEAKER_01: Well.').speakers.map((s) => s.id)).toEqual(['schneider', 'speaker-1'])
    expect(split('Speaker 1: Hi everyone, this is Sarah Chen and you are listening to Policy Hour.\n\nSpeaker 2: Hey.\n\nSpeaker 1: So?\n\nSpeaker 2: Well.').speakers.map((s) => s.id)).toEqual(['chen', 'speaker-2'])
    expect(split('Speaker 1: Look at this. This is New York, the city.\n\nSpeaker 2: Hey.\n\nSpeaker 1: So?\n\nSpeaker 2: Well.').speakers.map((s) => s.id)).toEqual(['speaker-1', 'speaker-2'])
  })

  it('does not name a voice from an ambiguous introduction', () => {
    const r = split('SPEAKER_1: I\'m Jane Doe. Or, well, I\'m Mary Major today.\nSPEAKER_2: Right.')
    expect(r.speakers.map((s) => s.id)).toEqual(['speaker-1', 'speaker-2'])
  })

  it('names the unnamed caption turn a chair calls on', () => {
    const r = split('>> THE MEETING WILL COME TO ORDER. COUNCILMEMBER SMITH?\n>> PRESENT.\n>> You may begin, Ms. Lopez.\n>> Thank you, chair.')
    expect(r.turns.map((t) => t.speakerId)).toEqual(['unknown', 'smith', 'unknown', 'lopez'])
    expect(r.speakers.find((s) => s.id === 'lopez')?.nameSource).toBe('called-on')
  })
})

describe('non-speech stays out of the turns, speech stays in', () => {
  it('headings inside the conversation, stage directions, marker lines and times after labels', () => {
    const text = allText('**Ann Lee:** \\[00:12\\] Hello \\[Laughs\\] there.\n\n## Section two\n\n**Bob Ray:** Hi (laughs). [inaudible 01:18:58] Sure.\n\n**Break:** \\[00:55\\]\n\n**Ann Lee:** Back.')
    expect(text).toBe('Hello there.\nHi. Sure.\nBack.')
  })

  it('a broadcast transcript\'s directions in parentheses on lines of their own', () => {
    const r = split('BLITZER: Welcome back.\n\n(BEGIN VIDEOTAPE)\n\nUNIDENTIFIED MALE: No deal.\n\n(END VIDEOTAPE)\n\nBLITZER: Jim?\n\n(Laughter)\n\nSCIUTTO: Stalled (for now).\n\nBLITZER: Thanks.\n\nSCIUTTO: Sure.\n\n(COMMERCIAL BREAK)')
    expect(r.turns.map((t) => t.text)).toEqual(['Welcome back.', 'No deal.', 'Jim?', 'Stalled (for now).', 'Thanks.', 'Sure.'])
    expect(r.sections.map((s) => s.text).join('\n')).toMatch(/BEGIN VIDEOTAPE[^]*END VIDEOTAPE[^]*Laughter[^]*COMMERCIAL BREAK/)
  })

  it('a sponsor read inside a host turn becomes a promo section, and the turn goes on after it', () => {
    const r = split([
      'Ann Lee: Welcome to the show.', 'This episode is brought to you by Acme, makers of anvils.', 'Acme anvils are the best. Visit acme.com/show today.',
      'Now, back to tariffs.', 'Bob Ray: Thanks, Ann.',
    ].join('\n'))
    expect(r.turns.map((t) => [t.speakerId, t.paragraphs])).toEqual([['lee', ['Welcome to the show.', 'Now, back to tariffs.']], ['ray', ['Thanks, Ann.']]])
    expect(r.sections).toEqual([expect.objectContaining({ kind: 'promo', text: expect.stringMatching(/^This episode is brought to you by Acme/) })])
  })

  it('ad copy with two calls to action is a promo even without "brought to you by"', () => {
    const r = split('Ann Lee: Hi.\nPodcast hosting made easy with powerful tools. Start your free trial at hostco.com/pod today.\nBob Ray: Hello.')
    expect(r.turns.map((t) => t.text)).toEqual(['Hi.', 'Hello.'])
  })

  it('show-note links before the transcript, and postscripts, credits and captioning notes after it', () => {
    const r = split([
      'Links:', '- [Report](https://example.com) [04:12]', '', 'Ann Lee: The rules changed.', 'Bob Ray: They did.',
      'Postscript: After we recorded, the ministry withdrew the notice.', 'Supply Lines is produced by Jo Smith.', 'Captioning provided by CaptionCo.',
    ].join('\n'))
    expect(r.turns.map((t) => t.text)).toEqual(['The rules changed.', 'They did.'])
    expect(r.sections.map((s) => s.kind)).toContain('other')
    expect(r.sections.map((s) => s.text).join(' ')).toMatch(/Postscript: [\s\S]*Captioning provided/)
  })

  it('an earnings call: `Name -- Title` over the speech, the Operator, and a title-case heading between parts', () => {
    const call = split('Prepared Remarks:\n\nOperator\n\nGood day, and welcome to the call.\n\nAnn Lee -- Chief Executive Officer\n\nRevenue rose 6 percent.\n\nQuestions & Answers:\n\nOperator\n\nOur first question comes from Bob Ray.\n\nBob Ray -- Morgan Stanley -- Analyst\n\nHow should we think about tariffs?\n\nAnn Lee -- Chief Executive Officer\n\nThey add costs.')
    expect(call.turns.map((t) => [t.speakerId, t.text])).toEqual([['operator', 'Good day, and welcome to the call.'], ['lee', 'Revenue rose 6 percent.'],
      ['operator', 'Our first question comes from Bob Ray.'], ['ray', 'How should we think about tariffs?'], ['lee', 'They add costs.']])
    expect(call.sections.map((s) => s.text)).toEqual(['Prepared Remarks:', 'Questions & Answers:'])
  })

  it('a call\'s participants listed before it head their speech said once, under bare name lines', () => {
    const call = split('Company Participants\n\nAnn Lee - Chief Executive Officer\nCarl Oh - Chief Financial Officer\n\nConference Call Participants\n\nBob Ray - Morgan Stanley\n\nOperator\n\nWelcome to the call.\n\nAnn Lee\n\nRevenue rose.\n\nOperator\n\nOur first question comes from Bob Ray.\n\nBob Ray\n\nWhat about tariffs?\n\nAnn Lee\n\nThey add costs.\n\nCarl Oh\n\nMargins hold.')
    expect(call.turns.map((t) => [t.speakerId, t.text])).toEqual([['operator', 'Welcome to the call.'], ['lee', 'Revenue rose.'],
      ['operator', 'Our first question comes from Bob Ray.'], ['ray', 'What about tariffs?'], ['lee', 'They add costs.'], ['oh', 'Margins hold.']])
  })

  it('a list of guests under a heading in German or French opens the post and is no speech', () => {
    const de = split('Gäste:\nPeter Müller: Autor von Chip War\n\nAnna Schmidt: Willkommen zu einer neuen Folge.\n\nPeter Müller: Danke.\n\nAnna Schmidt: Also?\n\nPeter Müller: Nun ja.')
    expect(de.turns.map((t) => t.speakerId)).toEqual(['schmidt', 'muller', 'schmidt', 'muller'])
    expect(de.sections).toEqual([expect.objectContaining({ kind: 'show-notes', text: expect.stringContaining('Autor von Chip War') })])
    const fr = split('Invités :\nMarie Curie : physicienne\n\nJean Dupont : Bienvenue.\n\nMarie Curie : Merci.\n\nJean Dupont : Alors ?\n\nMarie Curie : Eh bien.')
    expect(fr.turns.map((t) => t.speakerId)).toEqual(['dupont', 'curie', 'dupont', 'curie'])
  })

  it('the heading of the post\'s notes after the talk ends the last turn', () => {
    for (const heading of ['Show notes:', '## Links', '**Mentioned in this episode**', 'Resources', 'Shownotes:', '## Links zur Folge', 'Notas del episodio', 'Liens :']) {
      const r = split(['Ann Lee: The rules changed.', 'Bob Ray: They did.', '', heading, '', '- Chip War, by Chris Miller'].join('\n'))
      expect(r.turns.map((t) => t.text)).toEqual(['The rules changed.', 'They did.'])
      expect(r.sections).toEqual([expect.objectContaining({ kind: 'other', text: expect.stringContaining('Chip War') })])
    }
  })

  it('a captioner\'s credit at the end of a caption file is no one\'s speech, even inside the last cues', () => {
    const lines = ['>> THE MEETING IS ADJOURNED.', '>> THANK YOU ALL.', 'SEE YOU NEXT WEEK.', 'CAPTIONING PROVIDED BY', 'ACME CAPTIONS INC.']
    const srt = lines.map((line, i) => `${i + 1}\n00:00:0${i},000 --> 00:00:0${i},900\n${line}`).join('\n\n')
    const r = split(srt, 'council.srt')
    expect(r.turns.map((t) => t.text)).toEqual(['THE MEETING IS ADJOURNED.', 'THANK YOU ALL. SEE YOU NEXT WEEK.'])
    expect(r.sections).toEqual([expect.objectContaining({ kind: 'other', text: 'CAPTIONING PROVIDED BY\n\nACME CAPTIONS INC.' })])
  })

  it('a recorded outro with credits leaves the last turn', () => {
    const r = split('Ann Lee: Bye.\nBob Ray: Bye.\nAnn Lee: Thank you for listening to this episode. It was produced by Jo Smith. Please subscribe.')
    expect(r.turns.map((t) => t.text)).toEqual(['Bye.', 'Bye.'])
  })

  it('a prepared statement under a heading is speech, not an article', () => {
    const statement = 'Chairman, members of the committee, thank you. '.repeat(80)
    const r = split(`# Hearing on supply chains\n\n# Prepared remarks\n\n${statement}\n\n${statement}\n\nSenator Lee: Thank you for that.\n\nAA: My pleasure.`, 'h.md')
    expect(r.turns[0]).toMatchObject({ speakerId: 'unknown' })
    expect(r.turns[0]!.wordCount).toBe(2 * 80 * 7)
    expect(r.sections.some((s) => s.kind === 'article')).toBe(false)
  })

  it('a host\'s spoken intro labelled once with the full name is speech, not show notes', () => {
    const r = split('Bekah Hawrot Weigel: Hello, and welcome to Season 6.\nDan Ott: Hi.\nBekah: Great.\nDan: Yes.')
    expect(r.turns.map((t) => t.speakerId)).toEqual(['weigel', 'ott', 'weigel', 'ott'])
    expect(r.sections).toEqual([])
  })
})

describe('language per turn', () => {
  it('detects each turn\'s language; short turns take the transcript\'s', () => {
    const r = split([
      'Tim Pritlove: Hallo und herzlich willkommen zur neuen Sendung. Heute sprechen wir über die Vorratsdatenspeicherung und was die Bundesregierung dazu beschlossen hat.',
      'Linus Neumann: Ja.',
      'Tim Pritlove: Da haben wir einiges zu besprechen, denn wir haben gestern gelesen, dass das Gesetz noch einmal geändert werden soll und die Opposition klagt.',
    ].join('\n'))
    expect(r.turns.map((t) => t.language)).toEqual(['de', 'de', 'de'])
  })
})

// Heuristics over untrusted text: each of these must come back with a sensible result (linear time
// is measured by `npm run bench -- split`, not asserted here).
describe('pathological input', () => {
  it('a short line in lower case that recurs is a name only in a text written with capitals', () => {
    const refrain = 'great point\n\nso what do you think about that\n\n'.repeat(4) + 'and then they left'
    expect(split(refrain).speakers.map((s) => s.id)).toEqual(['unknown'])
  })

  it('100k `>>` changes on one line give 100k unknown turns', () => {
    const r = split(Array.from({ length: 100_000 }, (_, i) => `>> Item ${i}.`).join(' '))
    expect(r.turns).toHaveLength(100_000)
    expect(r.speakers).toEqual([expect.objectContaining({ id: 'unknown', turnCount: 100_000 })])
  })

  it('20k distinct one-off labels are 20k speakers, each with its own id', () => {
    const name = (i: number) => i.toString(26).replace(/[0-9]/g, (d) => 'qrstuvwxyz'[Number(d)]!)
    const r = split(Array.from({ length: 20_000 }, (_, i) => `Ab${name(i)} Cd${name(i)}: Hello ${i}.`).join('\n'))
    expect(r.turns).toHaveLength(20_000)
    expect(new Set(r.speakers.map((s) => s.id)).size).toBe(20_000)
  })

  it('a 5 MB single line of markers and directions is one bounded pass', () => {
    const r = split('word [laughs] (laughs) - Yes. **x** \\[00:01\\] '.repeat(120_000))
    expect(r.turns).toHaveLength(1)
    expect(r.turns[0]!.text).not.toMatch(/laughs|\[00:01\]/)
  })

  it('HTML nested 20k deep still yields its speaker and text', () => {
    const html = '<div>'.repeat(20_000) + '<p class="speaker">Ann Lee</p><p>Hi there.</p>' + '</div>'.repeat(20_000)
    const r = split(html, 'deep.html')
    expect(r.turns.map((t) => [t.speakerId, t.text])).toEqual([['lee', 'Hi there.']])
  })
})

describe('debate and press transcripts', () => {
  it('reads parliamentary records: Hansard, the Congressional Record, the European Parliament', () => {
    const hansard = split([
      'Prime Minister', '', 'The Prime Minister (Keir Starmer)', '', 'I am sure the House will join me.', '',
      'Kemi Badenoch (North West Essex) (Con)', '', 'Why has the economy shrunk?', '', 'The Prime Minister', '', 'It has not.', '',
      'Kemi Badenoch', '', 'Nobody believes that.', '', 'Mr Speaker', '', 'Order.',
    ].join('\n'))
    expect(hansard.turns.map((t) => [t.speakerId, t.text])).toEqual([
      ['starmer', 'I am sure the House will join me.'], ['badenoch', 'Why has the economy shrunk?'], ['starmer', 'It has not.'],
      ['badenoch', 'Nobody believes that.'], ['mr-speaker', 'Order.'],
    ])
    // The same with the speech after a colon on the label's line, as Hansard's text exports write it.
    const inline = split([
      'The Prime Minister (Keir Starmer): I am sure the House will join me.', 'Kemi Badenoch (North West Essex) (Con): Why has the economy shrunk?',
      'The Prime Minister: It has not.', 'Kemi Badenoch: Nobody believes that.', 'Mr Speaker: Order.',
    ].join('\n\n'))
    expect(inline.turns.map((t) => [t.speakerId, t.text])).toEqual(hansard.turns.map((t) => [t.speakerId, t.text]))
    // A constituency with brackets of its own.
    const nested = split(['Rishi Sunak (Richmond (Yorks)) (Con)', '', 'Will he confirm it?', '', 'The Prime Minister (Keir Starmer)', '', 'I will.', '', 'Rishi Sunak', '', 'No.'].join('\n'))
    expect(nested.turns.map((t) => [t.speakerId, t.text])).toEqual([['sunak', 'Will he confirm it?'], ['starmer', 'I will.'], ['sunak', 'No.']])
    const record = split([
      'The SPEAKER pro tempore. The Chair recognizes the gentleman from Texas.', 'Mr. SMITH of Texas. Mr. Speaker, I rise in support.',
      'The SPEAKER pro tempore. The gentleman yields back.', 'Mr. McCONNELL. Mr. President, I yield the floor.',
    ].join('\n\n'))
    expect(record.turns.map((t) => [t.speakerId, t.text.split(' ').slice(0, 3).join(' ')])).toEqual([
      ['speaker-pro-tempore', 'The Chair recognizes'], ['smith', 'Mr. Speaker, I'], ['speaker-pro-tempore', 'The gentleman yields'], ['mcconnell', 'Mr. President, I'],
    ])
    const europarl = split([
      'President. – The next item is the Commission statement.', 'Ursula von der Leyen, President of the Commission. – Madam President, we must diversify.',
      'Manfred Weber, on behalf of the PPE Group. – We agree.', 'President. – The debate is closed.',
    ].join('\n\n'))
    expect(europarl.turns.map((t) => [t.speakerId, t.text.split(' ').slice(0, 2).join(' ')])).toEqual([
      ['president', 'The next'], ['leyen', 'Madam President,'], ['weber', 'We agree.'], ['president', 'The debate'],
    ])
  })

  it('reads the Australian Hansard (electorate, office and time before the colon) and a court record', () => {
    const aus = split('The SPEAKER (14:00): Order!\nMr DUTTON (Dickson—Leader of the Opposition) (14:01): Why?\nMr ALBANESE (Grayndler—Prime Minister) (14:02): Because.\nMr DUTTON (Dickson—Leader of the Opposition) (14:03): No.')
    expect(aus.turns.map((t) => [t.speakerId, t.text])).toEqual([['speaker', 'Order!'], ['dutton', 'Why?'], ['albanese', 'Because.'], ['dutton', 'No.']])
    const court = split([
      'THE COURT: Call your first witness.', 'MR. SMITH: The government calls Agent Jones.', 'DIRECT EXAMINATION', 'BY MR. SMITH:',
      'Q. Please state your name.', 'A. Dana Jones.', 'THE COURT: Cross-examination?', 'MS. LEE: Yes, Your Honor.',
    ].join('\n\n'))
    expect(court.turns.map((t) => [t.speakerId, t.text])).toEqual([
      ['court', 'Call your first witness.'], ['smith', 'The government calls Agent Jones.'], ['q', 'Please state your name.'], ['a', 'Dana Jones.'],
      ['court', 'Cross-examination?'], ['lee', 'Yes, Your Honor.'],
    ])
    expect(court.speakers.find((p) => p.id === 'smith')?.name).toBe('Mr. Smith')
    expect(court.sections.map((x) => x.text)).toEqual(['DIRECT EXAMINATION\n\nBY MR. SMITH:'])
  })

  it('reads the Canadian Hansard, the Lok Sabha and the United Nations\' verbatim records (office, party, language spoken)', () => {
    const canada = split([
      'Hon. Pierre Poilievre (Carleton, CPC): Mr. Speaker, will he axe the tax?', 'Right Hon. Justin Trudeau (Prime Minister, Lib.): Mr. Speaker, no.',
      'Hon. Pierre Poilievre (Carleton, CPC): Mr. Speaker, that is false.', 'Ms. Chrystia Freeland (Deputy Prime Minister and Minister of Finance, Lib.): Mr. Speaker, our plan is working.',
    ].join('\n\n'))
    expect(canada.turns.map((t) => [t.speakerId, t.text])).toEqual([
      ['poilievre', 'Mr. Speaker, will he axe the tax?'], ['trudeau', 'Mr. Speaker, no.'], ['poilievre', 'Mr. Speaker, that is false.'], ['freeland', 'Mr. Speaker, our plan is working.'],
    ])
    const lokSabha = split([
      'HON. SPEAKER: Question No. 41.', 'SHRI RAHUL GANDHI: Sir, I would like to ask the hon. Minister about rare earths.',
      'THE MINISTER OF COMMERCE AND INDUSTRY (SHRI PIYUSH GOYAL): Sir, we have diversified supply chains.', 'SHRI RAHUL GANDHI: Sir, will there be a stockpile?',
    ].join('\n\n'))
    expect(lokSabha.turns.map((t) => t.speakerId)).toEqual(['hon-speaker', 'gandhi', 'goyal', 'gandhi'])
    expect(lokSabha.turns[2]?.text).toBe('Sir, we have diversified supply chains.')
    const un = split([
      'The President (spoke in French): I give the floor to the representative of the Russian Federation.',
      'Mr. Nebenzia (Russian Federation) (spoke in Russian): We will vote against the draft resolution.',
      'Mrs. Thomas-Greenfield (United States of America): We support it.',
      'Mr. Zhang Jun (China) (spoke in Chinese): China opposes unilateral sanctions.',
      'Mr. Nebenzia (Russian Federation) (spoke in Russian): I take the floor again.',
    ].join('\n\n'))
    expect(un.turns.map((t) => [t.speakerId, t.text.split(' ').slice(0, 2).join(' ')])).toEqual([
      ['president', 'I give'], ['nebenzia', 'We will'], ['thomas-greenfield', 'We support'], ['jun', 'China opposes'], ['nebenzia', 'I take'],
    ])
  })

  it('reads Microsoft Teams\' "Surname, Given" voices as the person, in its text export and its captions', () => {
    const text = split('Schneider, Jordan   0:03\nWelcome to the show.\n\nMiller, Chris   0:12\nThanks for having me.\n\nSchneider, Jordan   0:25\nWhy?\n\nMcGuire, Chris A.   0:31\nBecause.')
    expect(text.speakers.map((p) => [p.id, p.name])).toEqual([['schneider', 'Jordan Schneider'], ['miller', 'Chris Miller'], ['mcguire', 'Chris A. McGuire']])
    expect(text.turns.map((t) => t.speakerId)).toEqual(['schneider', 'miller', 'schneider', 'mcguire'])
    const vtt = split('WEBVTT\n\n00:00.000 --> 00:03.000\n<v Schneider, Jordan>Welcome.</v>\n\n00:03.000 --> 00:06.000\n<v Miller, Chris>Thanks.</v>\n', 'meeting.vtt')
    expect(vtt.speakers.map((p) => p.name)).toEqual(['Jordan Schneider', 'Chris Miller'])
    // The same person under a feed's hint and Teams' directory form is one speaker.
    const hinted = splitTurns(readTranscript('Schneider, Jordan   0:03\nHi.\n\nMiller, Chris   0:05\nHello.', { fileName: 'a.txt' }).paragraphs, { speakers: [{ name: 'Jordan Schneider', role: 'host' }] })
    expect(hinted.speakers.map((p) => [p.id, p.role])).toEqual([['schneider', 'host'], ['miller', 'unknown']])
  })

  it('reads the question and answer of Spanish press interviews, as letters and written out', () => {
    const letters = split('P. ¿Cómo valora las restricciones?\n\nR. Son una escalada clara.\n\nP. ¿Y para Europa?\n\nR. Debe diversificar.')
    expect(letters.turns.map((t) => [t.speakerId, t.text])).toEqual([['p', '¿Cómo valora las restricciones?'], ['r', 'Son una escalada clara.'], ['p', '¿Y para Europa?'], ['r', 'Debe diversificar.']])
    const words = split('Pregunta. ¿Cómo valora las restricciones?\n\nRespuesta. Son una escalada clara.\n\nPregunta. ¿Y para Europa?\n\nRespuesta. Debe diversificar.')
    expect(words.turns.map((t) => t.speakerId)).toEqual(['pregunta', 'respuesta', 'pregunta', 'respuesta'])
  })

  it('reads the Federal Reserve\'s press conferences (names in capitals and a full stop) and the French Assemblée\'s reports', () => {
    const fomc = split([
      'CHAIR POWELL. Good afternoon. Inflation has eased.', 'MICHELLE SMITH. Steve.', 'STEVE LIESMAN. Thanks. Will tariffs raise prices?',
      'CHAIR POWELL. So, we think they will.', 'MICHELLE SMITH. Rachel.', 'RACHEL SIEGEL. Will you cut in September?', 'CHAIR POWELL. No decision yet.',
    ].join('\n\n'))
    expect(fomc.turns.map((t) => [t.speakerId, t.text.split(' ')[0]])).toEqual([
      ['powell', 'Good'], ['smith', 'Steve.'], ['liesman', 'Thanks.'], ['powell', 'So,'], ['smith', 'Rachel.'], ['siegel', 'Will'], ['powell', 'No'],
    ])
    // In a text all in capitals, or before a refrain, two words in capitals and a stop open a sentence.
    const caps = split('THANK YOU. WE WILL NOW HEAR ITEM ONE.\n\nTHANK YOU. THE ITEM IS APPROVED.\n\nGOOD MORNING. Welcome back.\n\nGOOD MORNING. Let us begin.')
    expect(caps.speakers.map((p) => p.id)).toEqual(['unknown'])
    const assemblee = split([
      'M. le président. La séance est ouverte. La parole est à M. Gabriel Attal, Premier ministre.',
      'M. Gabriel Attal, Premier ministre. Monsieur le président, la Chine a imposé des restrictions.',
      'M. le président. La parole est à Mme Marine Le Pen.', 'Mme Marine Le Pen. Votre gouvernement a trop attendu.',
      'M. Gabriel Attal, Premier ministre. Nous investirons d\'ici 2030.',
    ].join('\n\n'))
    expect(assemblee.turns.map((t) => [t.speakerId, t.text.split(' ').slice(0, 2).join(' ')])).toEqual([
      ['president', 'La séance'], ['attal', 'Monsieur le'], ['president', 'La parole'], ['pen', 'Votre gouvernement'], ['attal', 'Nous investirons'],
    ])
  })

  it('reads the dialogue and meeting corpora\'s conventions: CALLHOME\'s times in seconds, Switchboard\'s `A.1:`, DialogSum\'s `#Person1#:`, AMI\'s and ICSI\'s roles', () => {
    const callhome = split('98.41 101.07 A: yeah i know i just got back\n101.20 103.55 B: oh really what did you get\n103.80 107.12 A: just some groceries\n107.40 109.02 B: right right')
    expect(callhome.turns.map((t) => [t.speakerId, t.text, t.start, t.end])).toEqual([
      ['a', 'yeah i know i just got back', 98.41, 101.07], ['b', 'oh really what did you get', 101.2, 103.55], ['a', 'just some groceries', 103.8, 107.12], ['b', 'right right', 107.4, 109.02],
    ])
    // Figures opening a line of prose are no times.
    expect(split('3.5 4.2 percent of the vote went elsewhere.').turns.map((t) => [t.text, t.start])).toEqual([['3.5 4.2 percent of the vote went elsewhere.', undefined]])
    const switchboard = split('A.1: Okay, what car do you drive?\n\nB.2: A Honda, ten years old.\n\nA.3: Good car.\n\nB.4: It holds its value.')
    expect(switchboard.turns.map((t) => [t.speakerId, t.text])).toEqual([['a', 'Okay, what car do you drive?'], ['b', 'A Honda, ten years old.'], ['a', 'Good car.'], ['b', 'It holds its value.']])
    const dialogsum = split('#Person1#: Hi, Mr. Smith. Why are you here today?\n#Person2#: I need a check-up.\n#Person1#: You should have one every year.')
    expect(dialogsum.speakers.map((p) => [p.id, p.name])).toEqual([['person-1', 'Person 1'], ['person-2', 'Person 2']])
    expect(dialogsum.turns.map((t) => t.speakerId)).toEqual(['person-1', 'person-2', 'person-1'])
    const ami = split([
      'Project Manager: Okay, let us start.', 'Marketing: Users find remotes ugly.', 'Industrial Designer: We could use a curved case.',
      'User Interface: Keep the buttons few.', 'Project Manager: Good. The budget?', 'Marketing: Enough without a screen.',
      'User Interface: Agreed.', 'Industrial Designer: I will look into it.',
    ].join('\n'))
    expect(ami.turns.map((t) => t.speakerId)).toEqual(['manager', 'marketing', 'designer', 'interface', 'manager', 'marketing', 'interface', 'designer'])
    const icsi = split('Grad F: We should start.\nProfessor E: Right. The results.\nPhD A: The error rate went down.\nProfessor E: Absolute?\nPhD A: Relative.\nGrad F: Still good.')
    expect(icsi.turns.map((t) => t.speakerId)).toEqual(['f', 'e', 'phd-a', 'e', 'phd-a', 'f'])
  })

  it('reads a name given to a diarized voice or a numbered role in brackets, a role in the transcript\'s language, and a time inside a bold label', () => {
    const named = split('Speaker 1 (Jordan): Hello everyone.\n\nSpeaker 2 (Chris): Thanks for having me.\n\nSpeaker 1 (Jordan): Let us begin.\n\nSpeaker 2 (Chris): Sure.')
    expect(named.turns.map((t) => t.speakerId)).toEqual(['jordan', 'chris', 'jordan', 'chris'])
    expect(named.speakers.map((p) => p.name)).toEqual(['Jordan', 'Chris'])
    const panel = split('Moderator (Jordan Schneider): Welcome.\n\nPanelist 1 (Chris Miller): Thanks.\n\nPanelist 2 (Chris McGuire): Hello.\n\nModerator (Jordan Schneider): Let us begin.')
    expect(panel.turns.map((t) => t.speakerId)).toEqual(['schneider', 'miller', 'mcguire', 'schneider'])
    const roles = split('Jordan Schneider (Presentador): Hola a todos.\n\nChris Miller (Invitado): Gracias.\n\nJordan Schneider (Presentador): Empecemos.')
    expect(roles.speakers.map((p) => [p.id, p.role])).toEqual([['schneider', 'host'], ['miller', 'guest']])
    const bold = split('**[00:00:01] Jordan Schneider:** Hello everyone.\n\n**[00:00:05] Chris Miller:** Thanks.\n\n**[00:00:09] Jordan Schneider:** Let us begin.', 'episode.md')
    expect(bold.turns.map((t) => [t.speakerId, t.text, t.start])).toEqual([['schneider', 'Hello everyone.', 1], ['miller', 'Thanks.', 5], ['schneider', 'Let us begin.', 9]])
  })

  it('reads a bold run holding the label and the question, and turns opened by a guillemet', () => {
    const bold = split('**Q: How big a deal are the controls?**\n\nA: A very big deal.\n\n**Q: What should Washington do?**\n\nA: Build a stockpile.', 'interview.md')
    expect(bold.turns.map((t) => [t.speakerId, t.text])).toEqual([['q', 'How big a deal are the controls?'], ['a', 'A very big deal.'], ['q', 'What should Washington do?'], ['a', 'Build a stockpile.']])
    const note = split('**Note: this transcript was edited.**\n\nAnn Lee: Welcome.\n\nBob Ray: Thanks.\n\nAnn Lee: So?', 'episode.md')
    expect(note.speakers.map((p) => p.id)).toEqual(['lee', 'ray'])
    const guillemets = split('» Jordan Schneider: Welcome.\n\n» Chris Miller: Thanks.\n\n» Jordan Schneider: Great.\n\n› Chris Miller: Sure.')
    expect(guillemets.turns.map((t) => t.speakerId)).toEqual(['schneider', 'miller', 'schneider', 'miller'])
  })

  it('reads the bench or counsel speaking once in a long run of Q. / A. lines', () => {
    const qa = Array.from({ length: 30 }, (_, i) => `Q. Question ${i} about the license?\n\nA. Answer ${i} about it.`)
    qa.splice(15, 0, 'THE COURT: Overruled. Continue.')
    const r = split(qa.join('\n\n'))
    expect(r.turns.filter((t) => t.speakerId === 'court').map((t) => t.text)).toEqual(['Overruled. Continue.'])
    expect(r.turns.some((t) => t.text.includes('THE COURT'))).toBe(false)
  })

  it('reads broadcast labels with party and title, then the surname alone', () => {
    const r = split('BLITZER: Senator, your answer.\nSEN. BERNIE SANDERS (D-VT), PRESIDENTIAL CANDIDATE: Well, thank you.\nBLITZER: Secretary?\nSANDERS: One more thing.')
    expect(r.turns.map((t) => t.speakerId)).toEqual(['blitzer', 'sanders', 'blitzer', 'sanders'])
  })

  it('reads a public-radio transcript: name and description alone on a line, then the surname', () => {
    const r = split([
      'MARY LOUISE KELLY, HOST:', '', 'China will license exports of rare earth magnets.', '',
      'JOHN RUWITCH, BYLINE: The new rules took effect this week.', '', '(SOUNDBITE OF ARCHIVED RECORDING)', '',
      'CHRIS MILLER: Beijing has built leverage here.', '', 'RUWITCH: Chris Miller teaches at Tufts.', '', 'KELLY: Thanks, John.',
    ].join('\n'))
    expect(r.turns.map((t) => [t.speakerId, t.text])).toEqual([
      ['kelly', 'China will license exports of rare earth magnets.'], ['ruwitch', 'The new rules took effect this week.'],
      ['miller', 'Beijing has built leverage here.'], ['ruwitch', 'Chris Miller teaches at Tufts.'], ['kelly', 'Thanks, John.'],
    ])
    expect(r.speakers.map((s) => [s.name, s.role])).toEqual([['Mary Louise Kelly', 'host'], ['John Ruwitch', 'unknown'], ['Chris Miller', 'unknown']])
  })

  it('reads a cable news transcript: a description and how the voice is heard, a quoted title, the surnames after', () => {
    const r = split([
      'WOLF BLITZER, CNN ANCHOR: Welcome back. China is tightening its grip.', '', '(BEGIN VIDEOTAPE)', '',
      'KYLIE ATWOOD, CNN CORRESPONDENT (voice-over): The ministry announced the rules on Thursday.', '', '(END VIDEOTAPE)', '',
      'BLITZER: Kylie, thank you. Joining us now is Chris Miller.', '', 'CHRIS MILLER, AUTHOR, "CHIP WAR": Thanks for having me, Wolf.', '',
      'BLITZER: We will be right back.',
    ].join('\n'))
    expect(r.turns.map((t) => [t.speakerId, t.text.split(' ').slice(0, 2).join(' ')])).toEqual([
      ['blitzer', 'Welcome back.'], ['atwood', 'The ministry'], ['blitzer', 'Kylie, thank'], ['miller', 'Thanks for'], ['blitzer', 'We will'],
    ])
  })

  it('a surname in capitals that speaks once is a speaker beside other surnames in capitals (a clip in a broadcast)', () => {
    const r = split('BLITZER: Here is what the president said.\nBIDEN: We will not back down.\nBLITZER: Senator, your answer?\nSANDERS: I disagree.\nBLITZER: Thank you.')
    expect(r.turns.map((t) => t.speakerId)).toEqual(['blitzer', 'biden', 'blitzer', 'sanders', 'blitzer'])
    expect(split('SCHNEIDER: Welcome to the show.\nMILLER: Thanks for having me.', 'clip.txt').turns.map((t) => t.speakerId)).toEqual(['schneider', 'miller'])
  })

  it('a word in capitals once is no speaker when the text also writes it in lower case, or in a text in capitals', () => {
    const r = split('BLITZER: The vote is close.\nSANDERS: I agree.\nBLITZER: Thanks.\nCLOSE: the polls close at eight, and it is close.')
    expect(r.turns.map((t) => t.speakerId)).toEqual(['blitzer', 'sanders', 'blitzer'])
    const caps = split('BLITZER: THE VOTE IS CLOSE.\nSANDERS: I AGREE.\nBLITZER: THANKS.\nSANDERS: SURE.\nWELL: WHAT NOW?')
    expect(caps.turns.map((t) => t.speakerId)).toEqual(['blitzer', 'sanders', 'blitzer', 'sanders'])
  })

  it('a speech labelled once at its start is that speaker\'s, and a sentence with a colon is not a label', () => {
    const r = split('TRUMP: Thank you, thank you.\nFriends, delegates and fellow Americans: I humbly accept.\nUSA, USA, USA.\nRemember: we will win.\nThank you.')
    expect(r.turns.map((t) => t.speakerId)).toEqual(['trump'])
    expect(r.turns[0]!.paragraphs).toHaveLength(5)
  })

  it('a name once written in lower case by a typo is still a name; "The Supreme Court:" is no speaker', () => {
    const r = split('WALLACE: Mr. Trump? Senator Sanders?\nTRUMP: The Supreme Court: it is what it is all about.\nWALLACE: Well, Senator sanders would disagree.\nTRUMP: He would.\nSANDERS: I do.\nSANDERS: Indeed.')
    expect(r.turns.map((t) => t.speakerId)).toEqual(['wallace', 'trump', 'wallace', 'trump', 'sanders'])
  })

  it('a capitalised name part that is also a function word ("Nguyen Van An"), and "The Honorable" before a name, name speakers', () => {
    const r = split('The Honorable John Smith: We will come to order.\n\nNguyen Van An: Thank you.\n\nThe Honorable John Smith: Proceed.\n\nNguyen Van An: I will.')
    expect(r.turns.map((t) => t.speakerId)).toEqual(['smith', 'an', 'smith', 'an'])
  })

  it('unnamed questioners and the audience are unknown turns of their own, never the previous speaker\'s', () => {
    const r = split('TRUMP: Next question.\nQUESTION: Did you fire him?\nQUESTION: And why?\nTRUMP: No.\nAUDIENCE MEMBER: Boo.\nTRUMP: Thank you.')
    expect(r.turns.map((t) => [t.speakerId, t.text])).toEqual([
      ['trump', 'Next question.'], ['unknown', 'Did you fire him?'], ['unknown', 'And why?'], ['trump', 'No.'], ['unknown', 'Boo.'], ['trump', 'Thank you.'],
    ])
  })
})
