import { describe, expect, test } from 'vitest'
import { detectInlineLabel, detectLabel, startsUnlabelledTurn } from './labels.js'

describe('detectInlineLabel', () => {
  test.each([
    { id: 'full name', text: 'Chris Miller: The impact of how…', name: 'Chris Miller' },
    { id: 'capitals', text: 'CHRIS MCGUIRE: Last night', name: 'CHRIS MCGUIRE' },
    { id: 'placeholder with underscore', text: 'SPEAKER_1: hello', name: 'SPEAKER_1' },
    { id: 'placeholder with number', text: 'Speaker 2: hello', name: 'Speaker 2' },
    { id: 'particle inside a name', text: 'Ursula von der Leyen: We will', name: 'Ursula von der Leyen' },
    { id: 'accented name', text: 'José Núñez: Hola', name: 'José Núñez' },
    { id: 'apostrophe name', text: 'Conan O’Brien: Hi', name: 'Conan O’Brien' },
    { id: 'label alone on its line', text: 'Ryan:', name: 'Ryan' },
    { id: 'space before colon', text: 'Alban : hi', name: 'Alban' },
    { id: 'han label with full-width colon', text: '主持人：你好', name: '主持人' },
    { id: 'han candidate (roster decides)', text: '评价: 推荐', name: '评价' },
    { id: 'katakana name with the long-vowel mark', text: 'ミラー氏：ありがとうございます。', name: 'ミラー氏' },
    { id: 'katakana full name with the middle dot', text: 'ジョーダン・シュナイダー：ようこそ。', name: 'ジョーダン・シュナイダー' },
  ])('$id', ({ text, name }) => {
    const label = detectInlineLabel(text)
    expect(label?.name).toBe(name)
    expect(text.slice(label!.length)).toBe(text.slice(text.indexOf(name) + name.length).replace(/^\s*[:：]\s*/, ''))
  })

  test.each([
    { id: 'name and affiliation in mixed case (event transcripts)', text: 'Chris Miller, Tufts University: Thanks for having me.', name: 'Chris Miller', rest: 'Thanks for having me.' },
    { id: 'name and an acronym', text: 'Ann Lee, CSIS: Hi.', name: 'Ann Lee', rest: 'Hi.' },
    { id: 'name and description (public radio)', text: 'JOHN RUWITCH, BYLINE: The new rules', name: 'JOHN RUWITCH', rest: 'The new rules' },
    { id: 'name, party and description', text: 'SEN. BERNIE SANDERS (D-VT), PRESIDENTIAL CANDIDATE: Well', name: 'SEN. BERNIE SANDERS', rest: 'Well' },
    { id: 'description, then how the voice is heard (CNN)', text: 'KYLIE ATWOOD, CNN CORRESPONDENT (voice-over): The ministry', name: 'KYLIE ATWOOD', rest: 'The ministry' },
    { id: 'a description ending in a quoted title', text: 'CHRIS MILLER, AUTHOR, "CHIP WAR": Thanks.', name: 'CHRIS MILLER', rest: 'Thanks.' },
  ])('broadcast label: $id', ({ text, name, rest }) => {
    const label = detectInlineLabel(text)
    expect(label?.name).toBe(name)
    expect(text.slice(label!.length)).toBe(rest)
  })

  test.each([
    { id: 'address with comma', text: 'Chris Miller, what’s the potential industry impact?' },
    { id: 'mention mid-sentence', text: 'As Chris said: the controls are broad.' },
    { id: 'lowercase sentence before a colon', text: 'Article II’s clause can be interpreted in two different ways:' },
    { id: 'no space after colon (URL-like)', text: 'Re:Invent is a conference' },
    { id: 'editorial note', text: 'Note: this transcript was edited.' },
    { id: 'name without colon', text: 'Jordan Schneider If China wanted…' },
    { id: 'a description after a name not in capitals', text: 'Well, I think: yes.' },
    { id: 'a description after one word in capitals', text: 'WELL, I SAID: NO.' },
    { id: 'a sentence listing places, in mixed case', text: 'New York, Boston and Chicago: all of them.' },
    { id: 'a sentence opening with a capitalised word', text: 'In Washington, Beijing and Tokyo: the same story.' },
    { id: 'an address, then a question', text: 'Chris Miller, what do you think: yes or no?' },
    { id: 'a case caption ending in a comma and spaces', text: 'HUMAN SERVICES, ET AL.,                             :' },
    { id: 'a numbered episode (a title)', text: 'Episode 12: Rare earths and leverage' },
    { id: 'a numbered part in Roman numerals', text: 'Part II: The response' },
    { id: 'a numbered chapter', text: 'Chapter 3: Gallium' },
    { id: 'empty', text: '' },
  ])('not a label: $id', ({ text }) => {
    expect(detectInlineLabel(text)).toBeUndefined()
  })
})

