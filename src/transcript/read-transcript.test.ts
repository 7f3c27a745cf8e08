import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { isPodpipeError, type PodpipeError } from '../errors/index.js'
import { TRANSCRIPT_FORMATS } from '../record/index.js'
import { readTranscript } from './read-transcript.js'

const fixtureBytes = (name: string): Buffer => readFileSync(new URL(`../../fixtures/transcripts/${name}`, import.meta.url))

const errorOf = (run: () => unknown): PodpipeError => {
  try {
    run()
  } catch (err) {
    if (isPodpipeError(err)) return err
    throw err
  }
  throw new Error('expected a PodpipeError, but nothing was thrown')
}

const FIXTURES = [
  { file: 'pc20-spec-transcript.html', format: 'html', paragraphs: 10 },
  { file: 'pc20-spec-transcript.vtt', format: 'vtt', paragraphs: 7 },
  { file: 'pc20-spec-transcript.json', format: 'json', paragraphs: 2 },
  { file: 'podcasting20-ep124-captions.srt', format: 'srt', paragraphs: 646 },
  { file: 'podnews-daily-2024-01-25.vtt', format: 'vtt', paragraphs: 44 },
  { file: 'podnews-weekly-review-2023-06-02-words.json', format: 'json', paragraphs: 3 },
  { file: 'seed-000_66d8e60a35b94f19.txt', format: 'text', paragraphs: 156 },
] as const

describe('readTranscript detects every corpus file', () => {
  it.each(FIXTURES)('$file from its content alone', ({ file, format, paragraphs }) => {
    const result = readTranscript(fixtureBytes(file))
    expect(result.format).toBe(format)
    expect(result.paragraphs).toHaveLength(paragraphs)
    expect(result.warnings).toEqual([])
  })

  it.each(FIXTURES)('$file with its name and a misleading text/plain type', ({ file, format }) => {
    expect(readTranscript(fixtureBytes(file), { fileName: file, contentType: 'text/plain; charset=utf-8' }).format).toBe(format)
  })
})

