/**
 * The words the proper-noun pass reads names by: words that are never names, the words that end a
 * body's, a law's, a place's or an event's name, titles, and the words around a name that say what
 * it is. Data only; proper-nouns.ts holds the rules that use them.
 */

// Capitalised words that are never names on their own.
export const NOT_NAMES = new Set([
  'I', 'Im', 'Yeah', 'Yes', 'No', 'Oh', 'Wow', 'Okay', 'OK', 'Ok', 'Well', 'Look', 'Hey', 'Hi', 'Hello', 'Bye', 'Goodbye', 'Happy', 'Merry', 'Sorry', 'Right', 'So',
  'And', 'But', 'Or', 'Now', 'Then', 'Also', 'Meanwhile', 'Basically', 'Obviously', 'Frankly', 'Personally',
  'Ultimately', 'Crucially', 'Additionally', 'Nonetheless', 'Alternatively', 'Exactly', 'Thanks', 'Mr', 'Mrs', 'Ms', 'Dr',
  'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December',
  'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday',
  'One', 'Two', 'Three', 'Four', 'Five', 'Six', 'Seven', 'Eight', 'Nine', 'Ten', 'First', 'Second', 'Third',
  // The lexicon lacks these, so the tagger calls them proper nouns opening a sentence ("Fifteen minutes later").
  'Zero', 'Eleven', 'Twelve', 'Thirteen', 'Fourteen', 'Fifteen', 'Sixteen', 'Seventeen', 'Eighteen', 'Nineteen', 'Twenty', 'Thirty',
  'Forty', 'Fifty', 'Sixty', 'Seventy', 'Eighty', 'Ninety', 'Hundred', 'Thousand', 'Million', 'Billion', 'Trillion', 'Dozen',
  'Hundreds', 'Thousands', 'Millions', 'Billions', 'Dozens',
  'AI', 'API', 'APIs', 'GDP', 'CEO', 'CEOs', 'CFO', 'CFOs', 'CTO', 'CTOs', 'COO', 'RMB', 'USD', 'EUR', 'TV', 'TVs', 'PC', 'PCs', 'ID',
  'IDs', 'IT', 'PR', 'FAQ', 'PhD', 'Q', 'A',
  // Acronyms of common nouns (terms of trade, technology, finance, medicine): written in capitals, named nothing.
  'AML', 'KYC', 'VoIP', 'ISP', 'ISPs', 'VPN', 'VPNs', 'URL', 'URLs', 'HTML', 'HTTP', 'HTTPS', 'SQL', 'GPS', 'ATM', 'ATMs', 'DNA',
  'RNA', 'PDF', 'PDFs', 'SMS', 'IPO', 'IPOs', 'ROI', 'KPI', 'KPIs', 'SaaS', 'ASAP', 'FYI', 'DIY', 'GPU', 'GPUs', 'CPU', 'CPUs',
  'RAM', 'SSD', 'USB', 'LED', 'LEDs', 'LCD', 'OS', 'P2P', 'DDoS', 'OTP', 'PIN', 'SIM', 'QR', 'VR', 'AR', 'ML', 'LLM', 'LLMs',
  'NFT', 'NFTs', 'ETF', 'ETFs', 'CO2', 'HR', 'QA', 'UX', 'UI', 'IoT', 'EV', 'EVs', 'ESG', 'FDI', 'GMO', 'GMOs', 'MBA', 'MRI',
  'ICU', 'ER', 'IQ', 'DJ', 'MC', 'PhDs', 'SUV', 'SUVs', 'ICBM', 'ICBMs', 'WMD', 'CSV', 'JSON', 'XML', 'RSS', 'AGI', 'ETL', 'NLP',
  // Currencies, which name no body or place ("20 Euros").
  'Euro', 'Euros',
  // Units of temperature ("40 degrees Celsius").
  'Celsius', 'Fahrenheit',
  // Times of day and zones after a figure ("4 AM", "9 PM ET").
  'AM', 'PM', 'ET', 'PT', 'EST', 'EDT', 'PST', 'PDT', 'GMT', 'UTC',
  // Backchannel and hesitation as speech transcripts write them, at a sentence's start or alone.
  'Mhmm', 'Mmhmm', 'Mhm', 'Hmm', 'Hm', 'Mm', 'Mmm', 'Um', 'Umm', 'Uh', 'Uhm', 'Huh', 'Ah', 'Aha', 'Ahh', 'Er', 'Erm', 'Eh', 'Ooh',
  'Whoa', 'Yep', 'Yup', 'Nope', 'Nah', 'Yay', 'Gosh', 'Geez', 'Jeez', 'Alright',
])
// Capitalised words of idioms, eponyms and forms of address ("Your Honor"), not entities of the conversation.
export const IDIOMS = [['sword', 'of', 'Damocles'], ['Venn', 'diagram'], ['Achilles', 'heel'], ['Trojan', 'horse'], ['Pandora', '’', 's'], ['Ponzi', 'scheme'],
  ...['Your', 'your'].flatMap((your) => ['Honor', 'Honour', 'Excellency', 'Majesty', 'Highness', 'Grace', 'Holiness'].map((form) => [your, form]))]
