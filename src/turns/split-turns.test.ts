import { describe, expect, test } from 'vitest'
import type { Paragraph } from '../transcript/types.js'
import { splitTurns } from './split-turns.js'
import type { SpeakerHint } from './types.js'

/** The text format: one paragraph per line. */
const lines = (...texts: string[]): Paragraph[] => texts.map((text) => ({ text }))

const sequence = (paragraphs: Paragraph[], speakers?: SpeakerHint[]) =>
  splitTurns(paragraphs, { speakers }).turns.map((t) => t.speakerId)

describe('splitTurns: labels and the roster', () => {
  test.each([
    {
      id: 'two speakers share a first name and stay apart',
      input: lines('Chris McGuire: One.', 'Chris Miller: Two.', 'Chris McGuire: Three.', 'Chris Miller: Four.'),
      expected: ['mcguire', 'miller', 'mcguire', 'miller'],
    },
    {
      id: 'a mention "as Chris said" is not a label',
      input: lines('Chris McGuire: One.', 'Jordan Schneider: Two.', 'As Chris said: it is broad.', 'Chris McGuire: Three.', 'Jordan Schneider: Four.'),
      expected: ['mcguire', 'schneider', 'mcguire', 'schneider'],
    },
    {
      id: 'an address "Chris Miller, what…" continues the speaker',
      input: lines('Jordan Schneider: Hi.', 'Chris Miller, what’s the impact?', 'Chris Miller: Complicated.', 'Jordan Schneider: Thanks.'),
      expected: ['schneider', 'miller', 'schneider'],
    },
    {
      id: 'a roster name without its colon opens a turn',
      input: lines('Chris McGuire: One.', 'Jordan Schneider: Two.', 'Chris McGuire: Three.', 'Jordan Schneider If China wanted to?', 'Chris McGuire: Four.', 'Jordan Schneider: Five.'),
      expected: ['mcguire', 'schneider', 'mcguire', 'schneider', 'mcguire', 'schneider'],
    },
    {
      id: 'a roster name without its colon before any label is intro text',
      input: lines('Jordan Schneider Talks to a guest.', 'Chris McGuire: One.', 'Jordan Schneider: Two.', 'Chris McGuire: Three.', 'Jordan Schneider: Four.'),
      expected: ['mcguire', 'schneider', 'mcguire', 'schneider'],
    },
    {
      id: 'a roster name followed by a verb is text',
      input: lines('Chris McGuire: One.', 'Jordan Schneider: Two.', 'Chris McGuire: Three.', 'Jordan Schneider said so.', 'Jordan Schneider: Four.'),
      expected: ['mcguire', 'schneider', 'mcguire', 'schneider'],
    },
    {
      id: 'a single label corroborated by the intro counts',
      input: lines('Today we talk to Ann Lee about chips.', 'Bob Ray: Welcome.', 'Ann Lee: Thanks.', 'Bob Ray: Bye.'),
      expected: ['ray', 'lee', 'ray'],
    },
    {
      id: 'a single label corroborated by a hint counts',
      input: lines('Bob Ray: Welcome.', 'Ann Lee: Thanks.', 'Bob Ray: Bye.'),
      hints: [{ name: 'Ann Lee' }],
      expected: ['ray', 'lee', 'ray'],
    },
    {
      id: 'a full name in the document\'s label convention is a speaker even when it speaks once',
      input: lines('Bob Ray: Welcome.', 'Ann Lee: Thanks.', 'Bob Ray: Bye.'),
      expected: ['ray', 'lee', 'ray'],
    },
    {
      id: 'a first-name label resolves to the only full name that fits',
      input: lines('Jordan Schneider: Hi.', 'Chris Miller: Hello.', 'Jordan Schneider: So?', 'Chris Miller: Well.', 'Jordan: Right.'),
      expected: ['schneider', 'miller', 'schneider', 'miller', 'schneider'],
    },
    {
      id: 'a surname label resolves too',
      input: lines('Jordan Schneider: Hi.', 'Chris Miller: Hello.', 'Jordan Schneider: So?', 'Chris Miller: Yes.', 'Jordan Schneider: And?', 'Miller: Well.'),
      expected: ['schneider', 'miller', 'schneider', 'miller', 'schneider', 'miller'],
    },
    {
      id: 'a lone first name shared by two people resolves to neither',
      input: lines('Chris McGuire: One.', 'Chris Miller: Two.', 'Chris McGuire: Three.', 'Chris Miller: Four.', 'Chris: Five.'),
      expected: ['mcguire', 'miller', 'mcguire', 'miller'],
    },
    {
      id: 'labels in capitals and mixed case are one speaker',
      input: lines('CHRIS MCGUIRE: One.', 'JORDAN SCHNEIDER: Two.', 'Chris McGuire: Three.', 'Jordan Schneider: Four.'),
      expected: ['mcguire', 'schneider', 'mcguire', 'schneider'],
    },
    {
      id: 'placeholders get numbered ids and Unknown is unknown',
      input: lines('SPEAKER_1: Hi.', 'Speaker 2: Hello.', 'SPEAKER_1: So?', 'Unknown: Hm.'),
      expected: ['speaker-1', 'speaker-2', 'speaker-1', 'unknown'],
    },
    {
      id: 'non-person labels are speakers',
      input: lines('Jingle: La la.', 'Adam Curry: Hi.', 'Jingle: La.', 'Adam Curry: Bye.'),
      expected: ['jingle', 'curry', 'jingle', 'curry'],
    },
    {
      id: 'two people with one surname',
      input: lines('John Smith: Hi.', 'Jane Smith: Hello.', 'John Smith: So?', 'Jane Smith: Well.'),
      expected: ['smith-john', 'smith-jane', 'smith-john', 'smith-jane'],
    },
    {
      id: 'recurring han labels form a roster',
      input: lines('主持人：欢迎收听。', '嘉宾：谢谢。', '主持人：我们开始吧。', '嘉宾：好的。'),
      expected: ['主持人', '嘉宾', '主持人', '嘉宾'],
    },
  ])('$id', ({ input, hints, expected }) => {
    expect(sequence(input, hints)).toEqual(expected)
  })

  test('a label that is a role alone is a speaker with that role, in any language', () => {
    const roles = (...texts: string[]) => splitTurns(lines(...texts)).speakers.map((s) => [s.id, s.role, s.turnCount])
    expect(roles('Host: Welcome.', 'Guest: Thanks for having me.', 'Host: So?', 'Guest: Well.', 'Moderator: Time.'))
      .toEqual([['host', 'host', 2], ['guest', 'guest', 2], ['moderator', 'host', 1]])
    expect(roles('主持人：欢迎收听。', '嘉宾：谢谢。', '主持人：我们开始吧。', '嘉宾：好的。')).toEqual([['主持人', 'host', 2], ['嘉宾', 'guest', 2]])
    // Scripts without capitals besides Chinese and Japanese: Arabic, Devanagari.
    expect(roles('المذيع: مرحبا بكم.', 'الضيف: شكرا لكم.', 'المذيع: ماذا يعني ذلك؟', 'الضيف: الكثير.')).toEqual([['المذيع', 'host', 2], ['الضيف', 'guest', 2]])
    expect(roles('एंकर: नमस्कार।', 'मेहमान: धन्यवाद।', 'एंकर: क्या मतलब है?', 'मेहमान: बहुत कुछ।')).toEqual([['एंकर', 'host', 2], ['मेहमान', 'guest', 2]])
    // Numbered voices in those scripts, in Eastern Arabic digits too.
    expect(roles('المتحدث ١: مرحبا بكم.', 'المتحدث ٢: شكرا.', 'المتحدث ١: لنبدأ.')).toEqual([['speaker-1', 'unknown', 2], ['speaker-2', 'unknown', 1]])
    expect(roles('वक्ता 1: नमस्कार।', 'वक्ता 2: धन्यवाद।', 'वक्ता 1: चलिए।')).toEqual([['speaker-1', 'unknown', 2], ['speaker-2', 'unknown', 1]])
    expect(roles('Presentadora: Bienvenidos.', 'Entrevistado: Gracias.', 'Presentadora: ¿Y bien?', 'Entrevistado: Pues.')).toEqual([['presentadora', 'host', 2], ['entrevistado', 'guest', 2]])
    expect(roles('Gastgeberin: Willkommen.', 'Gesprächspartner: Danke.', 'Gastgeberin: Also?', 'Gesprächspartner: Nun.')).toEqual([['gastgeberin', 'host', 2], ['gesprachspartner', 'guest', 2]])
    expect(roles('聞き手：よろしくお願いします。', '話し手：お願いします。', '聞き手：では始めます。', '話し手：はい。')).toEqual([['聞き手', 'host', 2], ['話し手', 'guest', 2]])
    // Once in show notes, "Guest:" is no label: single words must recur.
    expect(roles('Guest: Chris Miller, author of Chip War.', 'Jordan Schneider: Welcome.', 'Chris Miller: Thanks.', 'Jordan Schneider: So?', 'Chris Miller: Well.'))
      .toEqual([['schneider', 'unknown', 2], ['miller', 'unknown', 2]])
  })
})