describe('readTranscript format detection', () => {
  const srt = '1\n00:00:01,000 --> 00:00:02,000\nHello\n'
  const prose = 'Chris Miller: Hello there.\n'

  it.each([
    { id: 'application/x-subrip', contentType: 'application/x-subrip', content: srt, format: 'srt' },
    { id: 'legacy application/srt', contentType: 'application/srt', content: srt, format: 'srt' },
    { id: 'text/srt', contentType: 'text/srt', content: srt, format: 'srt' },
    { id: 'text/html with a charset', contentType: 'text/html; charset=UTF-8', content: 'Hello <b>there</b>', format: 'html' },
    { id: 'text/vtt', contentType: 'text/vtt', content: 'WEBVTT\n\n00:01.000 --> 00:02.000\nHi\n', format: 'vtt' },
    { id: 'a +json type', contentType: 'application/transcript+json', content: '{"segments":[{"startTime":0,"body":"Hi"}]}', format: 'json' },
    { id: 'bogus plain/txt falls through to content', contentType: 'plain/txt', content: srt, format: 'srt' },
  ])('trusts the content type: $id', ({ contentType, content, format }) => {
    expect(readTranscript(content, { contentType }).format).toBe(format)
  })

  it('lets an unmistakable signature overrule a wrong content type, with a warning', () => {
    const result = readTranscript('WEBVTT\n\n00:01.000 --> 00:02.000\nHi\n', { contentType: 'application/x-subrip', input: 'ep.srt' })
    expect(result.format).toBe('vtt')
    expect(result.warnings).toEqual([{ code: 'FORMAT_MISMATCH', message: expect.stringMatching(/^ep\.srt: declared as application\/x-subrip but the content is vtt/) }])
  })

  it('reads cues declared text/vtt but missing the WEBVTT header, with a warning', () => {
    const result = readTranscript('00:01.000 --> 00:02.000\n<v Ann>Hi\n', { contentType: 'text/vtt', input: 'ep' })
    expect(result.format).toBe('srt')
    expect(result.paragraphs).toEqual([{ text: 'Hi', speaker: 'Ann', start: 1, end: 2, fragment: true }])
    expect(result.warnings.map((w) => w.code)).toEqual(['FORMAT_MISMATCH'])
  })

  it.each([
    { id: '.txt', fileName: 'notes.txt', format: 'text' },
    { id: '.html', fileName: 'post.HTML', format: 'html' },
    { id: 'no extension', fileName: 'transcript', format: 'text' },
    { id: 'no name at all', fileName: undefined, format: 'text' },
    { id: 'a URL with a query', fileName: 'https://cdn.example/ep/12/transcript.html?token=a.b#t=1', format: 'html' },
  ])('falls back to the extension: $id', ({ fileName, format }) => {
    expect(readTranscript(prose, { fileName }).format).toBe(format)
  })

  it.each([
    { id: 'Whisper lines declared application/x-subrip', contentType: 'application/x-subrip', content: '[0.00 → 6.66] because you know\n[6.66 → 9.10] there is nothing\n', format: 'text' },
    { id: 'prose declared text/vtt', contentType: 'text/vtt', content: 'prose' as const, format: 'text' },
    { id: 'HTML paragraphs declared application/json', contentType: 'application/json', content: '<p>Ann: Hello there.</p>', format: 'html' },
  ])('reads content that does not even try to be the declared cues or JSON as what it is: $id', ({ contentType, content, format }) => {
    const result = readTranscript(content === 'prose' ? prose : content, { contentType, input: 'ep' })
    expect(result.format).toBe(format)
    expect(result.warnings).toEqual([{ code: 'FORMAT_MISMATCH', message: expect.stringMatching(new RegExp(`^ep: declared as ${contentType} but the content is ${format}`)) }])
  })

  it.each([
    { id: 'a page declared text/vtt', contentType: 'text/vtt', content: '<!DOCTYPE html>\n<html><head><title>Sign in</title></head><body><p>Please sign in.</p></body></html>' },
    { id: 'a page after a comment, declared application/json', contentType: 'application/json', content: '<!-- cdn -->\n<html lang="en"><body><h1>404 Not Found</h1></body></html>' },
    { id: 'an XHTML page, declared application/x-subrip', contentType: 'application/x-subrip', content: '<?xml version="1.0"?>\n<!DOCTYPE html>\n<html xmlns="http://www.w3.org/1999/xhtml"><body><p>Gone</p></body></html>' },
  ])('refuses a whole web page where cues or JSON were declared: $id', ({ contentType, content }) => {
    const error = errorOf(() => readTranscript(content, { contentType, input: 'https://x/ep.vtt' }))
    expect(error.code).toBe('MALFORMED')
    expect(error.message).toBe(`https://x/ep.vtt: declared as ${contentType} but the content is a web page (an error or sign-in page?), not a transcript`)
  })

  it('still sends declared cues with a broken timing to their reader, which says what is wrong', () => {
    const error = errorOf(() => readTranscript('1\n00:00:01,000 --> soon\nHi\n', { contentType: 'application/x-subrip', input: 'ep.srt' }))
    expect(error.code).toBe('MALFORMED')
    expect(error.message).toMatch(/^ep\.srt: not valid SRT/)
  })

  it('reads a .vtt file without its header as what it is, and fails clearly when its cues are broken', () => {
    expect(readTranscript('00:01.000 --> 00:02.000\nHi\n', { fileName: 'a.vtt' }).format).toBe('srt')
    const error = errorOf(() => readTranscript('Hello\n00:01.000 --> soon\nHi\n', { fileName: 'a.vtt' }))
    expect(error.code).toBe('MALFORMED')
    expect(error.message).toMatch(/^a\.vtt: not valid WebVTT: line 1: expected the "WEBVTT" header/)
  })

  it('reads a file by its content when its name says otherwise: Whisper lines in a .srt are timed text', () => {
    const whisper = '[0.00 → 6.66] because you know there is nothing\n[6.66 → 9.10] quite like a good sneeze\n[9.10 → 12.00], and thank you'
    const result = readTranscript(whisper, { fileName: 'show.srt' })
    expect(result.format).toBe('text')
    expect(result.warnings.map((w) => w.code)).toEqual(['FORMAT_MISMATCH'])
    expect(result.paragraphs).toEqual([
      { text: 'because you know there is nothing', start: 0, end: 6.66, fragment: true },
      { text: 'quite like a good sneeze', start: 6.66, end: 9.1, fragment: true },
      { text: 'and thank you', start: 9.1, end: 12, fragment: true },
    ])
    expect(readTranscript(prose, { fileName: 'a.vtt' }).format).toBe('text')
  })

  it('obeys a forced format, whatever the content looks like', () => {
    const result = readTranscript('WEBVTT\n\n<v Ann>Hi\n', { format: 'text' })
    expect(result.format).toBe('text')
    expect(result.paragraphs.map((p) => p.text)).toEqual(['WEBVTT', '<v Ann>Hi'])
  })

  it.each([
    { id: 'a PDF by name', content: prose, options: { fileName: 'show.pdf' }, what: /cannot read "\.pdf" files/ },
    { id: 'SubStation Alpha by name', content: '[Script Info]\nTitle: Episode 12', options: { fileName: 'captions.ass' }, what: /cannot read "\.ass" files/ },
    { id: 'an RSS feed', content: '<?xml version="1.0"?><rss version="2.0"><channel></channel></rss>', options: {}, what: /XML/ },
    { id: 'an audio content type', content: prose, options: { contentType: 'audio/mpeg' }, what: /audio\/mpeg/ },
    { id: 'an unknown forced format', content: prose, options: { format: 'docx' as never }, what: /unknown format "docx"/ },
  ])('refuses $id as UNKNOWN_FORMAT, listing the formats and --format', ({ content, options, what }) => {
    const error = errorOf(() => readTranscript(content, { input: 'in.file', ...options }))
    expect(error.code).toBe('UNKNOWN_FORMAT')
    expect(error.input).toBe('in.file')
    expect(error.message).toMatch(what)
    expect(error.message).toMatch(new RegExp(TRANSCRIPT_FORMATS.join(', ')))
    expect(error.message).toMatch(/--format/)
  })
})