describe('roles a label states', () => {
  test('reads a role in brackets or parentheses after any name', () => {
    expect(detectInlineLabel('Chris Miller [guest]: Thanks.')).toEqual({ name: 'Chris Miller', length: 22, role: 'guest' })
    expect(detectInlineLabel('Jordan Schneider (co-host): Hi.')).toEqual({ name: 'Jordan Schneider', length: 28, role: 'host' })
    expect(detectInlineLabel('Chris Miller (Tufts): Thanks.')).toEqual({ name: 'Chris Miller', length: 22 })
  })

  test('reads the role, a dash, then the person', () => {
    expect(detectInlineLabel('Host - Jordan Schneider: Welcome.')).toEqual({ name: 'Jordan Schneider', length: 25, role: 'host' })
    expect(detectInlineLabel('Guest – Chris Miller: Thanks.')).toEqual({ name: 'Chris Miller', length: 22, role: 'guest' })
    expect(detectInlineLabel('Note - Jordan: see the link.')).toBeUndefined()
  })

  test.each([
    { text: 'AILSA CHANG, HOST:', role: 'host' },
    { text: 'JANE DOE, CO-HOST: Welcome.', role: 'host' },
    { text: 'JANE DOE, GUEST HOST: Welcome.', role: 'host' },
    { text: 'JOHN DOE, GUEST: Thanks.', role: 'guest' },
    { text: 'WOLF BLITZER, CNN ANCHOR: Breaking news.', role: 'host' },
    { text: 'CHUCK TODD, "MEET THE PRESS" MODERATOR: Welcome.', role: 'host' },
    { text: 'MANU RAJU, CNN CHIEF CONGRESSIONAL CORRESPONDENT: Well.', role: undefined },
    { text: 'JOHN RUWITCH, BYLINE: The rules.', role: undefined },
    { text: 'Ailsa Chang: Host of the show.', role: undefined },
  ])('$text: $role', ({ text, role }) => {
    expect(detectInlineLabel(text)?.role).toBe(role)
  })
})

describe('a voice in parentheses in captions', () => {
  test.each([
    ['(JORDAN) Welcome.', 'JORDAN'], ['(KELLY) Hi there.', 'KELLY'], ['(TED) Hello.', 'TED'], ['(MOHAMMED) Fine.', 'MOHAMMED'],
    ['(WHISPERING) Are we live?', null], ['(SOFTLY) Okay.', null], ['(IN SPANISH) Hola.', null], ['(V.O.) Meanwhile.', null], ['(MUFFLED) What?', null],
  ])('%s → %s', (text, name) => {
    expect(detectLabel(text, true)?.name ?? null).toBe(name)
    // Outside captions, a parenthesis opening a paragraph is an aside.
    expect(detectLabel(text, false)).toBeUndefined()
  })
})

describe('startsUnlabelledTurn', () => {
  test.each([
    { id: 'capital after the name', text: 'Jordan Schneider If China wanted', strip: 17 },
    { id: 'quote after the name', text: 'Jordan Schneider “Well,” he said', strip: 17 },
    { id: 'lowercase verb after the name', text: 'Jordan Schneider said that', strip: 0 },
    { id: 'comma after the name', text: 'Jordan Schneider, you should', strip: 0 },
    { id: 'possessive', text: 'Jordan Schneider’s show', strip: 0 },
    { id: 'name alone', text: 'Jordan Schneider', strip: 0 },
    { id: 'affiliation in brackets (a guest list)', text: 'Jordan Schneider (ChinaTalk) hosts', strip: 0 },
  ])('$id', ({ text, strip }) => {
    expect(startsUnlabelledTurn(text, 'Jordan Schneider'.length)).toBe(strip)
  })
})
