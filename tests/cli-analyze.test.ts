// `podpipe analyze` as a user runs it: a real process, real files, exit codes and stderr.
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { EpisodeRecord } from '../src/record/index.js'
import { entryArgs } from './helpers/entry.js'

const ROOT = new URL('..', import.meta.url).pathname
const SEED = join(ROOT, 'fixtures/seed/seed.txt')

const CLI = entryArgs('src/cli.ts')

const podpipe = (...args: string[]) => podpipeWith({}, ...args)

const podpipeWith = ({ input }: { input?: string | Buffer }, ...args: string[]) => {
  const run = spawnSync(process.execPath, [...CLI, ...args], { encoding: 'utf8', cwd: ROOT, ...(input === undefined ? {} : { input }) })
  return { code: run.status, stdout: run.stdout, stderr: run.stderr }
}

/** Runs with stdout a pipe whose reader has already gone, as in `podpipe … | head -1` once head exits. */
const intoClosedPipe = (...args: string[]) =>
  new Promise<{ code: number | null; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [...CLI, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
    child.stdout.destroy()
    let stderr = ''
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c))
    child.on('exit', (code) => resolve({ code, stderr }))
  })

let dir = ''
const file = (name: string, content: string | Buffer): string => {
  const path = join(dir, name)
  writeFileSync(path, content)
  return path
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'podpipe-cli-'))
})

describe('podpipe analyze', () => {
  it('prints a valid record for the seed post with its 52 turns', () => {
    const run = podpipe('analyze', SEED)
    expect(run.stderr).not.toMatch(/\n\s+at /)
    expect(run.code).toBe(0)
    const record = EpisodeRecord.parse(JSON.parse(run.stdout))
    expect(record.turns).toHaveLength(52)
    expect(record.speakers.map((s) => s.id).sort()).toEqual(['mcguire', 'miller', 'schneider'])
    expect(record.transcript.format).toBe('text')
  })

  it('writes the record to --out and takes a speakers hint', () => {
    const out = join(dir, 'record.json')
    const run = podpipe('analyze', SEED, '--out', out, '--speakers', 'Chris McGuire,Chris Miller,Jordan Schneider', '--no-pretty')
    expect(run.code).toBe(0)
    expect(run.stdout).toBe('')
    expect(EpisodeRecord.parse(JSON.parse(readFileSync(out, 'utf8'))).turns).toHaveLength(52)
  })

  it('gives roles to --hosts and --guests, as a feed\'s podcast:person does, and none to --speakers', () => {
    const run = podpipe('analyze', SEED, '--hosts', 'Jordan Schneider', '--guests', 'Chris McGuire', '--speakers', 'Chris Miller,jordan schneider', '--no-pretty')
    expect(run.code).toBe(0)
    const { speakers } = EpisodeRecord.parse(JSON.parse(run.stdout))
    expect(speakers.map((s) => [s.id, s.role]).sort()).toEqual([['mcguire', 'guest'], ['miller', 'unknown'], ['schneider', 'host']])
  })

  it('explains its claims on stderr with --explain, keeping stdout a record', () => {
    const run = podpipe('analyze', SEED, '--explain')
    expect(run.code).toBe(0)
    EpisodeRecord.parse(JSON.parse(run.stdout))
    expect(run.stderr).toMatch(/claim/i)
  })

  it.each([
    { id: 'empty file', name: 'empty.txt', content: '', args: [], error: /empty/i },
    { id: 'binary file', name: 'audio.mp3', content: Buffer.from([0x49, 0x44, 0x33, 0x04, 0, 0, 0, 0, 0x0f, 0x76, 0, 0xff, 0xfb, 0x90, 0, 0]), args: [], error: /binary/i },
    { id: 'over the size limit', name: 'big.txt', content: 'Chris Miller: word '.repeat(100), args: ['--max-bytes', '100'], error: /limit of 100 bytes.*--max-bytes/ },
    { id: 'unknown format flag', name: 'x.txt', content: 'Hi', args: ['--format', 'docx'], error: /docx/ },
    { id: 'malformed VTT', name: 'bad.vtt', content: 'WEBVTT\n\n00:00:01.000 --> banana\nHello\n', args: [], error: /vtt|malformed|timestamp|timing/i },
    { id: 'malformed SRT', name: 'bad.srt', content: '1\n00:00:01,000 -> 00:00:02,000\nHello\n', args: ['--format', 'srt'], error: /srt|malformed|timestamp|timing/i },
    { id: 'malformed JSON', name: 'bad.json', content: '{"version":"1.0.0","segments":[{"speaker":', args: [], error: /json/i },
    { id: 'missing file', name: '', content: '', args: [], error: /cannot read|ENOENT|no such/i },
  ])('refuses $id with one clear line and exit code 2', ({ name, content, args, error }) => {
    const path = name ? file(name, content) : join(dir, 'does-not-exist.txt')
    const run = podpipe('analyze', path, ...args)
    expect(run.code).toBe(2)
    expect(run.stdout).toBe('')
    expect(run.stderr).toMatch(error)
    expect(run.stderr).not.toMatch(/\n\s+at /)
    expect(run.stderr.trim().split('\n').length).toBeLessThanOrEqual(3)
  })

  it('turns a transcript with no speaker labels into turns by unknown, with a warning', () => {
    const path = file('plain.txt', 'The controls were expansive.\nPeople are still digesting them.\n')
    const run = podpipe('analyze', path)
    expect(run.code).toBe(0)
    expect(run.stderr).toMatch(/warning/i)
    const record = EpisodeRecord.parse(JSON.parse(run.stdout))
    expect(record.turns.length).toBeGreaterThan(0)
    expect(new Set(record.turns.map((t) => t.speakerId))).toEqual(new Set(['unknown']))
  })

  it('reads the transcript from stdin when the file is -', () => {
    const run = podpipeWith({ input: readFileSync(SEED) }, 'analyze', '-')
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(EpisodeRecord.parse(JSON.parse(run.stdout)).turns).toHaveLength(52)
    const big = podpipeWith({ input: 'Chris Miller: word '.repeat(100) }, 'analyze', '-', '--max-bytes', '100')
    expect(big.code).toBe(2)
    expect(big.stderr).toMatch(/^podpipe: stdin: at least \d+ bytes is over the limit of 100 bytes/)
  })

  it('names the path and the problem in one line when --out cannot be written', () => {
    const run = podpipe('analyze', SEED, '--out', '/nonexistent/x.json')
    expect(run.code).toBe(2)
    expect(run.stderr).toBe('podpipe: /nonexistent/x.json: cannot write the record (--out): no such file, or the directory /nonexistent does not exist\n')
    const intoDir = podpipe('analyze', SEED, '--out', dir)
    expect(intoDir.stderr).toBe(`podpipe: ${dir}: cannot write the record (--out): it is a directory\n`)
  })

  it('names the file once in a warning that already names it', () => {
    const path = file('latin1.txt', Buffer.from('Chris Miller: Caf\xe9 prices rose 20% last year, and the na\xefve forecast missed it.\n', 'latin1'))
    const run = podpipe('analyze', path)
    expect(run.code).toBe(0)
    const warning = run.stderr.split('\n').find((l) => l.includes('not valid UTF-8'))
    expect(warning).toBe(`podpipe: warning: ${path}: not valid UTF-8, decoded as windows-1252`)
  })

  it.each([['config'], ['analyze', SEED]])('exits quietly into a closed pipe: podpipe %s | head', async (...args) => {
    const run = await intoClosedPipe(...args)
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
  })
})