describe('readTranscript text', () => {
  it('drops soft hyphens, which only say where a word may break, in every format', () => {
    const html = readTranscript('<p><b>Ann Lee:</b> The transcrip&shy;tion of the rule.</p>', { fileName: 'a.html' })
    expect(html.paragraphs.map((p) => p.text).join(' ')).toContain('The transcription of the rule.')
    expect(readTranscript('Ann Lee: It is in -\u00ad\n', { fileName: 'a.txt' }).paragraphs[0]!.text).toBe('Ann Lee: It is in -')
  })
})

describe('readTranscript warnings', () => {
  it('passes on what a reader dropped, naming the input', () => {
    const json = JSON.stringify({ version: '1.0.0', segments: [{ startTime: 0, body: 'Hi.' }, { startTime: 'x', body: 'lost' }] })
    const result = readTranscript(json, { input: 'ep.json' })
    expect(result.paragraphs.map((p) => p.text)).toEqual(['Hi.'])
    expect(result.warnings).toEqual([{ code: 'SEGMENTS_DROPPED', message: expect.stringMatching(/^ep\.json: 1 of 2 JSON segments dropped: segments\[1\]\.startTime/) }])
  })
})

describe('readTranscript decoding', () => {
  it('strips a UTF-8 BOM before detecting', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('WEBVTT\n\n00:01.000 --> 00:02.000\n<v Ann>Hi\n')])
    expect(readTranscript(bytes).paragraphs).toEqual([{ text: 'Hi', speaker: 'Ann', start: 1, end: 2, fragment: true }])
  })

  it('strips a BOM from string input too', () => {
    expect(readTranscript('\uFEFF{"segments":[{"startTime":0,"body":"Hi"}]}').format).toBe('json')
  })

  it('decodes UTF-16 with a BOM', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Jordan Schneider: 你好\n', 'utf16le')])
    expect(readTranscript(bytes).paragraphs).toEqual([{ text: 'Jordan Schneider: 你好' }])
  })

  it('decodes UTF-16 without a BOM, either byte order, from its pattern of NUL bytes', () => {
    const text = 'Jordan Schneider: Welcome to the show.\n'
    expect(readTranscript(Buffer.from(text, 'utf16le')).paragraphs).toEqual([{ text: 'Jordan Schneider: Welcome to the show.' }])
    expect(readTranscript(Buffer.from(text, 'utf16le').swap16()).paragraphs).toEqual([{ text: 'Jordan Schneider: Welcome to the show.' }])
  })

  it('reads windows-1252 text that is not UTF-8, with a warning', () => {
    const bytes = Buffer.from([...Buffer.from('Ann: '), 0x93, ...Buffer.from('caf'), 0xe9, 0x94, 0x20, 0x96, ...Buffer.from(' done\n')])
    const result = readTranscript(bytes, { input: 'old.txt' })
    expect(result.paragraphs).toEqual([{ text: 'Ann: \u201ccaf\u00e9\u201d \u2013 done' }])
    expect(result.warnings).toEqual([{ code: 'LEGACY_ENCODING', message: 'old.txt: not valid UTF-8, decoded as windows-1252' }])
  })

  it('uses the charset of the content type for legacy text', () => {
    const bytes = Buffer.from([0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2, 0x0a]) // "Привет" in windows-1251
    expect(readTranscript(bytes, { contentType: 'text/plain; charset=windows-1251' }).paragraphs[0]!.text).toBe('Привет')
  })
})

