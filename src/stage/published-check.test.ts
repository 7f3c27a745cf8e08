import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { FeedEpisode } from '../feed/index.js'
import { sha256Hex, type EpisodeRecord } from '../record/index.js'
import { createFileStore, recordContentHash, type RecordStore } from '../store/index.js'
import { sampleRecord } from '../../tests/helpers/sample-record.js'
import { checkStores, staleField } from './published-check.js'

const LINK = { url: 'https://x.example/t.vtt', type: 'text/vtt', format: 'vtt' as const }
const BODY = '<p>Jordan Schneider: Welcome.</p>'

const item = (record: EpisodeRecord, over: Partial<FeedEpisode> = {}): FeedEpisode => ({
  key: record.episode.guid, episode: { ...record.episode }, transcripts: [], body: null, bodySource: null, people: [], ...over,
})

const withTranscript = (record: EpisodeRecord, transcript: Partial<EpisodeRecord['transcript']>): EpisodeRecord =>
  ({ ...record, transcript: { ...record.transcript, ...transcript } })

describe('staleField', () => {
  const record = sampleRecord()
  const linked = withTranscript(record, { source: 'podcast:transcript', url: LINK.url, format: 'vtt' })
  const fromBody = withTranscript(record, { source: 'content:encoded', url: null, sha256: sha256Hex(BODY) })

  it.each([
    { id: 'same transcript link', rec: linked, ep: item(linked, { transcripts: [LINK] }), expected: undefined },
    { id: 'new transcript link', rec: linked, ep: item(linked, { transcripts: [{ ...LINK, url: 'https://x.example/t2.vtt' }] }), expected: 'transcript link' },
    { id: 'same post body', rec: fromBody, ep: item(fromBody, { body: BODY, bodySource: 'content:encoded' }), expected: undefined },
    { id: 'edited post body', rec: fromBody, ep: item(fromBody, { body: `${BODY}<p>Correction.</p>`, bodySource: 'content:encoded' }), expected: 'post body' },
    { id: 'a transcript link added to a body episode', rec: fromBody, ep: item(fromBody, { body: BODY, bodySource: 'content:encoded', transcripts: [LINK] }), expected: 'transcript link' },
    { id: 'new title', rec: linked, ep: { ...item(linked, { transcripts: [LINK] }), episode: { ...linked.episode, title: 'Renamed' } }, expected: 'episode metadata' },
    { id: 'language filled in from the turns', rec: linked, ep: { ...item(linked, { transcripts: [LINK] }), episode: { ...linked.episode, language: null } }, expected: undefined },
    { id: 'no transcript at all', rec: withTranscript(record, { source: 'none', url: null, sha256: null, format: null }), ep: item(record), expected: undefined },
  ])('$id', ({ rec, ep, expected }) => {
    expect(staleField(rec, ep)).toBe(expected)
  })
})

describe('checkStores', () => {
  it('is current only once the store holds the record', async () => {
    const store = createFileStore({ dir: mkdtempSync(join(tmpdir(), 'podpipe-check-')) })
    const record = sampleRecord()
    const ep = item(record, { body: 'not the body it was built from', bodySource: 'content:encoded' })
    expect(await checkStores([store], ep, record.id)).toEqual({ current: false, problem: 'not in the file store' })
    await store.put(record)
    expect(await checkStores([store], ep, record.id)).toEqual({ current: false, problem: 'the stores hold an older version (its post body changed)' })
    const fromBody = sampleRecord({ title: 'Body version' })
    await store.put(withTranscript(fromBody, { sha256: sha256Hex('the body') }))
    expect(await checkStores([store], item(fromBody, { body: 'the body', bodySource: 'content:encoded' }), fromBody.id)).toEqual({ current: true })
  })

  it('takes the hash from a store that announces records rather than keeping them', async () => {
    const file = createFileStore({ dir: mkdtempSync(join(tmpdir(), 'podpipe-check-')) })
    const record = withTranscript(sampleRecord(), { source: 'podcast:transcript', url: LINK.url, format: 'vtt' })
    await file.put(record)
    const hashes = new Map<string, string>()
    // The shape of the stream store with records too large to inline: get() has nothing, heldHash() knows.
    const announcer: RecordStore = { name: 'stream', put: async () => 'created', get: async () => undefined, heldHash: async (id) => hashes.get(id), ping: async () => {}, close: async () => {} }
    const ep = item(record, { transcripts: [LINK] })
    expect(await checkStores([file, announcer], ep, record.id)).toEqual({ current: false, problem: 'not in the stream store' })
    hashes.set(record.id, 'an older hash')
    expect(await checkStores([file, announcer], ep, record.id)).toEqual({ current: false, problem: 'the file, stream stores hold different versions' })
    hashes.set(record.id, recordContentHash(record))
    expect(await checkStores([file, announcer], ep, record.id)).toEqual({ current: true })
  })
})
