import { readFileSync } from 'node:fs'
import { deserialize, serialize } from 'node:v8'
import { describe, expect, it } from 'vitest'
import { reverseKeys } from '../../tests/helpers/reverse-keys.js'
import { buildRecord, episodeRecordJsonSchema, hasSchemaKeyOrder, isValidatedRecord, recordId, sealTransferred, type EpisodeRecord, type RecordParts } from './index.js'

const parts = (over: Partial<RecordParts> = {}): RecordParts => ({
  episode: {
    guid: 'ep-1', title: 'Rare earths', feedUrl: 'https://example.com/feed.xml', link: null,
    publishedAt: '2025-10-10T00:00:00.000Z', audioUrl: null, durationSeconds: 3600, language: 'en',
  },
  transcript: { source: 'file', format: 'text', url: null, sha256: 'a'.repeat(64), wordCount: 3 },
  speakers: [{ id: 'miller', name: 'Chris Miller', role: 'guest', turnCount: 1, wordCount: 3 }],
  turns: [{ index: 0, speakerId: 'miller', text: 'Rare earths matter.', paragraphs: ['Rare earths matter.'], wordCount: 3 }],
  sections: [],
  entities: [],
  claims: [],
  stageMs: { split: 1 },
  warnings: [],
  processedAt: new Date('2025-10-11T00:00:00Z'),
  ...over,
})

describe('record', () => {
  it('builds a valid record whose id depends only on feed URL and guid', () => {
    const a = buildRecord(parts())
    const b = buildRecord(parts({ processedAt: new Date('2030-01-01T00:00:00Z') }))
    expect(a.id).toBe(b.id)
    expect(a.id).toBe(recordId('https://example.com/feed.xml', 'ep-1'))
    expect(a.id).not.toBe(recordId('https://other.example/feed.xml', 'ep-1'))
    expect(a.id).not.toContain(':')
    expect(a.schemaVersion).toBe('1.5.0')
  })

  it('refuses a record that breaks the contract, naming the field', () => {
    const bad = parts({ turns: [{ index: -1, speakerId: '', text: '', paragraphs: [], wordCount: 0 }] })
    expect(() => buildRecord(bad)).toThrow(/turns/)
  })

  it('marks only the record it built as validated, and freezes it so the mark stays true', () => {
    const record = buildRecord(parts())
    expect(isValidatedRecord(record)).toBe(true)
    expect(() => {
      ;(record.turns[0] as { text: string }).text = ''
    }).toThrow(TypeError)
    expect(record.turns[0]?.text).toBe('Rare earths matter.')
    expect(isValidatedRecord({ ...record })).toBe(false)
    expect(isValidatedRecord(JSON.parse(JSON.stringify(record)))).toBe(false)
  })

  it('neither freezes nor marks an unsealed record, which stores therefore check again', () => {
    const record = buildRecord(parts(), { seal: false })
    expect(isValidatedRecord(record)).toBe(false)
    expect(Object.isFrozen(record)).toBe(false)
    expect(record).toEqual(buildRecord(parts()))
  })

  it('seals a record carried over from another thread only when this schema and pipeline version checked it', () => {
    const carried = deserialize(serialize(buildRecord(parts(), { seal: false }))) as EpisodeRecord
    expect(isValidatedRecord(carried)).toBe(false)
    expect(sealTransferred(carried)).toBe(carried)
    expect(isValidatedRecord(carried)).toBe(true)
    expect(Object.isFrozen(carried.turns[0])).toBe(true)
    const older = { ...buildRecord(parts(), { seal: false }), schemaVersion: '1.2.0' } as unknown as EpisodeRecord
    expect(isValidatedRecord(sealTransferred(older))).toBe(false)
    const otherVersion = buildRecord(parts(), { seal: false })
    const built = { ...otherVersion, provenance: { ...otherVersion.provenance, pipelineVersion: '0.0.1-older' } }
    expect(isValidatedRecord(sealTransferred(built))).toBe(false)
  })

  it('builds every object of a record with its keys sorted, so JSON.stringify writes canonical JSON', () => {
    // Input keys in reverse order: the order comes from the schema's parse, not from the parts.
    for (const seal of [true, false]) {
      const record = buildRecord({ ...reverseKeys(parts()), processedAt: new Date('2026-01-01T00:00:00Z') }, { seal })
      expect(hasSchemaKeyOrder(record)).toBe(true)
      const unsorted: string[] = []
      const visit = (v: unknown, path: string): void => {
        if (Array.isArray(v)) return v.forEach((x, i) => visit(x, `${path}[${i}]`))
        if (v === null || typeof v !== 'object') return
        const keys = Object.keys(v)
        // stageMs is a map whose keys are data, in the order the stages ran.
        if (!path.endsWith('.stageMs') && keys.join() !== [...keys].sort().join()) unsorted.push(path)
        for (const k of keys) visit((v as Record<string, unknown>)[k], `${path}.${k}`)
      }
      visit(record, 'record')
      expect(unsorted).toEqual([])
    }
    // Anything not parsed here keeps whatever order it came with.
    expect(hasSchemaKeyOrder(deserialize(serialize(buildRecord(parts()))))).toBe(false)
    expect(hasSchemaKeyOrder({ ...buildRecord(parts()) })).toBe(false)
  })

  it('publishes a JSON Schema identical to the one generated from the source of truth', () => {
    const committed = JSON.parse(readFileSync(new URL('../../schema/episode-record.schema.json', import.meta.url), 'utf8'))
    expect(committed).toEqual(JSON.parse(JSON.stringify(episodeRecordJsonSchema())))
  })
})

describe('episode language', () => {
  it('is the feed\'s when it gives one, else the language most turn words are spoken in', () => {
    const turn = (index: number, language: string, wordCount: number) => ({ index, speakerId: 'a', text: 'x', paragraphs: ['x'], wordCount, language })
    const base = {
      transcript: { source: 'file' as const, format: 'text' as const, url: null, sha256: null, wordCount: 0 },
      speakers: [{ id: 'a', name: 'A', role: 'unknown' as const, turnCount: 3, wordCount: 60 }],
      sections: [], entities: [], claims: [], stageMs: {}, warnings: [], processedAt: new Date(0),
      turns: [turn(0, 'de', 50), turn(1, 'en', 5), turn(2, 'en', 5)],
    }
    const episode = { guid: 'g', title: null, feedUrl: null, link: null, publishedAt: null, audioUrl: null, durationSeconds: null }
    expect(buildRecord({ ...base, episode: { ...episode, language: null } }).episode.language).toBe('de')
    expect(buildRecord({ ...base, episode: { ...episode, language: 'en-us' } }).episode.language).toBe('en-us')
  })
})