describe('splitTurns: segmentation', () => {
  test('two consecutive labels of one speaker and unlabelled paragraphs make one turn each', () => {
    const { turns } = splitTurns(lines(
      'Chris McGuire: One two.', 'Three four five.', 'Jordan Schneider: Six.', 'Jordan Schneider: Seven eight.', 'Chris McGuire: Nine.',
    ))
    expect(turns.map((t) => [t.speakerId, t.paragraphs])).toEqual([
      ['mcguire', ['One two.', 'Three four five.']],
      ['schneider', ['Six.', 'Seven eight.']],
      ['mcguire', ['Nine.']],
    ])
    expect(turns[1]!.text).toBe('Six.\n\nSeven eight.')
    expect(turns.map((t) => t.wordCount)).toEqual([5, 3, 1])
    expect(turns.map((t) => t.index)).toEqual([0, 1, 2])
  })

  test('a lone "." paragraph neither starts a turn nor counts as a word', () => {
    const { turns } = splitTurns(lines('Ann Lee: One.', '.', 'Bob Ray: Two.', 'Ann Lee: Three.', 'Bob Ray: Four.'))
    expect(turns.map((t) => t.paragraphs)).toEqual([['One.'], ['Two.'], ['Three.'], ['Four.']])
  })

  test('a cue without a voice span whose text names a voice the file gives is that voice, written once', () => {
    const cues: Paragraph[] = [
      { text: 'Welcome to ChinaTalk.', speaker: 'Ann Lee', start: 0, end: 2, fragment: true },
      { text: 'Thanks for having me.', speaker: 'Bob Ray', start: 2, end: 4, fragment: true },
      { text: 'ANN LEE: What did Beijing announce?', start: 4, end: 6, fragment: true },
      { text: 'Controls on rare earths.', speaker: 'Bob Ray', start: 6, end: 8, fragment: true },
    ]
    expect(splitTurns(cues).turns.map((t) => [t.speakerId, t.text])).toEqual([
      ['lee', 'Welcome to ChinaTalk.'], ['ray', 'Thanks for having me.'], ['lee', 'What did Beijing announce?'], ['ray', 'Controls on rare earths.']])
  })

  test('caption fragments join with a space; a label in a fragment opens a new turn', () => {
    const cues: Paragraph[] = [
      { text: 'ANN LEE: Hello and', start: 0, end: 2, fragment: true },
      { text: 'welcome back.', start: 2, end: 3, fragment: true },
      { text: 'BOB RAY: Thanks', start: 3, end: 4, fragment: true },
      { text: 'for having me.', start: 4, end: 6, fragment: true },
      { text: 'ANN LEE: Sure.', start: 6, end: 7, fragment: true },
      { text: 'BOB RAY: Bye.', start: 7, end: 8, fragment: true },
    ]
    const { turns, speakers } = splitTurns(cues)
    expect(turns.map((t) => [t.speakerId, t.text, t.start, t.end])).toEqual([
      ['lee', 'Hello and welcome back.', 0, 3],
      ['ray', 'Thanks for having me.', 3, 6],
      ['lee', 'Sure.', 6, 7],
      ['ray', 'Bye.', 7, 8],
    ])
    expect(speakers.map((s) => s.name)).toEqual(['Ann Lee', 'Bob Ray'])
  })

  test('structural labels carry forward, and a short form resolves against a hint', () => {
    const cues: Paragraph[] = [
      { text: 'Hi there.', speaker: 'James C', start: 0, end: 1, fragment: true },
      { text: 'How are you?', start: 1, end: 2, fragment: true },
      { text: 'Fine.', speaker: 'Sam Sethi', start: 2, end: 3, fragment: true },
    ]
    const { turns, speakers } = splitTurns(cues, { speakers: [{ name: 'James Cridland', role: 'host' }, { name: 'Sam Sethi', role: 'guest' }] })
    expect(turns.map((t) => [t.speakerId, t.text])).toEqual([['cridland', 'Hi there. How are you?'], ['sethi', 'Fine.']])
    expect(speakers.map((s) => [s.id, s.name, s.role])).toEqual([['cridland', 'James Cridland', 'host'], ['sethi', 'Sam Sethi', 'guest']])
  })

  test('a hint finds its speaker under a title or with spaces for hyphens, and the spellings are one speaker', () => {
    const { turns, speakers } = splitTurns(
      lines('Lenny Rachitsky: Welcome.', 'Dr. Fei Fei Li: Thank you.', 'Lenny Rachitsky: So.', 'Fei-Fei Li: Well.', 'Senator Jane Smith: Hear, hear.'),
      { speakers: [{ name: 'Lenny Rachitsky', role: 'host' }, { name: 'Fei-Fei Li', role: 'guest' }, { name: 'Jane Smith', role: 'guest' }, { name: 'John Li' }] },
    )
    expect(turns.map((t) => t.speakerId)).toEqual(['rachitsky', 'li', 'rachitsky', 'li', 'smith'])
    expect(speakers.map((s) => [s.id, s.name, s.role, s.turnCount])).toEqual([
      ['rachitsky', 'Lenny Rachitsky', 'host', 2], ['li', 'Fei-Fei Li', 'guest', 2], ['smith', 'Jane Smith', 'guest', 1],
    ])
  })

  test('a hint lends its role to no one whose name it only half shares', () => {
    const { speakers } = splitTurns(lines('Ann Lee: One.', 'Bob Lee: Two.', 'Ann Lee: Three.'), { speakers: [{ name: 'Dr. Bob Leeds', role: 'guest' }, { name: 'Lee', role: 'host' }] })
    expect(speakers.map((s) => [s.name, s.role])).toEqual([['Ann Lee', 'unknown'], ['Bob Lee', 'unknown']])
  })

  test('a title and a surname are the one full name that ends with that surname', () => {
    const { turns, speakers } = splitTurns(lines('Senator Jane Smith: Opening.', 'Mr. Bob Ray: Thanks.', 'Senator Smith: Question?', 'Mr. Ray: Answer.'))
    expect(turns.map((t) => t.speakerId)).toEqual(['smith', 'ray', 'smith', 'ray'])
    expect(speakers.map((s) => [s.name, s.turnCount])).toEqual([['Senator Jane Smith', 2], ['Mr. Bob Ray', 2]])
  })

  test('a hinted full name takes the titled labels of its surname, with its role', () => {
    const { speakers } = splitTurns(
      lines('CHIEF JUSTICE ROBERTS: We will hear argument.', 'GENERAL VERRILLI: Mr. Chief Justice.', 'CHIEF JUSTICE ROBERTS: Thank you.'),
      { speakers: [{ name: 'John G. Roberts', role: 'host' }, { name: 'Donald B. Verrilli', role: 'guest' }] },
    )
    expect(speakers.map((s) => [s.id, s.name, s.role, s.turnCount])).toEqual([['roberts', 'John G. Roberts', 'host', 2], ['verrilli', 'Donald B. Verrilli', 'guest', 1]])
  })

  test('a surname under two titles is resolved under neither: they may be two people', () => {
    const { speakers } = splitTurns(lines('Senator Kennedy: One?', 'Mr. Kennedy: Two.', 'Senator Kennedy: Three?'), { speakers: [{ name: 'John Kennedy', role: 'guest' }] })
    expect(speakers.map((s) => [s.name, s.role, s.turnCount])).toEqual([['Senator Kennedy', 'unknown', 2], ['Mr. Kennedy', 'unknown', 1]])
  })

  test('speakers count turns and words; roles stay unknown without hints', () => {
    const { speakers } = splitTurns(lines('Ann Lee: a b c', 'Bob Ray: d', 'Ann Lee: e f', 'Bob Ray: g'))
    expect(speakers).toEqual([
      { id: 'lee', name: 'Ann Lee', role: 'unknown', turnCount: 2, wordCount: 5 },
      { id: 'ray', name: 'Bob Ray', role: 'unknown', turnCount: 2, wordCount: 2 },
    ])
  })

  test('no labels at all: one turn by unknown and a warning', () => {
    const { turns, speakers, warnings } = splitTurns(lines('Hello there.', 'And welcome back.'))
    expect(turns.map((t) => [t.speakerId, t.paragraphs.length])).toEqual([['unknown', 2]])
    expect(speakers.map((s) => s.id)).toEqual(['unknown'])
    expect(warnings.map((w) => w.code)).toEqual(['NO_SPEAKER_LABELS'])
  })

  test('an ambiguous recurring first-name label is its own speaker, with a warning', () => {
    const { turns, warnings } = splitTurns(lines('Chris McGuire: One.', 'Chris Miller: Two.', 'Chris McGuire: Three.', 'Chris Miller: Four.', 'Chris: Five.', 'Chris: Six.'))
    expect(turns.map((t) => t.speakerId)).toEqual(['mcguire', 'miller', 'mcguire', 'miller', 'chris'])
    expect(warnings.map((w) => w.code)).toContain('AMBIGUOUS_SPEAKER_LABEL')
  })

  test('a label alone on its line names the speaker of the paragraphs below it', () => {
    const { turns } = splitTurns(lines('Ryan:', 'Catch it on Spotify.', 'More text.', 'David:', 'Thanks.', 'Ryan:', 'Bye.', 'David:', 'Bye now.'))
    expect(turns.map((t) => [t.speakerId, t.paragraphs])).toEqual([
      ['ryan', ['Catch it on Spotify.', 'More text.']], ['david', ['Thanks.']], ['ryan', ['Bye.']], ['david', ['Bye now.']],
    ])
  })

  test('a placeholder label counts even once (diarization output, never prose)', () => {
    const { turns } = splitTurns(lines('Adam Curry: Hi.', 'Dave Jones: Hey.', 'Unknown: Hello?', 'Adam Curry: Yes.', 'Dave Jones: Ok.'))
    expect(turns.map((t) => t.speakerId)).toEqual(['curry', 'jones', 'unknown', 'curry', 'jones'])
  })

  test('empty input gives nothing and no warning', () => {
    expect(splitTurns([])).toEqual({ speakers: [], turns: [], sections: [], warnings: [] })
  })

  test('the input is not mutated', () => {
    const input: Paragraph[] = [{ text: 'Ann Lee: Hi', fragment: true }, { text: 'there', fragment: true }, { text: 'Ann Lee: Bye' }]
    const copy = structuredClone(input)
    splitTurns(input)
    expect(input).toEqual(copy)
  })
})

