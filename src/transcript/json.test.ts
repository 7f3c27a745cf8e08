import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { isJson, readJson } from './json.js'

const fixtureText = (name: string): string => readFileSync(new URL(`../../fixtures/transcripts/${name}`, import.meta.url), 'utf8')

const doc = (segments: unknown[]): string => JSON.stringify({ version: '1.0.0', segments })

describe('readJson on the spec example (word level, no space segments)', () => {
  it('joins words per speaker into sentences with the first and last times', () => {
    expect(readJson(fixtureText('pc20-spec-transcript.json'))).toEqual([
      { text: 'I am your father.', speaker: 'Darth Vader', start: 0.5, end: 2.5, fragment: true },
      { text: 'Nooooo', speaker: 'Luke', start: 2.75, end: 3, fragment: true },
    ])
  })
})

describe('readJson on Podnews Weekly Review (spaces and punctuation are segments)', () => {
  const paragraphs = readJson(fixtureText('podnews-weekly-review-2023-06-02-words.json'))

  it('drops the 18 space segments and puts no space before punctuation', () => {
    expect(paragraphs.map((p) => p.text)).toEqual(["It's Friday, the 2nd of June 2023.", 'The last word in podcasting news.', 'This is the Pod News'])
  })

  it('keeps both speakers and the segment times', () => {
    expect(paragraphs.map((p) => p.speaker)).toEqual(['Speaker 1', 'Speaker 2', 'Speaker 2'])
    expect(paragraphs[0]).toMatchObject({ start: 0.221, end: 3.09, fragment: true })
    expect(paragraphs[2]).toMatchObject({ start: 7.186, end: 8.729 })
  })
})

describe('readJson on caption-line segments', () => {
  it('joins lines with a space, cuts at sentence ends and speaker changes, tolerates missing endTime and speaker', () => {
    const paragraphs = readJson(doc([
      { speaker: 'Kevin', startTime: 0, endTime: 2, body: 'Welcome to the show,' },
      { speaker: 'Kevin', startTime: 0, endTime: 2, body: 'where we talk (briefly)' },
      { speaker: 'Kevin', startTime: 2, endTime: 3.5, body: "about podcasts. It's great" },
      { speaker: 'Alban', startTime: 4, body: '"Thanks" - really!\n' },
      { startTime: 5, endTime: 6, body: 'Music' },
    ]))
    expect(paragraphs).toEqual([
      { text: "Welcome to the show, where we talk (briefly) about podcasts. It's great", speaker: 'Kevin', start: 0, end: 3.5, fragment: true },
      { text: '"Thanks" - really!', speaker: 'Alban', start: 4, end: 4, fragment: true },
      { text: 'Music', start: 5, end: 6, fragment: true },
    ])
  })

  it('attaches split-off clitics and keeps opening brackets tight', () => {
    const words = ['I', "'m", 'sure', 'it', 'is', "n't", '(', 'so', ')', '.']
    expect(readJson(doc(words.map((body, i) => ({ speaker: 'A', startTime: i, endTime: i, body }))))[0]!.text).toBe("I'm sure it isn't (so).")
  })
})