export const IDIOM_STARTS = new Set(IDIOMS.map((w) => w[0] as string))
export const ORG_WORDS = new Set(['Inc', 'Corp', 'Corporation', 'Company', 'Co', 'Ltd', 'LLC', 'Group', 'Holdings', 'Agency', 'Ministry', 'Department',
  'Bureau', 'Council', 'Committee', 'Commission', 'Administration', 'Office', 'University', 'Institute', 'Institution', 'Center',
  'Centre', 'Bank', 'Fund', 'Foundation', 'Association', 'Party', 'Survey', 'Service', 'Services', 'Authority', 'Board', 'Army', 'Navy', 'Force',
  'Times', 'Post', 'Journal', 'Review', 'News', 'Daily', 'Herald', 'Tribune', 'Gazette', 'Chronicle', 'Telegraph', 'Inquirer', 'Courier', 'Technologies', 'Technology', 'Materials', 'Motors', 'Semiconductor', 'Electronics',
  'Brothers', 'Bros', 'Partners', 'Capital', 'Securities', 'Airlines', 'Airways', 'Systems', 'Labs', 'Media', 'Studios', 'Network',
  'Networks', 'Pictures', 'Records', 'Industries', 'Enterprises', 'Solutions', 'Pharmaceuticals', 'Club', 'FC', 'Reserve', 'Exchange',
  'League', 'Federation', 'Union', 'Alliance', 'Organisation', 'Organization', 'Assembly', 'Parliament', 'Congress', 'Senate', 'Court',
  'Tribunal', 'Police', 'Church', 'Hospital', 'School', 'College', 'Academy', 'Museum', 'Orchestra', 'Society', 'Trust', 'Coalition',
  'Front', 'Movement', 'Cabinet', 'Government', 'Embassy', 'Secretariat', 'Corps', 'Guard'])
export const LAW_WORDS = new Set(['Act', 'Acts', 'Treaty', 'Treaties', 'Rule', 'Rules', 'Accords', 'Accord', 'Agreement', 'Agreements', 'Law', 'Directive', 'Regulation',
  'Regulations', 'List', 'Convention', 'Conventions', 'Protocol', 'Protocols', 'Arrangement', 'Order', 'Amendment', 'Code', 'Bill'])
export const LAW_NOUNS = new Set(['act', 'law', 'laws', 'bill', 'rule', 'rules', 'regulation', 'regulations', 'reform', 'reforms', 'statute', 'provisions', 'requirements'])
// Words that end the name of a place: "Wall Street", "Tiananmen Square", "Persian Gulf".
export const PLACE_WORDS = new Set(['Street', 'Square', 'Avenue', 'Road', 'Boulevard', 'River', 'Lake', 'Mountains', 'Island', 'Islands', 'Bay',
  'Valley', 'Coast', 'Sea', 'Ocean', 'Gulf', 'Peninsula', 'Strait', 'Straits', 'Canal', 'Desert', 'County', 'Province', 'Region', 'Heights', 'City', 'Republic', 'Kingdom', 'Territory', 'Territories',
  'Basin', 'Delta', 'Plateau', 'Hills', 'Mountain', 'Forest', 'Harbor', 'Harbour', 'Airport', 'Stadium', 'Arena', 'Bridge', 'Beach', 'Canyon', 'Falls', 'Course', 'Area'])
