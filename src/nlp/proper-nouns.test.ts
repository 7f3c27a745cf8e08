import { describe, expect, it } from 'vitest'
import { extract } from './extract.js'
import { makeTurns, SPEAKERS } from './testing/turns.js'

// The shipped gazetteer is off: these names are unknown to it on purpose.
const found = (text: string) => {
  const { entities } = extract({ turns: makeTurns([['schneider', text]]), speakers: SPEAKERS }, { defaultGazetteer: false })
  return entities.filter((e) => e.mentions.length > 0 && !SPEAKERS.some((s) => s.id === e.id)).map((e) => ({ name: e.name, type: e.type }))
}

describe('proper nouns', () => {
  it('invents nothing from interjections, months, weekdays or sentence-initial words', () => {
    expect(found('Yeah, look. Well, okay. Look, in April we met on Monday. Tariffs rose. Smuggling is rare. Okay, fine.')).toEqual([])
  })

  it('keeps a common word opening a sentence in a firm\'s name that ends in a firm\'s word, not a word that counts', () => {
    expect(found('Lucid Motors uses magnets. Neo Performance Materials builds a plant. Several Airlines declined.')).toEqual([
      { name: 'Lucid Motors', type: 'ORG' }, { name: 'Neo Performance Materials', type: 'ORG' }])
  })

  it('reads a town after "professor at" or "studied at" as its school', () => {
    expect(found('She is a professor at Georgetown.')).toEqual([{ name: 'Georgetown', type: 'ORG' }])
    expect(found('He studied at Berkeley before moving on.')).toEqual([{ name: 'Berkeley', type: 'ORG' }])
    expect(found('I grew up in Georgetown.')).toEqual([{ name: 'Georgetown', type: 'GPE' }])
  })

  it('types a name by the word before its first "of", and a long acronym that speaks as a body', () => {
    expect(found('The Organisation of Islamic Conference met. The Summit of the Andes opened. The Treaty of Lund held.')).toEqual([
      { name: 'Organisation of Islamic Conference', type: 'ORG' }, { name: 'Summit of the Andes', type: 'EVENT' }, { name: 'Treaty of Lund', type: 'LAW' }])
    expect(found('Then WOAH said no, and JFK agreed.')).toEqual([{ name: 'WOAH', type: 'ORG' }, { name: 'JFK', type: 'PERSON' }])
  })

  it('reads a name after "the town of" or before "region" as a place', () => {
    expect(found('Troops took the town of Tavildara. Men walked to the village of Mahala. Peace in the disputed Nagorno-Karabakh region held.')).toEqual([
      { name: 'Tavildara', type: 'GPE' }, { name: 'Mahala', type: 'GPE' }, { name: 'Nagorno-Karabakh', type: 'GPE' }])
    expect(found('The crash came just east of Longyear. The flight blew up over Lockerbie, Scotland. It landed at Stansted airport.')).toEqual([
      { name: 'Longyear', type: 'GPE' }, { name: 'Lockerbie', type: 'GPE' }, { name: 'Scotland', type: 'GPE' }, { name: 'Stansted', type: 'GPE' }])
  })

  it('reads Chinese names in pinyin and romanized Korean and Taiwanese names as people, whole', () => {
    expect(found('Vice Premier He Lifeng met Liu He and Han Zheng. Then Moon Jae-in and Tsai Ing-wen spoke.')).toEqual([
      { name: 'He Lifeng', type: 'PERSON' }, { name: 'Liu He', type: 'PERSON' }, { name: 'Han Zheng', type: 'PERSON' },
      { name: 'Moon Jae-in', type: 'PERSON' }, { name: 'Tsai Ing-wen', type: 'PERSON' }])
    // A hyphenated word after a name makes an adjective of it.
    expect(found('The Hong Kong-based firm fought the Biden-era rules.').map((e) => e.name)).toEqual(['Hong Kong', 'Biden'])
  })

  it('reads a name ending in a word for a place or a site as a place', () => {
    expect(found('Drillers left the Permian Basin. Crowds crossed the Brooklyn Bridge to Yankee Stadium.')).toEqual([
      { name: 'Permian Basin', type: 'GPE' }, { name: 'Brooklyn Bridge', type: 'GPE' }, { name: 'Yankee Stadium', type: 'GPE' }])
  })

  it('reads a name after "the news agency" or "the carmaker" as a body', () => {
    expect(found('The Yugoslav news agency Tanjug reported it. The carmaker Geely said so.')).toEqual([{ name: 'Tanjug', type: 'ORG' }, { name: 'Geely', type: 'ORG' }])
  })

  it('reads a lone surname that agrees, disagrees or recalls as a person', () => {
    expect(found('Thompson disagrees with that. Rasser recalled the talks.')).toEqual([{ name: 'Thompson', type: 'PERSON' }, { name: 'Rasser', type: 'PERSON' }])
  })

  it('reads a lone name someone asks or agrees with, or who "put it", as a person, and a source quoted "according to" as no place', () => {
    expect(found('We asked Kessler. I agree with Okafor. As Lindqvist put it, no.')).toEqual([
      { name: 'Kessler', type: 'PERSON' }, { name: 'Okafor', type: 'PERSON' }, { name: 'Lindqvist', type: 'PERSON' }])
    expect(found('According to Brandtner, the rule is broad.').map((e) => e.type)).not.toContain('GPE')
  })

  it('parts a person from the body named after "of" or "and", and firms at their legal suffix', () => {
    expect(found('We spoke with Ross Fairbanks of Flat Peak and Lynn Reaser of Barnett Banks Inc.')).toEqual([
      { name: 'Ross Fairbanks', type: 'PERSON' }, { name: 'Flat Peak', type: 'ORG' }, { name: 'Lynn Reaser', type: 'PERSON' }, { name: 'Barnett Banks Inc.', type: 'ORG' }])
    expect(found('Shares of Johnson Controls Inc and Lear Corp. rose.')).toEqual([{ name: 'Johnson Controls Inc', type: 'ORG' }, { name: 'Lear Corp.', type: 'ORG' }])
    expect(found('Staff at the Bureau of Industry and Security met the Bill and Melinda Gates Foundation.')).toEqual([
      { name: 'Bureau of Industry and Security', type: 'ORG' }, { name: 'Bill and Melinda Gates Foundation', type: 'ORG' }])
  })

  it('reads a title word after a given name as the surname, a place word "City" as a place, a place opening a sentence or before a title', () => {
    expect(found('Stephen King met Billie Jean King in New York City. South Carolina Gov. Henry McMaster came.')).toEqual([
      { name: 'Stephen King', type: 'PERSON' }, { name: 'Billie Jean King', type: 'PERSON' }, { name: 'New York City', type: 'GPE' },
      { name: 'South Carolina', type: 'GPE' }, { name: 'Henry McMaster', type: 'PERSON' }])
    expect(found('Texas Governor Greg Abbott met Florida Gov. Ron DeSantis.')).toEqual([
      { name: 'Texas', type: 'GPE' }, { name: 'Greg Abbott', type: 'PERSON' }, { name: 'Florida', type: 'GPE' }, { name: 'Ron DeSantis', type: 'PERSON' }])
    // In a row of results, "Manchester City" is the club.
    expect(found('Manchester City 2 Leeds 1')).toEqual([{ name: 'Manchester City', type: 'ORG' }, { name: 'Leeds', type: 'ORG' }])
  })

  it('reads "A." and "I." before a surname as initials, but not where they head the points of an outline', () => {
    expect(found('The captain A. Smith and his deputy I. Austin bowled.')).toEqual([{ name: 'A. Smith', type: 'PERSON' }, { name: 'I. Austin', type: 'PERSON' }])
    expect(found('I. Introduction\nA. Background of the case')).toEqual([])
    // In brackets mid-line too: "( A. Dale 69 , H. Morris 69 )", but "(A. Background)" opens an outline's point.
    expect(found('Glamorgan made 207 ( A. Dale 69 , H. Morris 69 ). See (A. Background) above.')).toEqual([
      { name: 'Glamorgan', type: 'ORG' }, { name: 'A. Dale', type: 'PERSON' }, { name: 'H. Morris', type: 'PERSON' }])
  })

  it('knows a city the lists spell with accents by its English spelling, and a hand-picked region the lexicon lists as a word', () => {
    expect(found('Talks moved from Montreal to Sao Paulo and Bogota. Farmers in the Midwest were angry.')).toEqual([
      { name: 'Montreal', type: 'GPE' }, { name: 'Sao Paulo', type: 'GPE' }, { name: 'Bogota', type: 'GPE' }, { name: 'Midwest', type: 'GPE' }])
    // A city after "in" stays one before a speech verb: the officials speak, not the city.
    expect(found('Officials in Chicago said the plan failed.')).toEqual([{ name: 'Chicago', type: 'GPE' }])
  })

  it('reads a newspaper\'s name by its last word, after a place too', () => {
    expect(found('He told the Chicago Tribune, the Miami Herald and the Ruritanian Gazette.')).toEqual([
      { name: 'Chicago Tribune', type: 'ORG' }, { name: 'Miami Herald', type: 'ORG' }, { name: 'Ruritanian Gazette', type: 'ORG' }])
  })

  it('reads an ordinal opening the name of a body, a law or an event as part of it, and alone as no name', () => {
    expect(found('First, shares of First Albany Corp. rose. The First Amendment and the Second World War came up.')).toEqual([
      { name: 'First Albany Corp.', type: 'ORG' }, { name: 'First Amendment', type: 'LAW' }, { name: 'Second World War', type: 'EVENT' }])
    // After "the", a number opens one too; elsewhere it counts.
    expect(found('They passed the One Big Beautiful Bill Act. Two Senate committees met.')).toEqual([{ name: 'One Big Beautiful Bill Act', type: 'LAW' }])
  })

  it('reads a city or a plural after "the" in a sentence of a sports report as its club, but not where a match is played or in policy talk', () => {
    expect(found('Karlsruhe won the league match 3-1. Jim Thome homered for Cleveland in the ninth inning. The Norwich striker left.')).toEqual([
      { name: 'Karlsruhe', type: 'ORG' }, { name: 'Jim Thome', type: 'PERSON' }, { name: 'Cleveland', type: 'ORG' }, { name: 'Norwich', type: 'ORG' }])
    expect(found('Then the Mets lost to the Eagles 2-1 in the league.').map((e) => `${e.name}/${e.type}`)).toEqual(['Mets/ORG', 'Eagles/ORG'])
    expect(found('The Democrats won the vote 52-48.')).toEqual([])
    expect(found('In Toronto, the pitcher won 3-1. The Senate voted 52-48 against Texas. Ohio lost sight of its goals in the match.')).toEqual([
      { name: 'Toronto', type: 'GPE' }, { name: 'Texas', type: 'GPE' }, { name: 'Ohio', type: 'GPE' }])
  })

  it('reads a surname that is also a word as the person named before, in the turn or an earlier one', () => {
    const { entities: people } = extract({ turns: makeTurns([['schneider', 'Kevin Brown pitched. Brown threw 119 pitches. Billie Jean King coaches him, said King.']]), speakers: SPEAKERS }, { defaultGazetteer: false })
    expect(people.filter((e) => e.mentions.length > 0 && e.type === 'PERSON').map((e) => e.mentions.map((m) => m.text))).toEqual([['Kevin Brown', 'Brown'], ['Billie Jean King', 'King']])
    const { entities } = extract({ turns: makeTurns([['schneider', 'Susan Rice spoke.'], ['miller', 'Rice said no. There was rice.']]), speakers: SPEAKERS }, { defaultGazetteer: false })
    expect(entities.filter((e) => e.id === 'susan-rice').map((e) => e.mentions.map((m) => `${m.turn}:${m.text}`))).toEqual([['0:Susan Rice', '1:Rice']])
    // A misread name's last word is a word still: "There" of "Y. There".
    expect(found('We met Y. There. There was rain.').map((e) => e.name)).toEqual(['Y. There'])
  })

  it('reads no name in a job written in capitals, a currency, an acronym of a common noun or a headline\'s adverb', () => {
    expect(found('My title is Chief Privacy Officer and Legal Engineer; he was the Chief Technology Officer, then a Research Scientist.')).toEqual([])
    expect(found('We paid 20 Euros for AGI and NLP work. Then Emily Head spoke.')).toEqual([{ name: 'Emily Head', type: 'PERSON' }])
    // A headline's words opened by an adverb.
    expect(found('The draft is Disappointingly Vague and Simultaneously Bold, critics said.')).toEqual([])
  })

  it('reads no name in a form of address, and a hyphenated law\'s name from its capitals', () => {
    expect(found('The point, Your Honor, is simple. Thank you, your Excellency.')).toEqual([])
    expect(found('It is no tax for Anti-Injunction Act purposes.')).toEqual([{ name: 'Anti-Injunction Act', type: 'LAW' }])
  })

  it('reads a title of nobility with its seat as the person, but not a club in a row of results', () => {
    expect(found('Prince William, the Prince of Wales, met the Duke of Edinburgh.')).toEqual([
      { name: 'William', type: 'PERSON' }, { name: 'Prince of Wales', type: 'PERSON' }, { name: 'Duke of Edinburgh', type: 'PERSON' }])
    expect(found('The Secretary of State spoke.')).toEqual([])
    expect(found('Ayr 6 Berwick 0 Queen of South 2 Dumbarton 1').map((e) => e.type)).not.toContain('PERSON')
  })

  it('reads the place a title holds as a place, and the rest of the title as no one', () => {
    expect(found('The Mayor of Chicago spoke. Desmond Tutu was Archbishop of Cape Town then.')).toEqual([
      { name: 'Chicago', type: 'GPE' }, { name: 'Desmond Tutu', type: 'PERSON' }, { name: 'Cape Town', type: 'GPE' }])
  })

  it('reads a title with its "of" phrase opening a sentence as the title, no body', () => {
    expect(found('Secretary of Agriculture Brooke Rollins spoke. Secretary of Defense Pete Hegseth left.')).toEqual([
      { name: 'Brooke Rollins', type: 'PERSON' }, { name: 'Pete Hegseth', type: 'PERSON' }])
  })

  it('reads a party or a seat before a full name, and a leader\'s title, as who the person is, not part of the name', () => {
    expect(found('Then Republican Tom Cotton and Conservative MP Iain Duncan Smith spoke, and Majority Leader John Thune left.')).toEqual([
      { name: 'Tom Cotton', type: 'PERSON' }, { name: 'Iain Duncan Smith', type: 'PERSON' }, { name: 'John Thune', type: 'PERSON' }])
    expect(found('Shares of MP Materials rose as the Republican Party met.')).toEqual([{ name: 'MP Materials', type: 'ORG' }, { name: 'Republican Party', type: 'ORG' }])
  })

  it('invents nothing from backchannel, clock times or titles standing alone', () => {
    expect(found('Mhmm. Hmm, so at 4 AM the attacks began. Uh, the Attorney General and my Ranking Member agreed.')).toEqual([])
  })

  it('keeps an acronym that opens the name of a body, and reads a continent as a place, not a given name', () => {
    expect(found('It is called CTO Club, and it meets in Asia.')).toEqual([{ name: 'CTO Club', type: 'ORG' }, { name: 'Asia', type: 'GPE' }])
  })

  it('runs a law named in lower case back to its article, and drops a law word alone', () => {
    expect(found('Finally, the biosimilar red tape Elimination Act tackles barriers.')).toEqual([{ name: 'biosimilar red tape Elimination Act', type: 'LAW' }])
    expect(found("The open America's waters Act would repeal the so called Jones Act.")).toEqual([
      { name: "open America's waters Act", type: 'LAW' }, { name: 'Jones Act', type: 'LAW' }])
    expect(found('They said the new Act passed, and the Treaty held.')).toEqual([])
  })

  it('takes acronyms of common nouns for no name, and keeps the named ones', () => {
    expect(found('They trade at a KYC AML compliant exchange over a VPN that the ISP cannot see.')).toEqual([])
    expect(found('Officials from NATO and the FBI met the CEO.')).toEqual([{ name: 'NATO', type: 'ORG' }, { name: 'FBI', type: 'ORG' }])
  })

  it('finds states and cities the lexicon also lists as adjectives ("a Texas trader")', () => {
    expect(found('We went to California today. A Texas trader said Houston is hot.')).toEqual([
      { name: 'California', type: 'GPE' }, { name: 'Texas', type: 'GPE' }, { name: 'Houston', type: 'GPE' },
    ])
  })

  it('reads a short given name or a generational suffix as a person', () => {
    expect(found('Al Gore spoke, and so did Carl Mark Force IV. We met Ed Miliband.')).toEqual([
      { name: 'Al Gore', type: 'PERSON' }, { name: 'Carl Mark Force IV', type: 'PERSON' }, { name: 'Ed Miliband', type: 'PERSON' },
    ])
  })

  it('keeps a city and the team named after it apart', () => {
    const names = found('Atlanta plays at Chicago tonight.\nCHICAGO 74 59 .556\nATLANTA 70 62 .530')
    expect(names).toContainEqual({ name: 'Chicago', type: 'GPE' })
    expect(names).toContainEqual({ name: 'CHICAGO', type: 'ORG' })
  })

  it('types a surname two people share as a person, and a name before "news agency" as an organisation', () => {
    const names = found('Michael Collins met Eileen Collins. Later Collins spoke, Interfax news agency reported. Collins left, Interfax said.')
    expect(names).toContainEqual({ name: 'Collins', type: 'PERSON' })
    expect(names).toContainEqual({ name: 'Interfax', type: 'ORG' })
  })

  it('types names by their evidence', () => {
    expect(found('Then Secretary Halvorsen spoke.')).toEqual([{ name: 'Halvorsen', type: 'PERSON' }])
    expect(found('They sold it to Globex Corp last year.')).toEqual([{ name: 'Globex Corp', type: 'ORG' }])
    expect(found('They passed the Clean Seas Act quickly.')).toEqual([{ name: 'Clean Seas Act', type: 'LAW' }])
    expect(found('Plants opened in Ruritania soon after.')).toEqual([{ name: 'Ruritania', type: 'GPE' }])
    expect(found('Regulators at the Bureau of Mines and Minerals objected.')).toEqual([{ name: 'Bureau of Mines and Minerals', type: 'ORG' }])
  })

  it('reads a firm by its shares, its stock, its chief or its spokesman, but not by a verb "shares"', () => {
    // Each said something too, which alone would make a person of it.
    expect(found('Cofinec said profits rose, and Cofinec shares fell. Lomason said no; Lomason stock closed at 40. Globex said so, Globex CEO Ann Lee added, and a Vantor spokesman said Vantor agreed.')).toEqual([
      { name: 'Cofinec', type: 'ORG' }, { name: 'Lomason', type: 'ORG' }, { name: 'Globex', type: 'ORG' }, { name: 'Ann Lee', type: 'PERSON' },
      { name: 'Vantor', type: 'ORG' }])
    expect(found('In this episode, Marla shares a brief history.')).toEqual([{ name: 'Marla', type: 'PERSON' }])
  })

  it('keeps "St.", "Mt." and "Ft." with the place name they open, and not a street\'s "St." with the next sentence', () => {
    expect(found('We flew to St. Louis, climbed Mt. Kilimanjaro and drove to the St. Petersburg-based firm.')).toEqual([
      { name: 'St. Louis', type: 'GPE' }, { name: 'Mt. Kilimanjaro', type: 'GPE' }, { name: 'St. Petersburg', type: 'GPE' }])
    expect(found('He lives on Maple St. The next day he left.').map((e) => e.name)).toEqual(['Maple St'])
  })

  it('keeps a title word that opens a body\'s name ("General Services Administration"), and reads "Web Services" and "Bay Area" as parts of names', () => {
    expect(found('We work inside the General Services Administration. General Halvorsen agreed.')).toEqual([
      { name: 'General Services Administration', type: 'ORG' }, { name: 'Halvorsen', type: 'PERSON' }])
    expect(found('It runs on Globex Web Services in the Vantor Bay Area.')).toEqual([
      { name: 'Globex Web Services', type: 'ORG' }, { name: 'Vantor Bay Area', type: 'GPE' }])
  })

  it('reads a place opening a two-word name as a body, keeps a greeting out of a name, and takes letters spelled out for none', () => {
    expect(found('Cambridge Analytica harvested the data.')).toEqual([{ name: 'Cambridge Analytica', type: 'ORG' }])
    expect(found('Hi Halvorsen, welcome. Hello Marla.').map((e) => e.name)).toEqual(['Halvorsen', 'Marla'])
    expect(found('The U S government agreed.')).toEqual([])
  })

  it('reads a holiday as an event, and a greeting, a unit of temperature or a "Jr." set off by a comma as no name', () => {
    expect(found('Happy Thanksgiving! We met on Christmas Eve, in Black History Month and during Ramadan.')).toEqual([
      { name: 'Thanksgiving', type: 'EVENT' }, { name: 'Christmas Eve', type: 'EVENT' }, { name: 'Black History Month', type: 'EVENT' }, { name: 'Ramadan', type: 'EVENT' }])
    expect(found('It was 40 degrees Celsius when Halvorsen Brown, Jr. spoke.').map((e) => e.name)).toEqual(['Halvorsen Brown'])
  })

  it('takes a common noun capitalised mid-sentence for no name when the text also writes it in lower case', () => {
    expect(found('So every Community was going to pay more. The community boards said no.')).toEqual([])
    // Written only capitalised, it may be a body's short name.
    expect(found('So every Community was going to pay more.').map((e) => e.name)).toEqual(['Community'])
  })

  it('reads a lone unknown word with a surname\'s ending as a person, and other lone unknown words as bodies', () => {
    expect(found('We asked about Gonzalez and Kuznetsov, then Jorgensen and Qualtrix.')).toEqual([
      { name: 'Gonzalez', type: 'PERSON' }, { name: 'Kuznetsov', type: 'PERSON' }, { name: 'Jorgensen', type: 'PERSON' }, { name: 'Qualtrix', type: 'ORG' }])
  })

  it('reads a lone word with a capital inside as a brand, even after "in"', () => {
    expect(found('We built it in WordPress and trained on ImageNet at DeepMind.')).toEqual([
      { name: 'WordPress', type: 'ORG' }, { name: 'ImageNet', type: 'ORG' }, { name: 'DeepMind', type: 'ORG' }])
  })

  it('reads a name said twice in a row (speech-to-text\'s echo) as the name twice, not a longer name', () => {
    expect(found('We used Coldcard Coldcard Coldcard for it.')).toEqual([{ name: 'Coldcard', type: 'ORG' }])
  })

  it('takes no number word opening a sentence for a name', () => {
    expect(found('Fifteen minutes later it ended. Twenty-three of the 25 charters flew. Thousands marched. Ninety percent agreed.')).toEqual([])
  })

  it('keeps two names joined by "and" apart', () => {
    expect(found('They trade with Ruritania and Freedonia.').map((e) => e.name)).toEqual(['Ruritania', 'Freedonia'])
  })

  it('skips idioms and contractions', () => {
    expect(found('That is the sword of Damocles. Isn’t it in the Venn diagram?')).toEqual([])
  })

  it('never runs a name over a line break, and reads each line of capitals on its own', () => {
    expect(found('We spoke with Maria Vantongeren\nHALVORSEN WINS THE DERBY\nThe talks went on.').map((e) => e.name)).toEqual(['Maria Vantongeren'])
  })

  it('reads the name after a person\'s title in capitals, whatever its words mean elsewhere', () => {
    expect(found('SENATOR CHUCK VANTONGER SAID THE VOTE IS CLOSE. WELCOME SENATOR HALVORSEN AND SENATOR ELIZABETH WARREN.')).toEqual([
      { name: 'Chuck Vantonger', type: 'PERSON' }, { name: 'Halvorsen', type: 'PERSON' }, { name: 'Elizabeth Warren', type: 'PERSON' }])
    expect(found('GENERAL MOTORS CUT JOBS. THE CHIEF EXECUTIVE RESIGNED. PRESIDENT SAID NO.')).toEqual([])
  })

  it('types a name ending in an event\'s or a law\'s word and a Roman numeral by that word, even opening a sentence', () => {
    expect(found('World War II ended. The Minsk Agreements collapsed. Clean Air Act rules tightened.')).toEqual([
      { name: 'World War II', type: 'EVENT' }, { name: 'Minsk Agreements', type: 'LAW' }, { name: 'Clean Air Act', type: 'LAW' }])
    expect(found('Carl Mark Force IV testified.')).toEqual([{ name: 'Carl Mark Force IV', type: 'PERSON' }])
  })

  it('reads a provision cited by number as a law, but not a report\'s section', () => {
    expect(found('Title 42 expired. Under Title IX, schools changed. Executive Order 14117 restricts data. Section 301 tariffs stayed. Section 3 of the report is long.')).toEqual([
      { name: 'Title 42', type: 'LAW' }, { name: 'Title IX', type: 'LAW' }, { name: 'Executive Order 14117', type: 'LAW' }, { name: 'Section 301', type: 'LAW' }])
  })

  it('ends a titled person\'s name before "of", and reads the one word after it as where they work', () => {
    expect(found('Dr. Vera Kallas of Stanford spoke, and Peter Halvorsen of Tufts said so. President Xu of Ruritania agreed.')).toEqual([
      { name: 'Vera Kallas', type: 'PERSON' }, { name: 'Stanford', type: 'ORG' }, { name: 'Peter Halvorsen', type: 'PERSON' }, { name: 'Tufts', type: 'ORG' },
      { name: 'Xu', type: 'PERSON' }, { name: 'Ruritania', type: 'ORG' }])
  })

  it('links an acronym to the one body the episode names in full with those initials, and leaves a place\'s abbreviation alone', () => {
    const { entities } = extract({ turns: makeTurns([['schneider', 'The Ruritanian Export Council and the Defense Council met in DC. The REC said no, and the Tax Injunction Act, the TIA, applied.']]), speakers: SPEAKERS }, { defaultGazetteer: false })
    const mentions = Object.fromEntries(entities.map((e) => [e.name, e.mentions.map((m) => m.text)]))
    expect(mentions).toMatchObject({ 'Ruritanian Export Council': ['Ruritanian Export Council', 'REC'], 'Tax Injunction Act': ['Tax Injunction Act', 'TIA'] })
    expect(entities.find((e) => e.mentions.some((m) => m.text === 'DC'))?.name).not.toBe('Defense Council')
    // Given in brackets right after the name, whatever its letters; "for" joins a body's name over a place.
    expect(found('The Mercator Institute for Ruritania Studies (MERICS) said so. Later MERICS agreed.')).toEqual([{ name: 'Mercator Institute for Ruritania Studies', type: 'ORG' }])
  })

  it('keeps initials, apostrophes and particles inside a name, and a title out of it', () => {
    expect(found('The report by S. Varga was cited.')).toEqual([{ name: 'S. Varga', type: 'PERSON' }])
    expect(found("They hired Keith O'Dowell last year.")).toEqual([{ name: "Keith O'Dowell", type: 'PERSON' }])
    expect(found('Then Joost van der Merwelaan spoke.')).toEqual([{ name: 'Joost van der Merwelaan', type: 'PERSON' }])
    expect(found('Later Ruritanian President Ivo Halvorsen resigned.')).toEqual([{ name: 'Ivo Halvorsen', type: 'PERSON' }])
    expect(found('The Prime Minister resigned in AUGUST.')).toEqual([])
    expect(found('Then Speaker of the House Mike Johnson and Secretary of State Rubio met Prime Minister of Japan Shinzo Abe.')).toEqual([
      { name: 'Mike Johnson', type: 'PERSON' }, { name: 'Rubio', type: 'PERSON' }, { name: 'Japan', type: 'GPE' }, { name: 'Shinzo Abe', type: 'PERSON' }])
  })

  it('knows cities and states from data, in any case, and a nationality word names its country\'s people, linked to the country', () => {
    expect(found('Prices fell in Chicago and in Kansas City, then TORONTO followed.')).toEqual([
      { name: 'Chicago', type: 'GPE' }, { name: 'Kansas City', type: 'GPE' }, { name: 'TORONTO', type: 'GPE' }])
    expect(found('New Zealand signed it.')).toEqual([{ name: 'New Zealand', type: 'GPE' }])
    expect(found('The deal angered Israeli and Kurdish officials.')).toEqual([{ name: 'Israeli', type: 'NORP' }])
    // A demonym derived from a country's name, singular or plural, is one people.
    const { entities } = extract({ turns: makeTurns([['schneider', 'Rwandan troops crossed; the Rwandans said so.']]), speakers: SPEAKERS }, { defaultGazetteer: false })
    expect(entities.filter((e) => e.type !== 'PERSON')).toMatchObject([
      { name: 'Rwanda', type: 'GPE', mentions: [] },
      { name: 'Rwandan', type: 'NORP', countryId: 'rwanda', aliases: ['Rwandans'], mentions: [{ text: 'Rwandan' }, { text: 'Rwandans' }] },
    ])
  })

  it('reads a city heading a row of results as a team, but not a country or a dateline', () => {
    expect(found('Results on Saturday:\nLeeds 2 Swindon 1\nEngland 326 and 4-0')).toEqual([
      { name: 'Leeds', type: 'ORG' }, { name: 'Swindon', type: 'ORG' }, { name: 'England', type: 'GPE' }])
    expect(found('BOSTON 1996-08-29\nShares rose in Boston on Friday.')).toEqual([{ name: 'BOSTON', type: 'GPE' }])
  })

  it('types sports events and places by their last word', () => {
    expect(found('He won the Halvorsen Cup twice.')).toEqual([{ name: 'Halvorsen Cup', type: 'EVENT' }])
    expect(found('Traders on Halvorsen Street sold.')).toEqual([{ name: 'Halvorsen Street', type: 'GPE' }])
    expect(found('Talks in East Jerusalem failed.')).toEqual([{ name: 'East Jerusalem', type: 'GPE' }])
    expect(found('Shares of Douglas & Vantongeren fell.')).toEqual([{ name: 'Douglas & Vantongeren', type: 'ORG' }])
  })

  it('types a name made of common words as an organisation, not a person', () => {
    expect(found('Shares of Gold Fields fell again.')).toEqual([{ name: 'Gold Fields', type: 'ORG' }])
  })

  it('names no entity with a people, religious or political group word, as with "Democrats", alone or after a nationality', () => {
    expect(found('The Uyghurs in Xinjiang and the Rohingya fled; Chechens, Hutu militias and Alawites fought.'))
      .toEqual([{ name: 'Xinjiang', type: 'GPE' }])
    expect(found('Bosnian Serbs, Shia Muslims and Roman Catholics met Jack Welsh.')).toEqual([{ name: 'Jack Welsh', type: 'PERSON' }])
  })

  it('knows the most common given names, so a surname that is also a word still makes a person', () => {
    expect(found('A try from centre Walter Little sealed it, and Donald Young agreed.')).toEqual([
      { name: 'Walter Little', type: 'PERSON' }, { name: 'Donald Young', type: 'PERSON' }])
  })

  it('takes a plural acronym for a common noun, and a group after a nationality for no one', () => {
    expect(found('Scottish MPs voted. Ukrainian NGOs asked for help, and Iraqi Kurdish forces advanced with new GPUs.')).toEqual([
      { name: 'Scottish', type: 'NORP' }, { name: 'Ukrainian', type: 'NORP' }])
  })

  it('knows given names common in international news that the English lists lack', () => {
    expect(found('Later Imran Khan, Recep Tayyip Erdogan and Volodymyr Kovalenko met Shinzo Tanaka.')).toEqual([
      { name: 'Imran Khan', type: 'PERSON' }, { name: 'Recep Tayyip Erdogan', type: 'PERSON' },
      { name: 'Volodymyr Kovalenko', type: 'PERSON' }, { name: 'Shinzo Tanaka', type: 'PERSON' }])
  })
})
