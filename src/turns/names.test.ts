import { describe, expect, test } from 'vitest'
import { displayName, isRoleName, nameKey, placeholderId, surnameId, withoutTitles } from './names.js'
import { assignSpeakerIds } from './speaker-ids.js'
import type { RosterMember } from './roster.js'

describe('surnameId', () => {
  test.each([
    { id: 'surname', name: 'Chris McGuire', expected: 'mcguire' },
    { id: 'capitals', name: 'CHRIS MILLER', expected: 'miller' },
    { id: 'ascii folding', name: 'José Núñez', expected: 'nunez' },
    { id: 'suffix dropped', name: 'Martin Luther King Jr.', expected: 'king' },
    { id: 'single name', name: 'Sarah', expected: 'sarah' },
    { id: 'an initial is no surname', name: 'Jordan S.', expected: 'jordan-s' },
    { id: 'a numbered voice keeps its word', name: 'Participant 3', expected: 'participant-3' },
    { id: 'non-person label', name: 'Jingle', expected: 'jingle' },
    { id: 'placeholder underscore', name: 'SPEAKER_1', expected: 'speaker-1' },
    { id: 'placeholder spaced', name: 'Speaker 2', expected: 'speaker-2' },
    { id: 'unknown', name: 'Unknown', expected: 'unknown' },
    { id: 'no latin letters', name: '主持人', expected: '主持人' },
  ])('$id', ({ name, expected }) => {
    expect(surnameId(name)).toBe(expected)
  })
})

test.each([
  { id: 'capitals are title-cased, Mc with a capital after it', label: 'CHRIS MCGUIRE', expected: 'Chris McGuire' },
  { id: 'mixed case kept', label: 'Chris McGuire', expected: 'Chris McGuire' },
  { id: 'initials kept', label: 'JS', expected: 'JS' },
  { id: 'initials with their stops kept', label: 'J.S.', expected: 'J.S.' },
  { id: 'a short name in capitals is a name', label: 'BOB', expected: 'Bob' },
  { id: 'a hearing record\'s surname in capitals after a title', label: 'Chairman GRASSLEY', expected: 'Chairman Grassley' },
  { id: 'a surname prefix kept as written', label: 'Mr. McGUIRE', expected: 'Mr. McGuire' },
  { id: 'a title in capitals after "The"', label: 'The SPEAKER pro tempore', expected: 'The Speaker pro tempore' },
  { id: 'an acronym after a name kept', label: 'Sen. Mike Lee (R-UT)', expected: 'Sen. Mike Lee (R-UT)' },
])('displayName: $id', ({ label, expected }) => {
  expect(displayName(label)).toBe(expected)
})

test.each([
  { label: 'Hon. Pierre Poilievre', expected: 'Pierre Poilievre' },
  { label: 'Right Hon. Justin Trudeau', expected: 'Justin Trudeau' },
  { label: 'Shri Rahul Gandhi', expected: 'Rahul Gandhi' },
  { label: 'Senator Elizabeth Warren', expected: 'Elizabeth Warren' },
  { label: 'Dr. Fei Fei Li', expected: 'Fei Fei Li' },
  { label: 'Mr. Nebenzia', expected: 'Mr. Nebenzia' },
  { label: 'The President', expected: 'The President' },
  { label: 'The Speaker pro tempore', expected: 'The Speaker pro tempore' },
  { label: 'Chris Miller', expected: 'Chris Miller' },
  { label: 'M. Gabriel Attal', expected: 'Gabriel Attal' },
  { label: 'Präsidentin Bärbel Bas', expected: 'Bärbel Bas' },
])('withoutTitles: $label → $expected', ({ label, expected }) => {
  expect(withoutTitles(label)).toBe(expected)
})

test('isRoleName: roles and numbered voices name no one; names do', () => {
  expect(['Host', 'The CHAIRMAN', 'Participant 3', 'Caller 2', 'P1', 'INT2', 'P', 'R.', 'Frage', 'Antwort', 'Respuesta', 'Réponse'].filter((n) => !isRoleName(n))).toEqual([])
  expect(['Chris Miller', 'Miller', 'Jordan S.', 'Malcolm X'].filter(isRoleName)).toEqual([])
})

test('nameKey folds case, accents and spacing so label spellings meet', () => {
  expect(nameKey('  JOSÉ   Núñez ')).toBe(nameKey('José Nunez'))
  expect(placeholderId('Alban')).toBeUndefined()
})

test.each(['SPEAKER_01', 'Speaker 1', 'spk_1', 'Sprecher 1', 'Intervenant 1', 'Hablante 1', 'Orador 1', 'Spreker 1', '发言人 1', '話者1', '화자 1'])(
  'placeholderId: %s is the numbered voice speaker-1', (label) => {
    expect(placeholderId(label)).toBe('speaker-1')
  },
)

describe('assignSpeakerIds', () => {
  const member = (name: string): RosterMember => ({ key: nameKey(name), name, role: 'unknown' })
  test.each([
    { id: 'shared first name stays apart', names: ['Chris McGuire', 'Chris Miller'], ids: ['mcguire', 'miller'] },
    { id: 'shared surname gets the given name', names: ['John Smith', 'Jane Smith', 'Chris Miller'], ids: ['smith-john', 'smith-jane', 'miller'] },
    { id: 'same full name twice gets a counter', names: ['John Smith', 'John Smith'], ids: ['smith-john', 'smith-john-2'] },
  ])('$id', ({ names, ids }) => {
    const members = names.map(member)
    const assigned = assignSpeakerIds(members)
    expect(members.map((m) => assigned.get(m))).toEqual(ids)
  })
})