// "St. Louis", "Mt. Kenya", "Ft. Worth": abbreviations that open a place's name, full stop and all.
export const NAME_ABBREVIATIONS = new Set(['St', 'Ste', 'Mt', 'Ft'])
// "Several Airlines", "Other Technologies": a word that counts or sorts common nouns opens no firm's name.
export const QUANTIFYING = new Set(['several', 'other', 'many', 'some', 'most', 'few', 'various', 'numerous', 'certain', 'such', 'more', 'major', 'leading',
  'top', 'big', 'large', 'small', 'local', 'foreign', 'domestic', 'private', 'public', 'critical', 'key', 'advanced', 'new', 'old', 'rare'])
// The last word of a firm's name (a subset of ORG_WORDS): "Lucid Motors", "Applied Materials".
export const FIRM_ENDINGS = new Set(['Inc', 'Corp', 'Corporation', 'Holdings', 'Technologies', 'Materials', 'Motors', 'Semiconductor', 'Electronics', 'Airlines', 'Airways',
  'Systems', 'Industries', 'Enterprises', 'Solutions', 'Pharmaceuticals', 'Networks', 'Labs', 'Partners', 'Securities', 'Capital'])
// "East Jerusalem", "Northern Ireland", "South Korea": a compass word before a known place.
export const COMPASS = new Set(['north', 'south', 'east', 'west', 'northern', 'southern', 'eastern', 'western', 'central', 'upper', 'lower', 'inner', 'outer'])
export const EVENT_WORDS = new Set(['Summit', 'Conference', 'War', 'Crisis', 'Games', 'Olympics', 'Forum', 'Revolution', 'Talks', 'Election',
  'Cup', 'Championship', 'Championships', 'Tournament', 'Open', 'Tour', 'Series', 'Classic', 'Prix', 'Day', 'Festival', 'Marathon', 'Expo'])
// Holidays whose names hold no word for an event: an organisation or a person by the other rules.
export const HOLIDAYS = new Set(['christmas', 'christmas eve', 'easter', 'thanksgiving', 'halloween', 'hanukkah', 'chanukah', 'passover', 'ramadan', 'eid',
  'diwali', 'new year', 'lunar new year', 'chinese new year', 'kwanzaa', 'yom kippur', 'rosh hashanah', 'good friday', 'black friday',
  'cyber monday', 'juneteenth', 'hogmanay', 'mardi gras', 'lent', 'nowruz', 'holi', 'vesak', 'songkran', 'oktoberfest', 'black history month', 'pride month'])
export const TITLES = new Set(['Mr', 'Mrs', 'Ms', 'Dr', 'President', 'Senator', 'Secretary', 'Minister', 'Chairman', 'Chair', 'General',
  'Premier', 'Governor', 'Ambassador', 'Professor', 'Prof', 'Representative', 'Rep', 'Sen', 'Gov', 'Judge', 'Justice', 'Vice',
  'King', 'Queen', 'Prince', 'Princess', 'Duke', 'Lord', 'Sir', 'Dame', 'Pope', 'Cardinal', 'Bishop', 'Archbishop', 'Rabbi', 'Sheikh',
  'Emir', 'Sultan', 'Chancellor', 'Mayor', 'Commissioner', 'Director', 'Deputy', 'Coach', 'Captain', 'Colonel', 'Lieutenant',
  'Sergeant', 'Admiral', 'Marshal', 'Attorney', 'Chief', 'Speaker', 'Member', 'Ranking', 'Congressman', 'Congresswoman',
  'Councilmember', 'Councilman', 'Councilwoman', 'Assemblymember', 'Assemblyman', 'Assemblywoman', 'Supervisor', 'Alderman', 'Leader', 'Whip',
  'Doctor', 'Detective', 'Inspector', 'Reverend', 'Rev', 'Pastor'])
