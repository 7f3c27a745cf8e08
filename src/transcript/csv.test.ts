import { describe, expect, it } from 'vitest'
import type { Warning } from '../record/index.js'
import { isCsv, readCsv } from './csv.js'
import { readTranscript } from './read-transcript.js'

describe('readCsv', () => {
  it('reads the columns by their names, in any order, with quoted commas and clock or second times', () => {
    const csv = 'Speaker Name,Start Time,End Time,Text\nAnn Lee,00:00:01,00:00:04.500,"Hello, and welcome."\n\nBob Ray,00:00:04.500,,Thanks.\n'
    expect(readCsv(csv)).toEqual([
      { text: 'Hello, and welcome.', speaker: 'Ann Lee', start: 1, end: 4.5, fragment: true },
      { text: 'Thanks.', speaker: 'Bob Ray', start: 4.5, fragment: true },
    ])
    const tsv = 'start\tend\ttranscript\tspeaker\n0.0\t4.2\tWelcome back.\tSPEAKER_00\n4.2\t6\t\tSPEAKER_01\n'
    expect(readCsv(tsv)).toEqual([{ text: 'Welcome back.', speaker: 'SPEAKER_00', start: 0, end: 4.2, fragment: true }])
  })

  it('keeps a row whose time is unreadable, without that time, and says so once', () => {
    const warnings: Warning[] = []
    expect(readCsv('speaker;start;text\nAnn;soon;Hello.\nAnn;1:xx;Again.\n', warnings)).toEqual([
      { text: 'Hello.', speaker: 'Ann', fragment: true }, { text: 'Again.', speaker: 'Ann', fragment: true }])
    expect(warnings).toEqual([{ code: 'CSV_TIMES_DROPPED', message: '2 time(s) that are neither seconds nor a clock time were left out: row 2, start: "soon"' }])
  })

  it('fails naming the header it found when no column holds the text, and when no row does', () => {
    expect(() => readCsv('Foo,Bar\n1,2\n')).toThrow(/no column of text in the header row \("Foo", "Bar"\)/)
    expect(() => readCsv('speaker,text\nAnn,\n')).toThrow(/no row holds text/)
  })

  it('is told from prose by a header naming the text and a speaker or a time', () => {
    expect(isCsv('Speaker,Start,Text\nAnn,0,Hi')).toBe(true)
    expect(isCsv('\uFEFFstart\tend\ttext\n0\t1\tHi')).toBe(true)
    expect(isCsv('Transcript, speaker notes and links\nAnn: Hi.')).toBe(false)
    expect(isCsv('Ann Lee: Hello, and welcome.')).toBe(false)
  })
})

describe('CSV through readTranscript', () => {
  const csv = 'Speaker,Start,Text\nAnn Lee,0,Hello.\nBob Ray,2,Hi.\n'

  it('detects it by content, by name and by content type', () => {
    expect(readTranscript(csv).format).toBe('csv')
    expect(readTranscript(csv.replaceAll(',', '\t'), { fileName: 'episode.tsv' }).format).toBe('csv')
    expect(readTranscript(csv, { contentType: 'text/csv; charset=utf-8' }).format).toBe('csv')
  })

  it('sends a table named .csv without a text column to the CSV reader, which names the problem', () => {
    expect(() => readTranscript('Foo,Bar\n1,2\n', { fileName: 'table.csv' })).toThrow(/table\.csv: not a CSV transcript: no column of text/)
  })
})
