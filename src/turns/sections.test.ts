import { describe, expect, test } from 'vitest'
import { classifySections, isBrandPitch, isPromo, isSponsorRead, isTranscriptNote } from './sections.js'

describe('isPromo', () => {
  test.each([
    { id: 'substack reader-supported', text: 'ChinaTalk is a reader-supported publication. To receive new posts and support my work, consider becoming a free or paid subscriber.', promo: true },
    { id: 'sponsor read', text: 'This episode is brought to you by Acme.', promo: true },
    { id: 'show notes line', text: 'What the new export controls do, and how on earth China plans to enforce them,', promo: false },
    { id: 'a show sponsored by a firm', text: 'And this podcast is sponsored by Hindenburg Pro.', promo: true },
    { id: 'a call to subscribe in German', text: 'Abonniert den Podcast und lasst eine Bewertung da!', promo: true },
    { id: 'a call to subscribe in Spanish', text: 'Suscríbete al canal para más episodios.', promo: true },
    { id: 'a word that only contains one', text: 'The Abonnierens family sold the farm.', promo: false },
    // A hearing's bills are sponsored too (realworld-dev/politicopro-senate-judiciary-antitrust-2025-06-24.txt, a hard-wrapped line).
    { id: 'a bill co-sponsored by a senator', text: 'of and that\'s been co sponsored by my Ranking Member, Senator Booker', promo: false },
    { id: 'a bill sponsored by a member', text: 'The bill is sponsored by Senator Lee and Assemblymember Chau.', promo: false },
    { id: 'legislation sponsored by a body', text: 'It is a piece of legislation sponsored by the Chamber of Commerce.', promo: false },
    { id: 'a call to rate and review', text: 'If you enjoyed this episode, please rate and review us on Apple Podcasts.', promo: true },
    { id: 'a call to follow, wherever you listen', text: 'Follow the show on Spotify, or wherever you get your podcasts.', promo: true },
    { id: 'a review of a rate, not a call', text: 'The Fed will review the rate and review its guidance in June.', promo: false },
    { id: 'long essay paragraph that mentions subscribers', text: `${'The market for satellite broadband now has millions of subscribers across rural areas. '.repeat(12)}`, promo: false },
  ])('$id', ({ text, promo }) => {
    expect(isPromo(text)).toBe(promo)
  })
})

describe('a note on the transcript itself', () => {
  test.each([
    { text: 'This is a transcript of Lex Fridman Podcast #999 with Chris Miller.', note: true },
    { text: 'This is a rush transcript. Copy may not be in its final form.', note: true },
    { text: '*This transcript has been edited for length and clarity.*', note: true },
    { text: 'Transcripts are machine-generated and may contain errors.', note: true },
    { text: 'Note: this transcript was generated automatically.', note: true },
    { text: 'The transcript was edited by the White House to remove the call.', note: false },
    { text: 'The transcripts of the hearing show that he knew.', note: false },
    { text: 'The transcript is wrong, I think.', note: false },
  ])('$text: $note', ({ text, note }) => {
    expect(isTranscriptNote(text)).toBe(note)
  })
})

const essay = Array.from({ length: 4 }, () => 'International norms often develop through customary international law, which consists of rules derived from the consistent conduct of states acting out of a sense of legal obligation. '.repeat(3))

describe('a sponsor read', () => {
  test('is two calls to action, a discount written out in words among them', () => {
    expect(isSponsorRead('Use code CHINA for 20 percent off at shop.chinatalk.media.')).toBe(true)
    expect(isSponsorRead('Exports fell 20 percent off the peak, the code says.')).toBe(false)
  })
})