// The last word of a job ("Chief Privacy Officer", "Senior Software Engineer").
export const JOB_NOUNS = new Set(['Officer', 'Engineer', 'Manager', 'Scientist', 'Analyst', 'Architect', 'Designer', 'Developer', 'Consultant',
  'Advisor', 'Adviser', 'Researcher', 'Specialist', 'Coordinator', 'Strategist', 'Economist', 'Editor', 'Correspondent', 'Reporter',
  'Producer', 'Founder', 'Co-founder', 'Cofounder', 'Fellow', 'Lead', 'Head', 'Counsel', 'Evangelist', 'Technologist', 'Administrator'])
// Parties and seats written before a person's full name.
export const PERSON_PREFIXES = new Set(['Republican', 'Democrat', 'Democratic', 'GOP', 'Conservative', 'Tory', 'Labour', 'Liberal', 'Independent',
  'Libertarian', 'Socialist', 'Communist', 'MP', 'MEP', 'MSP', 'MLA', 'TD'])
// Words that open a law's name in lower case before it ("the open America's waters Act"): where
// speech-to-text lowercases a bill's name, it runs back to its article.
export const DETERMINERS = new Set(['the', 'a', 'an', 'this', 'that', 'these', 'those', 'his', 'her', 'their', 'our', 'its', 'my', 'your'])
export const ORG_NOUNS_AFTER = new Set(['agency', 'news', 'newspaper', 'daily', 'weekly', 'magazine', 'radio', 'television', 'broadcaster',
  'club', 'airline', 'carrier', 'company', 'firm', 'group', 'conglomerate', 'subsidiary', 'brokerage', 'bank', 'insurer',
  'automaker', 'carmaker', 'retailer', 'newsletter', 'network', 'party', 'union', 'movement', 'CEO', 'shareholders',
  'executives', 'employees', 'spokesman', 'spokeswoman', 'spokesperson'])
// "Apple shares fell", "Jones stock closed": a firm's, where "Fei-Fei shares a brief history" is a verb.
export const MARKET_NOUNS_AFTER = new Set(['shares', 'stock'])
// The name lists keep given names of three letters or more; these short ones head a full name only.
export const SHORT_GIVEN = new Set(['Al', 'Ed', 'Jo', 'Bo', 'Cy', 'Ty'])
// The words that end a firm's registered name.
export const LEGAL_SUFFIXES = new Set(['Inc', 'Corp', 'Co', 'Ltd', 'LLC', 'LLP', 'LP', 'Plc', 'PLC', 'AG', 'SA', 'NV', 'GmbH'])
export const GENERATIONAL = new Set(['Jr', 'Sr', 'II', 'III', 'IV'])
export const SAY_VERBS = new Set(['said', 'says', 'saying', 'argued', 'argues', 'thinks', 'told', 'wrote', 'believes', 'tweeted', 'campaigned',
  'goes', 'wants', 'complained', 'complaining', 'admitted', 'insisted',
  // What people, rarely firms, do in talk about talk: "Thompson disagrees", "Rasser recalled".
  'agrees', 'agreed', 'disagrees', 'disagreed', 'recalls', 'recalled', 'wonders', 'wondered', 'laughed', 'replied', 'asks', 'asked',
  'feels', 'felt', 'remembers', 'remembered', 'thought', 'explains', 'explained', 'suggests', 'suggested'])
// Weak evidence ("from Trump 1 to Biden" names people): any stronger cue on another mention wins.
export const PLACE_PREPOSITIONS = new Set(['in', 'from', 'to', 'across', 'into', 'throughout', 'near'])
export const CONNECTORS = new Set(['of', 'and', 'for', 'on', 'de', '&'])
export const CONTRACTIONS = new Set(['t', 're', 'll', 've', 'd', 'm'])
// Months and weekdays in any case ("AUGUST", "FRIDAY" in a headline), and month abbreviations.
export const CALENDAR_WORDS = new Set(['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october',
  'november', 'december', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'feb', 'apr', 'aug', 'sept',
  'oct', 'nov', 'dec'])
// Particles inside a person's or place's name: "Joost van der Westhuizen", "Joaquin del Olmo".
export const NAME_PARTICLES = new Set(['van', 'der', 'den', 'von', 'del', 'della', 'da', 'di', 'du', 'dos', 'das', 'bin', 'ibn', 'al', 'el', 'le', 'la', 'ul', 'ur', 'ud', 'sur', 'en'])
