import { describe, expect, it } from 'vitest'
import { Claim, Entity } from '../record/schema.js'
import { CHECKWORTHY_THRESHOLD } from './checkworthiness/model.js'
import { extract } from './extract.js'
import { loadSeedGold } from './testing/gold.js'
import { makeTurns, SPEAKERS } from './testing/turns.js'

const { episode } = loadSeedGold()
const result = extract(episode, { explain: true })

describe('extract on the seed episode', () => {
  it('gives every mention and claim offsets that slice out its text', () => {
    const text = new Map(episode.turns.map((t) => [t.index, t.text]))
    const spans = [...result.entities.flatMap((e) => e.mentions), ...result.claims, ...result.explanations]
    expect(spans.length).toBeGreaterThan(500)
    for (const s of spans) expect(text.get(s.turn)?.slice(s.start, s.end)).toBe(s.text)
  })

  it('returns records that satisfy the schema', () => {
    for (const e of result.entities) expect(() => Entity.parse(e)).not.toThrow()
    for (const c of result.claims) expect(() => Claim.parse(c)).not.toThrow()
  })

  it('explains every sentence and gives claims stable, unique ids', () => {
    const ids = result.explanations.map((x) => x.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const c of result.claims) {
      expect(c.id).toMatch(/^t\d+-s\d+$/)
      const why = result.explanations.find((x) => x.id === c.id)
      expect(why).toMatchObject({ kept: true, kind: c.kind })
      expect(why?.features.length).toBeGreaterThan(0)
    }
  })

  it('is deterministic', () => {
    expect(JSON.stringify(extract(episode, { explain: true }))).toBe(JSON.stringify(result))
  })

  it('returns results that later calls leave alone, however long their turns', () => {
    // One call's tokens are overwritten by the next call's (a shared pool): nothing returned may hold one.
    const before = JSON.stringify(result)
    const monologue = episode.turns.map((t) => t.text).join(' ')
    extract({ turns: [{ ...episode.turns[0]!, text: monologue, paragraphs: [monologue], wordCount: monologue.split(/\s+/).length }], speakers: episode.speakers })
    expect(JSON.stringify(result)).toBe(before)
    expect(JSON.stringify(extract(episode, { explain: true }))).toBe(before)
  })

  it('explains nothing unless asked, and finds the same entities and claims either way', () => {
    const plain = extract(episode)
    expect(plain.explanations).toEqual([])
    expect(plain.claims).toEqual(result.claims)
    expect(plain.entities).toEqual(result.entities)
  })

  it('attributes each claim to the speaker of its turn', () => {
    const speaker = new Map(episode.turns.map((t) => [t.index, t.speakerId]))
    for (const c of result.claims) expect(c.speakerId).toBe(speaker.get(c.turn))
  })
})