describe('readJson on imperfect segments', () => {
  it('reads numeric strings as times, and drops bad segments with one warning that names the first', () => {
    const warnings: { code: string; message: string }[] = []
    const paragraphs = readJson(doc([
      { speaker: 'A', startTime: '0.5', endTime: '1', body: 'Hello' },
      { speaker: 'A', startTime: null, body: 'lost' },
      { speaker: 'A', startTime: 2, endTime: '', body: 'also lost' },
      { speaker: 'A', startTime: 3, endTime: 3.5, body: 'world.' },
    ]), warnings)
    expect(paragraphs).toEqual([{ text: 'Hello world.', speaker: 'A', start: 0.5, end: 3.5, fragment: true }])
    expect(warnings).toEqual([{ code: 'SEGMENTS_DROPPED', message: expect.stringMatching(/^2 of 4 JSON segments dropped: segments\[1\]\.startTime: .* \(and 1 more\)$/) }])
  })

  it('reads clock times written as strings, and drops a segment whose clock time is not one', () => {
    const warnings: { code: string; message: string }[] = []
    const paragraphs = readJson(JSON.stringify([
      { speaker: 'Ann Lee', start: '00:00:01', text: 'Hello.' }, { speaker: 'Bob Ray', start: '00:01:05.500', text: 'Hi.' },
      { speaker: 'Bob Ray', start: '1:xx', text: 'lost' },
    ]), warnings)
    expect(paragraphs.map((p) => [p.speaker, p.text, p.start])).toEqual([['Ann Lee', 'Hello.', 1], ['Bob Ray', 'Hi.', 65.5]])
    expect(warnings.map((w) => w.code)).toEqual(['SEGMENTS_DROPPED'])
  })
})

describe('isJson', () => {
  it.each([
    { id: 'spec document', text: '{\n  "version": "1.0.0",\n  "segments": []}', expected: true },
    { id: 'truncated document', text: '{"version":"1.0.0","segments":[{"speaker":', expected: true },
    { id: 'other JSON', text: '{"title": "x"}', expected: false },
    { id: 'AssemblyAI utterances', text: '{"id":"x","utterances":[]}', expected: true },
    { id: 'an array of segments', text: '[{"start": 0, "text": "Hi"}]', expected: true },
    { id: 'an array of numbers', text: '[1, 2]', expected: false },
    { id: 'bracketed timestamp text', text: '[00:03:12] Name: text', expected: false },
  ])('$id → $expected', ({ text, expected }) => {
    expect(isJson(text)).toBe(expected)
  })
})