describe('a sponsor read in another language', () => {
  test.each([
    { id: 'German', text: 'Bevor wir anfangen: Diese Folge wird unterstützt von Squarespace. Geh auf squarespace.com/podcast.' },
    { id: 'French', text: 'Cet épisode est présenté par Squarespace, le site pour créer le vôtre.' },
    { id: 'Spanish', text: 'Antes de empezar, este episodio está patrocinado por Squarespace.' },
    { id: 'Portuguese', text: 'Este episódio é patrocinado pela Squarespace.' },
    { id: 'Italian', text: 'Questo episodio è sponsorizzato da Squarespace.' },
    { id: 'Dutch', text: 'Deze aflevering wordt mogelijk gemaakt door Squarespace.' },
    { id: 'German, the partner named', text: 'Unser heutiger Werbepartner ist Squarespace.' },
    { id: 'French, the partner named', text: 'Un mot de notre partenaire du jour : Squarespace.' },
    { id: 'Chinese', text: '本期节目由某某咖啡独家赞助播出，关注公众号领取优惠。' },
    { id: 'Japanese', text: 'この番組は、スクエアスペースの提供でお送りします。' },
    { id: 'Korean', text: '이 방송은 스퀘어스페이스의 후원으로 제작되었습니다.' },
  ])('$id', ({ text }) => {
    expect(isSponsorRead(text)).toBe(true)
  })

  test('and not a sentence that only mentions a sponsor or an episode', () => {
    expect(isSponsorRead('Die Folge über Sponsoren im Fußball war lang.')).toBe(false)
    expect(isSponsorRead('El episodio de ayer fue patrocinado por nadie, dijo el ministro.')).toBe(false)
    expect(isSponsorRead('我们感谢美国政府的支持，但本期节目讨论的是稀土。')).toBe(false)
  })
})

describe('a pitch read without a cue or a code', () => {
  const pitch = 'Running a small team is hard. Ledgerly knows that your books are more than numbers; they are your business. '
    + 'I use Ledgerly every week. Whether you\'re sending invoices, offering premium benefits to your people, or paying contractors abroad, '
    + 'Ledgerly makes it easy, with simple software and 24/7 support from experts. That is why your team will love it. Ledgerly, for your business.'
  test('is a sponsor read', () => {
    expect(isBrandPitch(pitch)).toBe(true)
    expect(isSponsorRead(pitch)).toBe(true)
  })
  test.each([
    ['a policy argument with a company named three times', 'Huawei is the test case. If you look at what Huawei did after 2019, you see a firm that rebuilt its supply chain; your view of the controls depends on whether you think Huawei can keep doing that at scale, and the benefits are easy to overstate.'],
    ['advice to listeners without a brand', 'If you are a founder, your first hire matters more than your second. You should hire slowly, fire quickly, and keep your burn simple. Experts will tell you it is easy; it is not, and the benefits come late.'],
  ])('is not: %s', (_id, text) => {
    expect(isBrandPitch(text)).toBe(false)
  })
})

describe('classifySections', () => {
  test.each([
    { id: 'long run before the transcript is an article', texts: essay, position: 'before' as const, expected: [['article', 'en']] },
    { id: 'short run before the transcript is show notes', texts: ['We discuss…', 'How rare earths friendshoring could undermine China’s leverage.'], position: 'before' as const, expected: [['show-notes', 'en']] },
    { id: 'short run after the transcript is other', texts: ['Edited by Ann Lee.'], position: 'after' as const, expected: [['other', 'en']] },
    { id: 'another language is not show notes', texts: ['在中国,传统上有几个高危职业,像矿工、消防员、一线施工爆破人员。'], position: 'before' as const, expected: [['other', 'zh']] },
    { id: 'a script change splits the run', texts: ['评价: 推荐', ...essay], position: 'before' as const, expected: [['other', 'zh'], ['article', 'en']] },
  ])('$id', ({ texts, position, expected }) => {
    const sections = classifySections(texts, { transcriptLanguage: 'en', position })
    expect(sections.map((s) => [s.kind, s.language])).toEqual(expected)
    expect(sections.map((s) => s.text).join('\n\n')).toBe(texts.join('\n\n'))
  })
})