describe('extract on small cases', () => {
  const run = (text: string) => extract({ turns: makeTurns([['mcguire', text]]), speakers: SPEAKERS, episodeDate: '2025-10-10' }, { explain: true })

  it('keeps a policy assertion with its kind, hedge, topics, quantities and entities', () => {
    const [claim] = run('The Chinese license requirement goes into effect on December 1st.').claims
    expect(claim).toMatchObject({ kind: 'factual', hedged: false, entityIds: ['china'], quantities: [{ kind: 'date', value: '2025-12-01' }] })
    expect(claim?.topics).toContain('export-controls')
  })

  it('gives topics from the words that name them, not from words that begin the same way', () => {
    const topicsOf = (text: string) => run(text).claims.map((c) => c.topics)
    expect(topicsOf('Computers and automated trading systems are one key factor in the election of 2024.')).toEqual([['domestic-politics']])
    expect(topicsOf('The auto industry built three new factories, and compute capacity for AI chips doubled.')).toEqual([['industry', 'semiconductors']])
  })

  it('tells predictions and prescriptions apart, and flags hedges', () => {
    const { claims } = run('The US should require a license for 14-nanometer chips. China will probably retaliate against US firms.')
    expect(claims.map((c) => [c.kind, c.hedged])).toEqual([['prescriptive', false], ['predictive', true]])
  })

  it('rejects questions and backchannel, and says why', () => {
    const { claims, explanations } = run('Is China going to retaliate on tariffs? Yeah, completely agree.')
    expect(claims).toEqual([])
    expect(explanations.map((x) => x.features.map((f) => f.name))).toEqual([expect.arrayContaining(['question']), expect.arrayContaining(['backchannel'])])
  })

  it('keeps a figure the check-worthiness model likes out of the claims when the sentence is too short to stand alone', () => {
    const { explanations } = run("It's 286 at most.")
    expect(explanations[0]!.kept).toBe(false)
    expect(explanations[0]!.features.map((f) => f.name)).toContain('short')
    expect(run('Taxes rose 40 percent.').claims.map((c) => c.checkworthy)).toEqual([true])
  })

  it('gives every claim a check-worthiness, ranking figures above opinions', () => {
    const { claims } = run('China produces 90 percent of the world’s refined rare earths and 70 percent of the mining. I think export controls are a bad idea for everyone.')
    expect(claims).toHaveLength(2)
    for (const c of claims) expect(c.checkworthy).toBe(c.checkworthiness! >= CHECKWORTHY_THRESHOLD)
    expect(claims[0]!.checkworthiness).toBeGreaterThan(claims[1]!.checkworthiness!)
  })

  it('types names from knowledge that holds anywhere, and reads capitals as capitals, not as names', () => {
    const { entities } = run('COUNCIL BRIEFING MEETING WILL COME TO ORDER. JOIN US THIS MORNING. Adam and Sarah met Boris Yeltsin in Moldova. Later Yeltsin flew home.')
    const typed = Object.fromEntries(entities.map((e) => [e.name, e.type]))
    expect(typed).toMatchObject({ Adam: 'PERSON', Sarah: 'PERSON', 'Boris Yeltsin': 'PERSON', Moldova: 'GPE' })
    expect(entities.filter((e) => e.mentions.some((m) => /COUNCIL|JOIN|US|MORNING/.test(m.text)))).toEqual([])
    expect(entities.find((e) => e.name === 'Boris Yeltsin')!.mentions.map((m) => m.text)).toEqual(['Boris Yeltsin', 'Yeltsin'])
  })

  it('reads a name ending in a common word as a person where the episode says that word alone as someone\'s name', () => {
    const people = (text: string) => run(text).entities.filter((e) => e.mentions.length > 0 && !SPEAKERS.some((s) => s.id === e.id)).map((e) => [e.name, e.type, e.mentions.map((m) => m.text)])
    expect(people('Later Condoleezza Rice spoke, and Rice said the same.')).toEqual([['Condoleezza Rice', 'PERSON', ['Condoleezza Rice', 'Rice']]])
    expect(people('Dow Chemical makes resins, and Chemical said no.').map(([name, type]) => [name, type])).toContainEqual(['Dow Chemical', 'ORG'])
  })

  it('links a lone given name to the one person the episode names in full with it, and not when two share it', () => {
    const { entities } = run('Judy Woodruff reported from the Capitol. Thank you, Judy. Ann Lee and Ann Smith disagreed, and Ann laughed.')
    const mentions = Object.fromEntries(entities.filter((e) => e.type === 'PERSON').map((e) => [e.name, e.mentions.map((m) => m.text)]))
    expect(mentions['Judy Woodruff']).toEqual(['Judy Woodruff', 'Judy'])
    expect(mentions['Judy']).toBeUndefined()
    expect(mentions['Ann Lee']).toEqual(['Ann Lee'])
    expect(mentions['Ann Smith']).toEqual(['Ann Smith'])
    // A person the gazetteer knows ("Elon Musk") too.
    const listed = run('Elon Musk said Tesla needs magnets. Elon thinks China will relent.').entities
    expect(listed.filter((e) => e.type === 'PERSON' && e.mentions.length > 0).map((e) => [e.name, e.mentions.map((m) => m.text)])).toEqual([['Elon Musk', ['Elon Musk', 'Elon']]])
  })

  it('does not take thanks, greetings, link read-outs or a past habit\'s "would" for claims or predictions', () => {
    const { claims, explanations } = run('Thank you so much for having me. Welcome to the show, everyone. The full tariff report is at https://example.com/report on the site. When we first started, the ministry would publish export data every month.')
    expect(claims.map((c) => c.text)).toEqual(['When we first started, the ministry would publish export data every month.'])
    expect(claims[0]!.kind).toBe('factual')
    expect(explanations.flatMap((x) => x.features.map((f) => f.name))).toEqual(expect.arrayContaining(['pleasantry', 'url', 'kind:habitual-past']))
  })


  it('keeps a country\'s people apart from the country, in any case and in two words, and types titled people and bodies by their cue words', () => {
    const { entities } = run('South Korean firms and AMERICAN banks met Sri Lankans. King Norodom Sihanouk spoke to the Soviet Union and the European Union.')
    const typed = Object.fromEntries(entities.map((e) => [e.name, [e.type, e.countryId]]))
    expect(typed).toMatchObject({ 'South Korean': ['NORP', 'south-korea'], AMERICAN: ['NORP', 'united-states'], 'Sri Lankans': ['NORP', 'sri-lanka'], 'Norodom Sihanouk': ['PERSON', undefined], 'Soviet Union': ['GPE', undefined] })
  })

  it('takes "the States" for the country, not its people', () => {
    const { entities } = run('I moved to the States in 2010, and Americans were kind.')
    expect(entities.filter((e) => e.type === 'NORP').map((e) => e.mentions.map((m) => m.text))).toEqual([['Americans']])
  })

  it('knows the peoples whose names the regular patterns miss: Swedes, Danes, Azeris, Emiratis, Britons', () => {
    const { entities } = run('Swedish and Danish officials met the Azeris. Emirati funds and Greek banks lent to Britons, the Turks and the Filipinos.')
    const peoples = Object.fromEntries(entities.filter((e) => e.type === 'NORP').map((e) => [e.name, e.countryId]))
    expect(peoples).toEqual({ Swedish: 'sweden', Danish: 'denmark', Azeris: 'azerbaijan', Emirati: 'united-arab-emirates', Greek: 'greece', Britons: 'united-kingdom', Turks: 'turkey',
      Filipinos: 'philippines' })
  })

  it('takes every language of a list after "speaks" for a language: "speaks Swedish and Greek"', () => {
    const { entities } = run('She speaks Swedish, Polish and Greek. He learned French or German. We met Greek and Turkish officials.')
    expect(entities.filter((e) => e.mentions.length > 0).map((e) => e.name)).toEqual(['Greek', 'Turkish'])
  })

  it('takes a language for no people: "speaking Russian", "taught in Ukrainian", "Russian speakers", but keeps "Russian officials"', () => {
    const { entities } = run('I grew up speaking Russian at home. Schools taught in Ukrainian. Russian speakers live there. Russian officials disagree.')
    const russian = entities.find((e) => e.type === 'NORP' && e.countryId === 'russia')
    expect(russian?.mentions.map((m) => m.text)).toEqual(['Russian'])
    expect(entities.some((e) => e.id === 'ukraine' || e.countryId === 'ukraine')).toBe(false)
  })

  it('reads a proposed law\'s "would" as advice, not a forecast', () => {
    const { claims } = run('This bill would streamline the approval of generic drugs. The tariffs would raise prices by 10 percent.')
    expect(claims.map((c) => c.kind)).toEqual(['prescriptive', 'predictive'])
  })

  it('takes the host\'s agenda for talk about the talk, not a prediction, but keeps "we\'ll have a boom"', () => {
    const { claims } = run('We are going to do some brief intros before the export control panel. We will also be around after the talk. We’ll have a big startup boom in chips.')
    expect(claims.map((c) => c.text)).toEqual(['We’ll have a big startup boom in chips.'])
  })

  it('takes the speaker\'s own story for no claim, wherever the "I" stands, but keeps a claim framed by "I think"', () => {
    const { claims } = run('When I was 18, I packed up and moved to New York. And in New York, I completed my education at Brooklyn College. I think Ukraine was never ready for that war.')
    expect(claims.map((c) => c.text)).toEqual(['I think Ukraine was never ready for that war.'])
  })
  it('names a region a compass word opens as one place, not the country inside it', () => {
    const { entities } = run('Lynas mines in Western Australia, and most separation happens in Inner Mongolia. The West Indian bowler and North American sales are not places.')
    const places = entities.filter((e) => e.type === 'GPE' && e.mentions.length > 0).map((e) => [e.name, e.mentions.map((m) => m.text)])
    expect(places).toEqual([['Western Australia', ['Western Australia']], ['Inner Mongolia', ['Inner Mongolia']]])
  })

  it('reads cue words only where they stand in a name: "Bill Gates" is a person, "Lehman Brothers" a firm, "Dodd-Frank rules" a law', () => {
    const { entities } = run('Bill Gates met bankers from Lehman Brothers. The Dodd-Frank rules changed banking.')
    expect(Object.fromEntries(entities.map((e) => [e.name, e.type]))).toMatchObject({ 'Bill Gates': 'PERSON', 'Lehman Brothers': 'ORG', 'Dodd-Frank': 'LAW' })
  })

  it('finds known names inside capitals runs, and never makes a diarization placeholder\'s number a mention', () => {
    const caps = run('WELCOME SENATOR ANTHONY GEARY TO ROMANIA TODAY, SAID JERRY WAS HERE.').entities
    expect(Object.fromEntries(caps.filter((e) => e.mentions.length > 0).map((e) => [e.name, e.type]))).toEqual({ 'Anthony Geary': 'PERSON', Romania: 'GPE' })
    const text = 'We have 2 panels and 2 screens.'
    const placeholder = extract({ turns: [{ index: 0, speakerId: 'speaker-2', text, paragraphs: [text], wordCount: 7 }], speakers: [{ id: 'speaker-2', name: 'Speaker 2', role: 'unknown', turnCount: 1, wordCount: 7 }] })
    expect(placeholder.entities).toEqual([])
  })

  it('names a speaker\'s entity without the titles the label gave, and links the surname to it', () => {
    const text = 'Mr. Speaker, Poilievre is wrong about the carbon price.'
    const { entities } = extract({
      turns: [{ index: 0, speakerId: 'trudeau', text, paragraphs: [text], wordCount: 9 }],
      speakers: [{ id: 'trudeau', name: 'Right Hon. Justin Trudeau', role: 'unknown', turnCount: 1, wordCount: 9 }, { id: 'poilievre', name: 'Hon. Pierre Poilievre', role: 'unknown', turnCount: 0, wordCount: 0 }],
    })
    const people = Object.fromEntries(entities.filter((e) => e.type === 'PERSON').map((e) => [e.id, [e.name, e.mentions.length]]))
    expect(people).toEqual({ trudeau: ['Justin Trudeau', 0], poilievre: ['Pierre Poilievre', 1] })
    // A speaker of turns in another language, left out of extraction, is still the person.
    const german = 'Die Sitzung ist eröffnet.'
    const skipped = extract({
      turns: [{ index: 0, speakerId: 'bas', text: german, paragraphs: [german], wordCount: 4, language: 'de' }],
      speakers: [{ id: 'bas', name: 'Präsidentin Bärbel Bas', role: 'unknown', turnCount: 1, wordCount: 4 }],
    })
    expect(skipped.entities.map((e) => e.name)).toEqual(['Bärbel Bas'])
    // A meeting's roles name no one; a doctor named by title is a person.
    const said = 'Hi, I am Doctor Hawkins.'
    const meeting = extract({
      turns: [{ index: 0, speakerId: 'manager', text: said, paragraphs: [said], wordCount: 5 }],
      speakers: [{ id: 'manager', name: 'Project Manager', role: 'unknown', turnCount: 1, wordCount: 5 }, { id: 'interface', name: 'User Interface', role: 'unknown', turnCount: 0, wordCount: 0 }],
    })
    expect(meeting.entities.map((e) => [e.name, e.type])).toEqual([['Hawkins', 'PERSON']])
  })

  it('names unknown components in its error', () => {
    expect(() => extract({ turns: [], speakers: [] }, { disable: ['nope'] })).toThrow(/unknown pipeline components nope/)
  })
})

describe('entity names in captions written in capitals', () => {
  const names = (text: string) => extract({ turns: makeTurns([['schneider', text]]), speakers: SPEAKERS }).entities
    .filter((e) => e.mentions.length > 0 && !SPEAKERS.some((s) => s.id === e.id)).map((e) => e.name)

  it('are shown as running text writes them, the mentions kept as written', () => {
    const caps = 'WELCOME SENATOR RICHARD MARCUSSEN FROM SANTA CLARA. THE RUSSIANS AND CALIFORNIA AND UNESCO AGREE ON THE BILL TODAY.'
    expect(names(caps)).toEqual(expect.arrayContaining(['Richard Marcussen', 'Santa Clara', 'California']))
    expect(names(caps)).not.toContain('Unesco')
  })

  it('keep the capitals a text in mixed case chose for them', () => {
    expect(names('The filing went to ESMA, and the JAWS screen reader read it.')).toEqual(expect.arrayContaining(['ESMA']))
  })
})
