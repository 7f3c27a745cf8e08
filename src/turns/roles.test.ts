import { describe, expect, test } from 'vitest'
import type { Paragraph } from '../transcript/types.js'
import { splitTurns } from './split-turns.js'
import type { SpeakerHint } from './types.js'

const lines = (...texts: string[]): Paragraph[] => texts.map((text) => ({ text }))
const roles = (paragraphs: Paragraph[], speakers?: SpeakerHint[]) =>
  Object.fromEntries(splitTurns(paragraphs, { speakers }).speakers.map((s) => [s.id, s.role]))

describe('speaker roles from what is said', () => {
  test('the host welcomes and introduces, the guest thanks them for having them', () => {
    expect(roles(lines(
      'Jordan Schneider: Welcome to ChinaTalk. Today we are talking about rare earths.',
      'Chris Miller: Thanks for having me, Jordan.',
      'Jordan Schneider: What did Beijing announce?',
      'Chris Miller: New licensing rules.',
    ))).toEqual({ schneider: 'host', miller: 'guest' })
  })

  test('guests the host names in the introduction are guests; a co-host named there is a host', () => {
    // The Changelog's opening (realworld-dev/changelog-the-changelog-230.md), shortened.
    expect(roles(lines(
      'Adam Stacoviak: Welcome back everyone, this is The Changelog and I\'m your host, Adam Stacoviak. Today, with my co-host Jerod Santo, we\'re talking to Aidan Feldman and Hillary Hartley.',
      'Jerod Santo: Let us start with 18F.',
      'Aidan Feldman: Sure.',
      'Hillary Hartley: It began in 2014.',
      'Adam Stacoviak: Go on.',
      'Jerod Santo: And then?',
    ))).toEqual({ stacoviak: 'host', santo: 'host', feldman: 'guest', hartley: 'guest' })
  })

  test('an interviewer opening "The following is a conversation with…" or "Today we have…" is the host, the one named a guest', () => {
    expect(roles(lines(
      'Lex Fridman: The following is a conversation with Chris Miller, author of Chip War.',
      'Chris Miller: Chips matter because every weapon depends on them.',
      'Lex Fridman: Why Taiwan?',
      'Chris Miller: It makes most of them.',
    ))).toEqual({ fridman: 'host', miller: 'guest' })
    expect(roles(lines('Ann Lee: Today we have Bob Ray from Tufts.', 'Bob Ray: Hello.', 'Ann Lee: Why?', 'Bob Ray: Because.')))
      .toEqual({ lee: 'host', ray: 'guest' })
  })

  test('the same phrases in German, French and Spanish', () => {
    expect(roles(lines('Anna Schmidt: Herzlich willkommen zu einer neuen Folge.', 'Peter Müller: Danke für die Einladung, Anna.', 'Anna Schmidt: Also?', 'Peter Müller: Nun.')))
      .toEqual({ schmidt: 'host', muller: 'guest' })
    expect(roles(lines('Jean Dupont : Bonjour et bienvenue dans cette émission.', 'Marie Curie : Merci de m\'avoir invitée.', 'Jean Dupont : Alors ?', 'Marie Curie : Eh bien.')))
      .toEqual({ dupont: 'host', curie: 'guest' })
    expect(roles(lines('Ana García: Bienvenidos a un nuevo episodio.', 'Pedro López: Gracias por invitarme, Ana.', 'Ana García: ¿Y?', 'Pedro López: Pues.')))
      .toEqual({ garcia: 'host', lopez: 'guest' })
  })

  test('and in Chinese and Japanese, written without spaces', () => {
    expect(roles(lines('王强：欢迎收听本期节目，我是主持人王强。', '李娜：谢谢邀请，很高兴来到这里。', '王强：中国为什么要这样做？', '李娜：这是回应。')))
      .toEqual({ 王强: 'host', 李娜: 'guest' })
    expect(roles(lines('田中：本日のゲストは佐藤さんです。', '佐藤：お招きいただきありがとうございます。', '田中：では始めます。', '佐藤：はい。')))
      .toEqual({ 田中: 'host', 佐藤: 'guest' })
  })

  test('a sign-off at the end thanks the listeners: a host', () => {
    expect(roles(lines(
      'Aaron van Wirdum: Live from Utrecht.', 'Sjors Provoost: It is cold.', 'Aaron van Wirdum: Indeed.',
      'Sjors Provoost: More on that.', 'Aaron van Wirdum: Right.', 'Sjors Provoost: More.', 'Aaron van Wirdum: Yes.',
      'Sjors Provoost: On.', 'Aaron van Wirdum: And on.', 'Sjors Provoost: Okay.',
      'Aaron van Wirdum: I think that is it.', 'Sjors Provoost: Thank you for listening.',
    ))).toEqual({ wirdum: 'unknown', provoost: 'host' })
  })

  test('a panel\'s moderator is its host', () => {
    expect(roles(lines('Ann Lee: Good morning, I\'ll be moderating today\'s panel on chips.', 'Bob Roe: Glad to be here.', 'Ann Lee: So?', 'Bob Roe: Well.')))
      .toEqual({ lee: 'host', roe: 'guest' })
  })

  test('placeholders get roles too', () => {
    expect(roles(lines(
      'Speaker 1: So, thanks for joining us, Andre.', 'Speaker 2: Happy to be here.', 'Speaker 1: Where did you grow up?', 'Speaker 2: Kyiv.',
    ))).toEqual({ 'speaker-1': 'host', 'speaker-2': 'guest' })
  })

  test('without such a phrase, or with both kinds, the role stays unknown', () => {
    expect(roles(lines(
      'Ann Lee: I am talking to regulators every week about this.', 'Bob Roe: Welcome to the real world.', 'Ann Lee: Quite.', 'Bob Roe: Yes.',
    ))).toEqual({ lee: 'unknown', roe: 'unknown' })
    expect(roles(lines(
      'Ann Lee: Welcome to the show, and thanks for having me on it too.', 'Bob Roe: Sure.', 'Ann Lee: So.', 'Bob Roe: Yes.',
    ))).toEqual({ lee: 'unknown', roe: 'unknown' })
    // A welcome deep into the talk says nothing about who runs the show.
    const filler = Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? 'Ann Lee: Go on.' : 'Bob Roe: Well.'))
    expect(roles(lines(...filler, 'Bob Roe: Thanks for having me on this question.', 'Ann Lee: Sure.', 'Bob Roe: Fine.', 'Ann Lee: Bye.')))
      .toEqual({ lee: 'unknown', roe: 'unknown' })
  })

  test('a role the feed or the label gives is kept', () => {
    expect(roles(lines(
      'Jordan Schneider: Thanks for having me on my own show.', 'Chris Miller: Welcome to ChinaTalk, everyone.', 'Jordan Schneider: Ha.', 'Chris Miller: Yes.',
    ), [{ name: 'Jordan Schneider', role: 'host' }, { name: 'Chris Miller', role: 'guest' }])).toEqual({ schneider: 'host', miller: 'guest' })
    expect(roles(lines('Host: Thanks for having me.', 'Guest: Welcome to the show.', 'Host: So?', 'Guest: Well.')))
      .toEqual({ host: 'host', guest: 'guest' })
  })
})