describe('readJson errors', () => {
  it.each([
    { id: 'truncated', text: '{"version":"1.0.0","segments":[{"speaker":', where: /the JSON does not parse/ },
    { id: 'no segments', text: '{"version":"1.0.0"}', where: /segments: / },
    { id: 'segments not an array', text: '{"segments":{}}', where: /segments: / },
    { id: 'no readable segment', text: doc([{ startTime: 0 }, { startTime: 'soon', body: 'b' }]), where: /no segment is readable \(segments\[0\]\.body: / },
    { id: 'a segment that is not an object', text: doc(['word']), where: /segments\[0\]: / },
    { id: 'empty segments', text: doc([]), where: /"segments" is empty/ },
    { id: 'only space segments', text: doc([{ startTime: 0, body: ' ' }]), where: /every segment is empty/ },
  ])('$id is MALFORMED with the path of the problem', ({ text, where }) => {
    expect(() => readJson(text)).toThrow(expect.objectContaining({ name: 'PodpipeError', code: 'MALFORMED', message: expect.stringMatching(/^not a valid JSON transcript: /) }))
    expect(() => readJson(text)).toThrow(where)
  })
})

// The common JSON shapes besides Podcasting 2.0, each as its tool writes it (field names, nesting,
// units): what a reader needs is the speaker, the times in seconds and the text of each segment.
describe('readJson: other common shapes', () => {
  it.each([
    {
      id: 'podwhisperer (speakers map + speakerLabel)',
      doc: { speakers: { spk_0: 'Eoin', spk_1: 'Luciano' }, segments: [
        { speakerLabel: 'spk_0', start: 0.5, end: 3.2, text: 'Welcome to AWS Bites.' },
        { speakerLabel: 'spk_1', start: 3.4, end: 5, text: 'Hello everyone.' },
      ] },
      expected: [['Eoin', 0.5, 3.2, 'Welcome to AWS Bites.'], ['Luciano', 3.4, 5, 'Hello everyone.']],
    },
    {
      id: 'whisperX (SPEAKER_00, words inside)',
      doc: { segments: [
        { start: 0.03, end: 2.1, text: ' So today we talk tariffs.', speaker: 'SPEAKER_00', words: [{ word: 'So', start: 0.03, end: 0.2 }] },
        { start: 2.4, end: 3, text: ' Right.', speaker: 'SPEAKER_01', words: [] },
      ], word_segments: [] },
      expected: [['SPEAKER_00', 0.03, 2.1, 'So today we talk tariffs.'], ['SPEAKER_01', 2.4, 3, 'Right.']],
    },
    {
      id: 'OpenAI Whisper verbose_json (no speakers)',
      doc: { task: 'transcribe', language: 'english', text: 'x', segments: [{ id: 0, seek: 0, start: 0, end: 4.5, text: ' Export controls matter.', tokens: [1] }] },
      expected: [[undefined, 0, 4.5, 'Export controls matter.']],
    },
    {
      id: 'AssemblyAI utterances (milliseconds, letters)',
      doc: { id: 'abc', utterances: [
        { speaker: 'A', start: 250, end: 4100, text: 'Thanks for joining.', words: [] },
        { speaker: 'B', start: 4300, end: 9000, text: 'Glad to be here.', words: [] },
      ] },
      expected: [['Speaker A', 0.25, 4.1, 'Thanks for joining.'], ['Speaker B', 4.3, 9, 'Glad to be here.']],
    },
    {
      id: 'Deepgram utterances (numeric speakers under results)',
      doc: { metadata: {}, results: { utterances: [{ start: 1, end: 2.5, transcript: 'Good morning.', speaker: 0 }, { start: 2.6, end: 4, transcript: 'Morning.', speaker: 1 }] } },
      expected: [['Speaker 0', 1, 2.5, 'Good morning.'], ['Speaker 1', 2.6, 4, 'Morning.']],
    },
    {
      id: 'CouncilDataProject sentences (speaker_name, start_time)',
      doc: { generator: 'cdp', session_datetime: null, sentences: [
        { index: 0, confidence: 0.9, start_time: 12.1, end_time: 15, text: 'The meeting will come to order.', speaker_index: 0, speaker_name: 'Debora Juarez', words: [] },
        { index: 1, confidence: 0.9, start_time: 15.2, end_time: 16, text: 'Present.', speaker_index: 1, speaker_name: null, words: [] },
      ] },
      expected: [['Debora Juarez', 12.1, 15, 'The meeting will come to order.'], ['Speaker 1', 15.2, 16, 'Present.']],
    },
    {
      id: 'Rev monologues (elements with ts/end_ts)',
      doc: { monologues: [{ speaker: 1, speaker_name: 'Jane Doe', elements: [
        { type: 'text', value: 'Hello', ts: 0.5, end_ts: 0.9 }, { type: 'punct', value: ' ' },
        { type: 'text', value: 'there', ts: 1, end_ts: 1.4 }, { type: 'punct', value: '.' },
      ] }] },
      expected: [['Jane Doe', 0.5, 1.4, 'Hello there.']],
    },
    {
      id: 'Google Speech-to-Text with diarization (Spotify Podcast Dataset): the last result, by speakerTag',
      doc: { results: [
        { alternatives: [{ transcript: 'we have to think', confidence: 0.9, words: [{ startTime: '0.100s', endTime: '0.400s', word: 'we' }, { startTime: '0.400s', endTime: '1s', word: 'think' }] }] },
        { alternatives: [{ transcript: ' right', words: [{ startTime: '3s', endTime: '3.400s', word: 'right' }] }] },
        { alternatives: [{ words: [
          { startTime: '0.100s', endTime: '0.400s', word: 'we', speakerTag: 1 }, { startTime: '0.400s', endTime: '1s', word: 'think', speakerTag: 1 },
          { startTime: '3s', endTime: '3.400s', word: 'right', speakerTag: 2 },
        ] }] },
      ] },
      expected: [['Speaker 1', 0.1, 1, 'we think'], ['Speaker 2', 3, 3.4, 'right']],
    },
    {
      id: 'Google Speech-to-Text without diarization (words of every result; { seconds, nanos } times)',
      doc: { results: [
        { alternatives: [{ transcript: 'Export controls.', words: [{ startTime: { seconds: '1', nanos: 500000000 }, endTime: { seconds: '2' }, word: 'Export' }, { startTime: { seconds: '2' }, endTime: { seconds: '2', nanos: 800000000 }, word: 'controls.' }] }] },
        { alternatives: [{ transcript: 'Matter.', words: [{ startTime: '4s', endTime: '4.500s', word: 'Matter.' }] }] },
      ] },
      expected: [[undefined, 1.5, 2.8, 'Export controls.'], [undefined, 4, 4.5, 'Matter.']],
    },
    {
      id: 'Google Speech-to-Text transcripts without words (times from resultEndTime)',
      doc: { results: [{ alternatives: [{ transcript: 'Export controls matter.' }], resultEndTime: '4.200s' }, { alternatives: [{ transcript: 'So do tariffs.' }], resultEndTime: '7s' }] },
      expected: [[undefined, 0, 4.2, 'Export controls matter.'], [undefined, 4.2, 7, 'So do tariffs.']],
    },
    {
      id: 'Amazon Transcribe items (punctuation without times, speakers from speaker_labels)',
      doc: { jobName: 'ep', results: {
        transcripts: [{ transcript: 'Hello there. Hi.' }],
        speaker_labels: { speakers: 2, segments: [
          { speaker_label: 'spk_0', start_time: '0.5', end_time: '1.4', items: [{ start_time: '0.5', end_time: '0.9', speaker_label: 'spk_0' }, { start_time: '1.0', end_time: '1.4', speaker_label: 'spk_0' }] },
          { speaker_label: 'spk_1', start_time: '2.0', end_time: '2.3', items: [{ start_time: '2.0', end_time: '2.3', speaker_label: 'spk_1' }] },
        ] },
        items: [
          { start_time: '0.5', end_time: '0.9', alternatives: [{ confidence: '0.99', content: 'Hello' }], type: 'pronunciation' },
          { start_time: '1.0', end_time: '1.4', alternatives: [{ confidence: '0.99', content: 'there' }], type: 'pronunciation' },
          { alternatives: [{ confidence: '0.0', content: '.' }], type: 'punctuation' },
          { start_time: '2.0', end_time: '2.3', alternatives: [{ confidence: '0.98', content: 'Hi' }], type: 'pronunciation' },
          { alternatives: [{ confidence: '0.0', content: '.' }], type: 'punctuation' },
        ],
      }, status: 'COMPLETED' },
      expected: [['spk_0', 0.5, 1.4, 'Hello there.'], ['spk_1', 2, 2.3, 'Hi.']],
    },
    {
      id: 'Speechmatics (words and punctuation in results[], speakers S1, S2 and UU for unknown)',
      doc: { format: '2.9', results: [
        { type: 'word', start_time: 0.5, end_time: 0.9, alternatives: [{ content: 'Welcome', confidence: 1, speaker: 'S1' }] },
        { type: 'punctuation', start_time: 0.9, end_time: 0.9, attaches_to: 'previous', alternatives: [{ content: '.', confidence: 1, speaker: 'S1' }] },
        { type: 'word', start_time: 1.5, end_time: 1.9, alternatives: [{ content: 'Thanks', confidence: 1, speaker: 'S2' }] },
        { type: 'word', start_time: 3, end_time: 3.4, alternatives: [{ content: 'Hmm', confidence: 1, speaker: 'UU' }] },
      ] },
      expected: [['Speaker 1', 0.5, 0.9, 'Welcome.'], ['Speaker 2', 1.5, 1.9, 'Thanks'], ['Unknown', 3, 3.4, 'Hmm']],
    },
    {
      id: 'Azure batch transcription (recognizedPhrases, ticks, numbered speakers, put in time order)',
      doc: { source: 'https://x/a.wav', durationInTicks: 90000000, recognizedPhrases: [
        { recognitionStatus: 'Success', channel: 0, speaker: 2, offsetInTicks: 40000000, durationInTicks: 20000000, nBest: [{ lexical: 'thanks', display: 'Thanks.' }] },
        { recognitionStatus: 'Success', channel: 0, speaker: 1, offsetInTicks: 5000000, durationInTicks: 30000000, nBest: [{ lexical: 'welcome back', display: 'Welcome back.' }] },
      ] },
      expected: [['Speaker 1', 0.5, 3.5, 'Welcome back.'], ['Speaker 2', 4, 6, 'Thanks.']],
    },
    {
      id: 'YouTube json3 captions (events[].segs, milliseconds, events without text left out)',
      doc: { wireMagic: 'pb3', events: [
        { tStartMs: 0, dDurationMs: 5000, id: 1, wpWinPosId: 1 },
        { tStartMs: 500, dDurationMs: 3000, segs: [{ utf8: 'welcome' }, { utf8: ' back', tOffsetMs: 400 }] },
        { tStartMs: 3400, aAppend: 1, segs: [{ utf8: '\n' }] },
        { tStartMs: 3500, dDurationMs: 2000, segs: [{ utf8: 'to the show' }] },
      ] },
      expected: [[undefined, 0.5, 5.5, 'welcome back to the show']],
    },
    {
      id: 'Gladia (result.transcription.utterances, numbered speakers)',
      doc: { id: 'x', status: 'done', result: { transcription: { full_transcript: 'Welcome. Thanks.', utterances: [
        { text: 'Welcome.', start: 0.1, end: 1.5, speaker: 0, language: 'en', words: [] },
        { text: 'Thanks.', start: 1.9, end: 3.1, speaker: 1, language: 'en', words: [] },
      ] } } },
      expected: [['Speaker 0', 0.1, 1.5, 'Welcome.'], ['Speaker 1', 1.9, 3.1, 'Thanks.']],
    },
    {
      id: 'ElevenLabs (words[] with spaces and sounds between them, speaker_id)',
      doc: { language_code: 'en', text: 'Welcome back. Thanks.', words: [
        { text: 'Welcome', start: 0.1, end: 0.4, type: 'word', speaker_id: 'speaker_0' }, { text: ' ', start: 0.4, end: 0.5, type: 'spacing', speaker_id: 'speaker_0' },
        { text: 'back.', start: 0.5, end: 0.9, type: 'word', speaker_id: 'speaker_0' }, { text: '(laughs)', start: 0.9, end: 1.2, type: 'audio_event', speaker_id: 'speaker_1' },
        { text: 'Thanks.', start: 1.9, end: 2.2, type: 'word', speaker_id: 'speaker_1' },
      ] },
      expected: [['speaker_0', 0.1, 0.9, 'Welcome back.'], ['speaker_1', 1.9, 2.2, 'Thanks.']],
    },
    {
      id: 'Vosk (result[] of words, no speakers)',
      doc: { result: [{ conf: 1, start: 0.1, end: 0.4, word: 'welcome' }, { conf: 1, start: 0.45, end: 0.9, word: 'back' }], text: 'welcome back' },
      expected: [[undefined, 0.1, 0.9, 'welcome back']],
    },
    {
      id: 'a bare array of segments',
      doc: [{ speaker: 'Ann', start: 0, end: 1, text: 'Hi.' }],
      expected: [['Ann', 0, 1, 'Hi.']],
    },
  ])('$id', ({ doc, expected }) => {
    const text = JSON.stringify(doc)
    expect(isJson(text)).toBe(true)
    const paragraphs = readJson(text)
    expect(paragraphs.map((p) => [p.speaker, p.start, p.end, p.text])).toEqual(expected)
  })

  it('names what it expected when the shape is unknown', () => {
    expect(() => readJson('{"items":[{"x":1}]}')).toThrow(/expected "segments" \(Podcasting 2\.0, Whisper, whisperX, podwhisperer\), "utterances"/)
  })
})
