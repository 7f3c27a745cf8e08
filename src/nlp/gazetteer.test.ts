import { describe, expect, it } from 'vitest'
import { extract } from './extract.js'
import { buildGazetteer, defaultGazetteer } from './gazetteer.js'
import { makeTurns, SPEAKERS } from './testing/turns.js'

const idsOf = (text: string, options = {}) => {
  const { entities } = extract({ turns: makeTurns([['schneider', text]]), speakers: SPEAKERS }, options)
  return entities.filter((e) => e.mentions.length > 0).map((e) => [e.id, e.mentions.map((m) => m.text)] as const)
}

describe('gazetteer', () => {
  it('maps the names of one state to one canonical entity', () => {
    const found = new Map(idsOf('The US acted; the United States, Washington and American firms agree. The PRC, Beijing and the Chinese disagree.'))
    expect(found.get('united-states')).toEqual(['US', 'United States', 'Washington'])
    expect(found.get('china')).toEqual(['PRC', 'Beijing'])
    // The people are an entity of their own, linked to their country.
    const { entities } = extract({ turns: makeTurns([['schneider', 'The Chinese disagree.']]), speakers: SPEAKERS })
    expect(entities.find((e) => e.id === 'chinese')).toMatchObject({ type: 'NORP', countryId: 'china', mentions: [{ text: 'Chinese' }] })
    expect(entities.find((e) => e.id === 'china')).toMatchObject({ type: 'GPE', mentions: [] })
  })

  it('knows the news outlets policy talk quotes, and not a word that shares a name with one', () => {
    expect(idsOf('Xinhua and the Global Times said so; People’s Daily agreed. CNN, NPR and SPIEGEL reported it, as did WIRED.').map(([id]) => id)).toEqual([
      'xinhua', 'global-times', 'peoples-daily', 'cnn', 'npr', 'der-spiegel', 'wired'])
    expect(idsOf('Wired connections are faster, and our foreign policy is a mess.')).toEqual([])
  })

  it('knows the laws policy talk cites by acronym alone', () => {
    expect(idsOf('Congress passed the NDAA. GDPR and HIPAA apply, and the ACA. NAFTA became the USMCA.').map(([id]) => id)).toEqual([
      'us-congress', 'ndaa', 'gdpr', 'hipaa', 'affordable-care-act', 'nafta', 'usmca'])
  })

  it('reads a city-state\'s own name after "in" as the country, where a capital alone is the city', () => {
    expect(idsOf('He lives in Singapore. She lives in Kyiv.').map(([id]) => id)).toEqual(['singapore', 'kyiv'])
  })

  it('reads a known one-word name after a title as a job, not the body ("Chief Economist")', () => {
    expect(idsOf('The Chief Economist spoke. I read it in The Economist.').map(([id, mentions]) => [id, mentions.length])).toEqual([['the-economist', 1]])
  })

  it('reads known names in speech-to-text written all in lower case, but not an acronym or a common word', () => {
    const lower = 'so microsoft filed a lawsuit against the us government and the department of justice said that china and joe biden were wrong and the apple store and turkey sandwiches were fine and that was it really'
    expect(idsOf(lower).map(([id]) => id)).toEqual(['microsoft', 'doj', 'china', 'joe-biden'])
    // In a text that writes names with capitals, lower case stays lower case.
    expect(idsOf('Microsoft said the department of justice and china were wrong.').map(([id]) => id)).toEqual(['microsoft'])
  })

  it('knows a listed name of two words written in another case, and leaves one word to the gazetteer\'s rules', () => {
    expect(idsOf('Congress passed the Chips Act in 2022. House prices rose.')).toEqual([['us-congress', ['Congress']], ['chips-act', ['Chips Act']]])
  })

  it('leaves a known place to the longer name of a law or an event held there', () => {
    expect(idsOf('The US left the Paris Agreement. The Beijing Olympics opened. The Geneva Conventions bind. We flew to Beijing.').map(([id]) => id))
      .toEqual(['united-states', 'paris-agreement', 'beijing-olympics', 'geneva-conventions', 'beijing'])
  })

  it('knows universities by their one-word names, and such a word after a given name as a surname', () => {
    expect(idsOf('She studied at Stanford and taught at Yale. Leland Stanford founded it, and we have had PayPal.').map(([id, texts]) => [id, texts])).toEqual([
      ['stanford-university', ['Stanford']], ['yale-university', ['Yale']], ['leland-stanford', ['Leland Stanford']], ['paypal', ['PayPal']]])
  })

  it('leaves a known place to a body named for it after "for", and gives that body its bracketed acronym', () => {
    expect(idsOf('The Mercator Institute for China Studies (MERICS) said so. Later MERICS agreed. Funding for China fell.')).toEqual([
      ['mercator-institute-for-china-studies', ['Mercator Institute for China Studies', 'MERICS', 'MERICS']], ['china', ['China']]])
  })

  it('reads a known surname said twice in a row as the known person twice', () => {
    expect(idsOf('Then Biden Biden said no.')).toEqual([['joe-biden', ['Biden', 'Biden']]])
  })

  it('knows a US department by its formal name, its short name and its acronym as one body', () => {
    expect(idsOf('The Department of Justice sued, the DOJ said, and the Justice Department agreed. HUD and the Education Department objected.')).toEqual([
      ['doj', ['Department of Justice', 'DOJ', 'Justice Department']], ['us-hud', ['HUD']], ['us-education', ['Education Department']]])
  })

  it('reads a capital as the city where someone is or goes, and as its country where it acts or is addressed', () => {
    expect(idsOf('I was born in Kyiv and flew back to Kyiv in May. Officials in Beijing met.')).toEqual([['kyiv', ['Kyiv', 'Kyiv']], ['china', ['Beijing']]])
    expect(idsOf('The prince visited Kyiv, and Beijing responded.')).toEqual([['kyiv', ['Kyiv']], ['china', ['Beijing']]])
    expect(idsOf('Beijing responded. The message to Beijing was clear; pressure on Moscow grew.')).toEqual([['china', ['Beijing', 'Beijing']], ['russia', ['Moscow']]])
  })

  it('reads "the House" as the US House beside the Senate or Congress, and not without "the", in a longer name or in a debate of the Commons', () => {
    expect(idsOf('The House passed the bill, and the Senate will vote next week.')).toEqual([['us-house', ['House']], ['us-senate', ['Senate']]])
    expect(idsOf('House prices rose in Congress\'s view. The House of Lords and the House Armed Services Committee met.').map(([id]) => id)).not.toContain('us-house')
    expect(idsOf('I commend this statement to the House. The House will now divide.')).toEqual([])
  })

  it('leaves a known place inside a longer name to that name: seas, straits, bodies "of" a place', () => {
    const { entities } = extract({ turns: makeTurns([['schneider',
      'Ships crossed the Taiwan Strait, the South China Sea and the Gulf of Mexico, near the Korean Peninsula. The Bank of America and the University of California agreed. China did not.']]), speakers: SPEAKERS })
    expect(entities.filter((e) => e.mentions.length > 0).map((e) => [e.id, e.type])).toEqual([
      ['taiwan-strait', 'GPE'], ['south-china-sea', 'GPE'], ['gulf-of-mexico', 'GPE'], ['korean-peninsula', 'GPE'],
      ['bank-of-america', 'ORG'], ['university-of-california', 'ORG'], ['china', 'GPE']])
  })

  it('reads a place or nationality before the name of a body as part of that name', () => {
    const { entities } = extract({ turns: makeTurns([['schneider',
      'The U.S. Commerce Department listed firms. Shares fell on the Tokyo Stock Exchange, and the British Labour Party met. China Development Bank lent. Chinese Foreign Minister Wang Yi spoke of China.']]), speakers: SPEAKERS })
    const mentions = entities.flatMap((e) => e.mentions.map((m) => [m.text, e.id, e.type]))
    expect(mentions).toEqual(expect.arrayContaining([
      ['U.S. Commerce Department', 'us-commerce', 'ORG'], ['Tokyo Stock Exchange', 'tokyo-stock-exchange', 'ORG'],
      ['British Labour Party', 'british-labour-party', 'ORG'], ['China Development Bank', 'china-development-bank', 'ORG'],
      ['Chinese', 'chinese', 'NORP'], ['Wang Yi', 'wang-yi', 'PERSON'], ['China', 'china', 'GPE']]))
    // A title after a nationality opens no body; a place alone is still the place.
    const { entities: after } = extract({ turns: makeTurns([['schneider', 'They flew Air France, and Statistics Canada counted. Trade with China rose.']]), speakers: SPEAKERS })
    expect(after.filter((e) => e.mentions.length > 0).map((e) => [e.name, e.type])).toEqual([['Air France', 'ORG'], ['Statistics Canada', 'ORG'], ['China', 'GPE']])
    expect(mentions.some((m) => m[0] === 'U.S.' || m[0] === 'Tokyo' || m[0] === 'Stock Exchange')).toBe(false)
  })

  it('reads a sporting event a place or a people names as the event, and the place alone as the place', () => {
    const mentions = idsOf('Edberg lost at the U.S. Open, she won the French Open and the Hong Kong Open title, and he raced in the Monaco Grand Prix. The U.S. opened talks with France. Chinese Open Source developers met.')
    expect(mentions).toEqual(expect.arrayContaining([
      ['u-s-open', ['U.S. Open']], ['french-open', ['French Open']], ['hong-kong-open', ['Hong Kong Open']], ['monaco-grand-prix', ['Monaco Grand Prix']],
      ['united-states', ['U.S.']], ['france', ['France']], ['chinese', ['Chinese']]]))
    expect(mentions.find(([id]) => id === 'chinese-open-source')).toBeUndefined()
  })

  it('reads "Senate" or "Congress" ending another country\'s or a state\'s body as that body, not the US one', () => {
    const mentions = idsOf('The Italian Senate voted, the Texas Senate passed it and the Indian National Congress lost. The NSW Treasury agreed.')
    expect(mentions).toEqual([['italian-senate', ['Italian Senate']], ['texas-senate', ['Texas Senate']],
      ['indian-national-congress', ['Indian National Congress']], ['nsw-treasury', ['NSW Treasury']]])
    // The US's own, a party's, and a sentence's first word are still the US bodies.
    expect(idsOf('The U.S. Senate and the American Congress agreed. A Republican Congress would block it. Last Congress did nothing. The Senate must act.'))
      .toEqual([['us-senate', ['U.S. Senate', 'Senate']], ['us-congress', ['American Congress', 'Congress', 'Congress']]])
  })

  it('keeps a known person\'s surname in a relative\'s name to that relative, and a suffix with the name', () => {
    const { entities } = extract({ turns: makeTurns([['schneider',
      'Hunter Biden met Ivanka Trump and Donald Trump Jr. in May. Then President Biden and Mr. Trump spoke of Martin Luther King Jr. and King Charles III.']]), speakers: SPEAKERS })
    expect(entities.filter((e) => e.mentions.length > 0).map((e) => [e.name, e.type, e.mentions.map((m) => m.text)])).toEqual([
      ['Hunter Biden', 'PERSON', ['Hunter Biden']], ['Ivanka Trump', 'PERSON', ['Ivanka Trump']], ['Donald Trump Jr.', 'PERSON', ['Donald Trump Jr.']],
      ['Joe Biden', 'PERSON', ['President Biden']], ['Donald Trump', 'PERSON', ['Trump']], ['Martin Luther King Jr.', 'PERSON', ['Martin Luther King Jr.']],
      ['Charles III', 'PERSON', ['Charles III']]])
  })

  it('reads a firm\'s full name as the known firm, and a committee named after a known body as a body of its own', () => {
    const mentions = idsOf('Huawei Technologies Co., Ltd. and Nvidia Corporation met the Senate Foreign Relations Committee and the Pentagon Press Secretary.')
    expect(mentions).toEqual([['huawei', ['Huawei Technologies Co., Ltd.']], ['nvidia', ['Nvidia Corporation']],
      ['senate-foreign-relations-committee', ['Senate Foreign Relations Committee']], ['pentagon', ['Pentagon']]])
  })

  it('reads a country\'s formal name as that country, and a state\'s as a place', () => {
    expect(idsOf('The Kingdom of Saudi Arabia and the Islamic Republic of Iran talked. Shares of the State of Texas rose.')).toEqual([
      ['saudi-arabia', ['Kingdom of Saudi Arabia']], ['iran', ['Islamic Republic of Iran']], ['state-of-texas', ['State of Texas']]])
  })

  it('knows brands that open in lower case (xAI, eBay, iOS), which capitalisation cannot find, and bodies named like people', () => {
    expect(idsOf('Musk founded xAI, eBay sells on iOS.').map(([id]) => id)).toEqual(expect.arrayContaining(['xai', 'ebay', 'ios']))
    // Two capitalised words that read like a person's name but are not one.
    expect(idsOf('The Red Cross helped as the Dow Jones fell.')).toEqual([['icrc', ['Red Cross']], ['dow-jones', ['Dow Jones']]])
  })

  it('matches a brand written in lower case where the entry lists that spelling, and each spelling by its own case', () => {
    const found = new Map(idsOf('They pay with paypal or bitcoin. PayPal froze it. Tell us.'))
    expect(found.get('paypal')).toEqual(['paypal', 'PayPal'])
    expect(found.get('bitcoin')).toEqual(['bitcoin'])
    expect(found.has('united-states')).toBe(false)
  })

  it('knows the episode-level aliases: MOFCOM, Bibi, Xi', () => {
    const found = new Map(idsOf('MOFCOM published it. Trump called Bibi, then Xi.'))
    expect(found.has('mofcom')).toBe(true)
    expect(found.get('benjamin-netanyahu')).toEqual(['Bibi'])
    expect(found.get('xi-jinping')).toEqual(['Xi'])
  })

  it('knows the institutions policy talk names: EU bodies, UN organs, regulators', () => {
    const found = new Map(idsOf('The European Commission and the U.N. Security Council met the OSCE; the Cyberspace Administration of China and the People\'s Bank of China did not.'))
    expect([...found.keys()]).toEqual(['european-commission', 'un-security-council', 'osce', 'cyberspace-administration-of-china', 'peoples-bank-of-china'])
  })

  it('knows heads of state and government by the surname the news uses alone', () => {
    const found = new Map(idsOf('Modi met Erdogan and Macron; Assad and Khamenei were not invited; Lula and Milei sent ministers.'))
    expect([...found.keys()]).toEqual(['narendra-modi', 'recep-tayyip-erdogan', 'emmanuel-macron', 'bashar-al-assad', 'ali-khamenei', 'luiz-inacio-lula-da-silva', 'javier-milei'])
  })

  it('matches acronyms and names by case: "us" and "treasury" are words', () => {
    const ids = idsOf('Tell us about the treasury of ideas.').map(([id]) => id)
    expect(ids).not.toContain('united-states')
    expect(ids).not.toContain('us-treasury')
  })

  it('takes the longest match', () => {
    expect(idsOf('Rare earth magnets are scarce.')).toEqual([['rare-earth-magnets', ['Rare earth magnets']]])
  })

  it('types laws, rules and instruments as LAW and materials as TECH', () => {
    const { entities } = extract({ turns: makeTurns([['schneider', 'The Entity List, the de minimis rule and the 50% rule cover sputtering targets and EUV tools.']]), speakers: SPEAKERS })
    const types = Object.fromEntries(entities.filter((e) => e.mentions.length).map((e) => [e.id, e.type]))
    expect(types).toMatchObject({ 'entity-list': 'LAW', 'de-minimis-rule': 'LAW', 'affiliates-rule': 'LAW', 'sputtering-targets': 'TECH', 'euv-lithography': 'TECH' })
  })

  it('merges user entries over the default by id and adds new ones', () => {
    const gazetteer = [
      { id: 'china', name: 'People’s Republic of China', type: 'GPE' as const, aliases: ['Middle Kingdom'] },
      { id: 'acme-rare', name: 'Acme Rare Metals', type: 'ORG' as const, aliases: ['ARM'] },
    ]
    const { entities } = extract({ turns: makeTurns([['schneider', 'The Middle Kingdom buys from ARM.']]), speakers: SPEAKERS }, { gazetteer })
    const byId = new Map(entities.map((e) => [e.id, e]))
    expect(byId.get('china')?.name).toBe('People’s Republic of China')
    expect(byId.get('china')?.mentions.map((m) => m.text)).toEqual(['Middle Kingdom'])
    expect(byId.get('acme-rare')?.type).toBe('ORG')
  })

  it('rejects an entry without a valid type with a clear error', () => {
    expect(() => buildGazetteer(defaultGazetteer(), [{ id: 'x', name: 'X', type: 'THING' as never, aliases: [] }]))
      .toThrow(/gazetteer entry "x" needs an id and a type/)
  })

  it('ships entries with unique, stable ids', () => {
    const ids = defaultGazetteer().map((e) => e.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const id of ids) expect(id).toMatch(/^[a-z0-9-]+$/)
  })
})