describe('splitTurns: sections around the transcript', () => {
  const article = Array.from({ length: 4 }, (_, i) =>
    `Paragraph ${i + 1} of a long essay on the law of outer space, treaties, customary law and the politics of resource extraction on the Moon and asteroids, with enough words to look like an article rather than a short note about an episode and its guests.`.repeat(2))

  test('a sponsor read the host comes back from inside a paragraph is a promo, and the speech around it stays the host\'s', () => {
    const { turns, sections } = splitTurns(lines(
      'Ann Lee: Welcome.', 'Bob Ray: The controls are an escalation.',
      'Ann Lee: Great point. Let\'s take a quick break. This episode is brought to you by Acme Cloud. Go to acme.com/show for 20% off. Okay, back to the show. Bob, what do they cover?',
      'Bob Ray: Seven elements.',
      'Ann Lee: Before we go on, a word from our sponsor. Today\'s sponsor is Acme Cloud. Now, back to our conversation.',
      'Bob Ray: And the magnets.',
    ))
    expect(turns.map((t) => [t.speakerId, t.text])).toEqual([
      ['lee', 'Welcome.'], ['ray', 'The controls are an escalation.'], ['lee', 'Great point.\n\nBob, what do they cover?'], ['ray', 'Seven elements.\n\nAnd the magnets.'],
    ])
    expect(sections.map((x) => [x.kind, x.text])).toEqual([['promo', [
      'Let\'s take a quick break. This episode is brought to you by Acme Cloud. Go to acme.com/show for 20% off. Okay, back to the show.',
      'Before we go on, a word from our sponsor. Today\'s sponsor is Acme Cloud. Now, back to our conversation.',
    ].join('\n\n')]])
  })

  test('a read opened with "supported by" or "made possible by" and returned from inside a paragraph is cut out too', () => {
    const { turns, sections } = splitTurns(lines(
      'Ann Lee: Welcome.', 'Bob Ray: The controls are an escalation.',
      'Ann Lee: Right. This episode is supported by Acme Cloud. Go to acme.com/show for 20% off. Okay, back to the show. Bob, what next?',
      'Bob Ray: Magnets.',
      'Ann Lee: Sure. This podcast is made possible by Acme Cloud. Visit acme.com/show today. Now, back to our conversation. Why magnets?',
      'Bob Ray: Cars.',
    ))
    expect(turns.map((t) => [t.speakerId, t.text])).toEqual([
      ['lee', 'Welcome.'], ['ray', 'The controls are an escalation.'], ['lee', 'Right.\n\nBob, what next?'], ['ray', 'Magnets.'], ['lee', 'Sure.\n\nWhy magnets?'], ['ray', 'Cars.'],
    ])
    expect(sections.map((x) => x.kind)).toEqual(['promo'])
  })

  test('a read that ends a paragraph of speech is cut from the sentence that opens it; a paragraph that opens with one stays promo whole', () => {
    const { turns, sections } = splitTurns(lines(
      'Ann Lee: Today my guest is Bob Ray, who wrote a book on magnets and taught at Tufts for ten years. With that, I bring you Dr. Ray after a short word from our sponsors. This episode is brought to you by Acme Cloud. Go to acme.com/show for 20% off.',
      'Bob Ray: Thanks for having me.', 'Ann Lee: What do the controls cover?', 'Bob Ray: Seven elements.',
      'Ann Lee: This episode is brought to you by Acme Cloud. Go to acme.com/show for 20% off.', 'Ann Lee: Why magnets?', 'Bob Ray: Cars.',
    ))
    expect(turns.map((t) => [t.speakerId, t.text])).toEqual([
      ['lee', 'Today my guest is Bob Ray, who wrote a book on magnets and taught at Tufts for ten years.'], ['ray', 'Thanks for having me.'],
      ['lee', 'What do the controls cover?'], ['ray', 'Seven elements.'], ['lee', 'Why magnets?'], ['ray', 'Cars.'],
    ])
    expect(sections.map((x) => [x.kind, x.text.slice(0, 40)])).toEqual([['promo', 'With that, I bring you Dr. Ray after a s']])
  })

  test('a paragraph in another script inside the transcript is a section in its own language', () => {
    const { turns, sections } = splitTurns(lines(
      'Ann Lee: Welcome to the show.', 'Bob Ray: Thanks for having me.',
      '中国商务部表示，对镓和锗实施出口管制是为了维护国家安全和利益。',
      'Ann Lee: Thank you.', 'Bob Ray: Bye.',
    ))
    expect(turns.map((t) => t.speakerId)).toEqual(['lee', 'ray', 'lee', 'ray'])
    expect(sections.map((x) => [x.kind, x.language])).toEqual([['other', 'zh']])
  })

  test('post text before the first turn becomes sections, never turns', () => {
    const { turns, sections, speakers } = splitTurns(lines(
      '评价: 推荐',
      ...article,
      'ChinaTalk is a reader-supported publication. To receive new posts and support my work, consider becoming a free or paid subscriber.',
      '在中国,传统上有几个高危职业,像矿工、消防员、一线施工爆破人员。这十来年,红色基因土皇帝反腐,把官员也变成了高危职业。',
      'To find out more, we interviewed Ann Lee, who served at the NSC.',
      'We discuss…',
      'What the new export controls do,',
      'Ann Lee: Last night.', 'Bob Ray: Hm.', 'Ann Lee: Yes.', 'Bob Ray: Ok.',
    ))
    expect(turns.map((t) => t.speakerId)).toEqual(['lee', 'ray', 'lee', 'ray'])
    expect(speakers.map((s) => s.id)).not.toContain('评价')
    expect(sections.map((s) => [s.kind, s.language])).toEqual([
      ['other', 'zh'], ['article', 'en'], ['promo', 'en'], ['other', 'zh'], ['show-notes', 'en'],
    ])
    expect(sections[4]!.text).toBe('To find out more, we interviewed Ann Lee, who served at the NSC.\n\nWe discuss…\n\nWhat the new export controls do,')
  })

  test('after the last turn, a promo and what follows are sections; speech before it stays', () => {
    const { turns, sections } = splitTurns(lines(
      'Ann Lee: One.', 'Bob Ray: Two.', 'Ann Lee: Three.', 'Bob Ray: Four.', 'Ann Lee: Five.', 'And one more thing.',
      'Thanks for reading! Subscribe for free to receive new posts and support my work.',
    ))
    expect(turns.at(-1)!.paragraphs).toEqual(['Five.', 'And one more thing.'])
    expect(sections.map((s) => s.kind)).toEqual(['promo'])
  })

  test('a closing plea ending the last paragraph is a promo; the thanks before it and a view someone subscribes to stay speech', () => {
    const { turns, sections } = splitTurns(lines(
      'Ann Lee: One.', 'Bob Ray: Two.', 'Ann Lee: Three.', 'Bob Ray: I subscribe to that view.',
      'Ann Lee: Thanks so much, Bob. If you enjoyed this episode, please rate and review us on Apple Podcasts. Share it with a friend.',
    ))
    expect(turns.map((t) => t.text)).toEqual(['One.', 'Two.', 'Three.', 'I subscribe to that view.', 'Thanks so much, Bob.'])
    expect(sections.map((x) => [x.kind, x.text])).toEqual([['promo', 'If you enjoyed this episode, please rate and review us on Apple Podcasts. Share it with a friend.']])
  })

  test('a trailing paragraph in another script is not speech', () => {
    const { turns, sections } = splitTurns(lines('Ann Lee: One.', 'Bob Ray: Two.', 'Ann Lee: Three.', 'Bob Ray: Four.', '在中国,传统上有几个高危职业,像矿工、消防员。'))
    expect(turns).toHaveLength(4)
    expect(sections.map((s) => [s.kind, s.language])).toEqual([['other', 'zh']])
  })

  test('a trailing paragraph in another language of the same script is not speech; one in the transcript\'s language with few function words is', () => {
    const { turns, sections } = splitTurns(lines(
      'Ann Lee: Welcome back to the show, where we talk about what the new export controls mean for all of us.',
      'Bob Ray: Thanks. The rules cover gallium and germanium, and they took effect in August.',
      'Refiners in Kazakhstan, Germany, Japan: shut, idle, mothballed years ago.',
      'En este episodio, Ann Lee habla con Bob Ray sobre los controles de exportación de galio y el dominio de China en el refinado.',
    ))
    expect(turns.at(-1)!.paragraphs).toHaveLength(2)
    expect(sections.map((s) => [s.kind, s.language])).toEqual([['other', 'es']])
  })
})