describe('readTranscript errors name the input and the problem', () => {
  const mp3 = Buffer.from([0x49, 0x44, 0x33, 0x04, 0, 0, 0, 0, 0x0f, 0x76, 0, 0xff, 0xfb, 0x90, 0, 0])
  const noise = Buffer.from(Array.from({ length: 512 }, (_, i) => 0x80 + ((i * 37) % 0x7f)))

  it.each([
    { id: 'empty bytes', content: new Uint8Array(0), code: 'EMPTY_INPUT', message: /empty \(0 bytes\)/ },
    { id: 'empty string', content: '', code: 'EMPTY_INPUT', message: /empty/ },
    { id: 'only whitespace', content: ' \n\r\n\t ', code: 'EMPTY_INPUT', message: /only whitespace/ },
    { id: 'HTML with no text', content: '<html><head><script>x()</script></head><body> </body></html>', code: 'EMPTY_INPUT', message: /html transcript holds no text/ },
    { id: 'an MP3 (NUL bytes)', content: mp3, code: 'BINARY_INPUT', message: /binary.*NUL byte at offset 4/ },
    { id: 'invalid UTF-8 throughout', content: noise, code: 'BINARY_INPUT', message: /binary.*not valid UTF-8/ },
    { id: 'control bytes', content: Buffer.from('\x01\x02\x03 text text text text text text text text text text text text text'), code: 'BINARY_INPUT', message: /3 control bytes/ },
    { id: 'a NUL in a string', content: 'Hello\0world', code: 'BINARY_INPUT', message: /binary/ },
    { id: 'malformed VTT', content: 'WEBVTT\n\n00:00:01.000 --> banana\nHello\n', code: 'MALFORMED', message: /line 3: cannot read the end time "banana"/ },
    { id: 'malformed JSON', content: '{"version":"1.0.0","segments":[{"speaker":', code: 'MALFORMED', message: /JSON/ },
  ])('$id → $code', ({ content, code, message }) => {
    const error = errorOf(() => readTranscript(content, { input: 'episode-7' }))
    expect(error.name).toBe('PodpipeError')
    expect(error.code).toBe(code)
    expect(error.input).toBe('episode-7')
    expect(error.permanent).toBe(true)
    expect(error.message.startsWith('episode-7: ')).toBe(true)
    expect(error.message).toMatch(message)
  })

  it('refuses input over maxBytes, saying the limit and how to raise it', () => {
    for (const content of ['Ann: word '.repeat(20), Buffer.from('Ann: word '.repeat(20)), 'é'.repeat(60)]) {
      const error = errorOf(() => readTranscript(content, { maxBytes: 100, fileName: 'big.txt' }))
      expect(error.code).toBe('TOO_LARGE')
      expect(error.input).toBe('big.txt')
      expect(error.message).toMatch(/over the limit of 100 bytes.*--max-bytes/)
    }
    // 60 two-byte characters are 120 bytes, but 50 are exactly 100: at the limit is allowed.
    expect(readTranscript('é'.repeat(50), { maxBytes: 100 }).paragraphs).toHaveLength(1)
  })

  it('refuses a maxBytes that is not a positive number rather than lifting the limit', () => {
    for (const maxBytes of [Number.NaN, 0, -5]) {
      expect(() => readTranscript('Hi', { maxBytes })).toThrow(expect.objectContaining({ code: 'CONFIG', message: expect.stringMatching(/maxBytes must be a positive number/) }))
    }
  })

  it('names a malformed file by its file name when no input name is given', () => {
    const error = errorOf(() => readTranscript('1\n00:00:01,000 -> 00:00:02,000\nHello\n', { format: 'srt', fileName: 'bad.srt' }))
    expect(error.message).toBe('bad.srt: not valid SRT: cue 1 (line 2): expected a timing line "start --> end", got "00:00:01,000 -> 00:00:02,000"')
  })
})
