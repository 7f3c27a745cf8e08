/**
 * Feed lists podpipe imports into the registry: its own JSON feeds file, and OPML, the format
 * podcast apps export their subscriptions in. Pure: text in, entries out; only readFeedList
 * touches the disk.
 */
import { readFile } from 'node:fs/promises'
import { dirname, isAbsolute, resolve } from 'node:path'
import { XMLParser } from 'fast-xml-parser'
import cron from 'node-cron'
import { z } from 'zod'
import { PodpipeError } from '../errors/index.js'
import { cronIntervalS } from './schedule.js'

export const FeedEntry = z.object({
  url: z.string().min(1),
  cron: z.string().refine((expr) => cron.validate(expr), { message: 'is not a valid cron expression (node-cron: 5 or 6 fields)' }),
  speakers: z.array(z.string().min(1)).optional(),
  /** Per-feed overrides. `force` re-ingests every episode on every poll (for testing a feed). */
  options: z.object({ force: z.boolean().optional() }).strict().optional(),
})
export type FeedEntry = z.infer<typeof FeedEntry>
export const FeedsFile = z.array(FeedEntry)

/** A feed as the registry takes it, from any list. */
export interface FeedSpec {
  url: string
  speakers?: string[]
  options?: { force?: boolean }
  /** A fixed interval (a feeds file's cron); absent, the interval adapts within the configured bounds. */
  intervalS?: number
}

const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:/i

/** A relative url or path in a feed list is relative to the list itself, not the cwd. */
export const resolveFeedUrl = (url: string, listFile: string): string =>
  HAS_SCHEME.test(url) || isAbsolute(url) ? url : resolve(dirname(listFile), url)

/** The entries of a JSON feeds file, validated; `input` names the file in errors. */
export const parseFeedsFile = (text: string, input: string): FeedEntry[] => {
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch (err) {
    throw new PodpipeError('CONFIG', `cannot read the feeds file: ${(err as Error).message}`, { input, cause: err })
  }
  const parsed = FeedsFile.safeParse(raw)
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `[${i.path.join('.')}] ${i.message}`).join('; ')
    throw new PodpipeError('CONFIG', `invalid feeds file: ${issues}. Expected [{ "url", "cron", "speakers"?, "options"? }]`, { input })
  }
  return parsed.data.map((f) => ({ ...f, url: resolveFeedUrl(f.url, input) }))
}

export const readFeedsFile = async (path: string): Promise<FeedEntry[]> => {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (err) {
    throw new PodpipeError('CONFIG', `cannot read the feeds file: ${(err as Error).message}`, { input: path, cause: err })
  }
  return parseFeedsFile(text, path)
}

/** A feeds file entry for the registry: its cron becomes the feed's fixed interval. */
export const specOfEntry = (entry: FeedEntry): FeedSpec => ({
  url: entry.url,
  ...(entry.speakers ? { speakers: entry.speakers } : {}),
  ...(entry.options ? { options: entry.options } : {}),
  intervalS: cronIntervalS(entry.cron),
})

type XmlNode = Record<string, unknown>

const asNodes = (value: unknown): XmlNode[] =>
  (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter((v): v is XmlNode => typeof v === 'object' && v !== null)

/** An attribute by name in any case: OPML writers spell `xmlUrl` as `xmlurl` or `XMLURL` too. */
const attribute = (node: XmlNode, name: string): string | undefined => {
  const key = Object.keys(node).find((k) => k.toLowerCase() === `@_${name.toLowerCase()}`)
  const value = key === undefined ? undefined : node[key]
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined
}

const feedUrlsIn = (outlines: readonly XmlNode[]): string[] =>
  outlines.flatMap((o) => {
    const url = attribute(o, 'xmlUrl')
    return [...(url ? [url] : []), ...feedUrlsIn(asNodes(o.outline))]
  })

/**
 * The feed URLs of an OPML document: every `outline` with an `xmlUrl`, however deeply nested
 * in folders, in document order, each once. `input` names the file in errors.
 *
 * @example
 * parseOpml('<opml version="2.0"><body><outline text="News"><outline xmlUrl="https://x/feed"/></outline></body></opml>', 'subs.opml')
 * // [{ url: 'https://x/feed' }]
 */
export const parseOpml = (text: string, input: string): FeedSpec[] => {
  let doc: XmlNode
  try {
    doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', processEntities: true }).parse(text, true) as XmlNode
  } catch (err) {
    const detail = typeof (err as { err?: { msg?: string } }).err?.msg === 'string' ? (err as { err: { msg: string } }).err.msg : (err as Error).message
    throw new PodpipeError('MALFORMED', `is not well-formed OPML (${detail})`, { input, cause: err })
  }
  const opml = asNodes(doc.opml)[0]
  if (!opml) throw new PodpipeError('MALFORMED', 'is XML but not OPML (no <opml> root)', { input })
  const urls = feedUrlsIn(asNodes(asNodes(opml.body)[0]?.outline))
  return [...new Set(urls)].map((url) => ({ url: resolveFeedUrl(url, input) }))
}

/**
 * The feeds in a list file, JSON feeds file or OPML, told apart by their first character.
 * Errors name the file and say what was expected.
 */
export const parseFeedList = (text: string, input: string): FeedSpec[] => {
  const start = text.replace(/^\uFEFF/, '').trimStart()
  if (start.startsWith('[') || start.startsWith('{')) return parseFeedsFile(start, input).map(specOfEntry)
  if (start.startsWith('<')) return parseOpml(start, input)
  throw new PodpipeError('UNKNOWN_FORMAT', 'is neither a JSON feeds file ([{ "url", "cron" }]) nor OPML (<opml>…)', { input })
}

export const readFeedList = async (path: string): Promise<FeedSpec[]> => {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (err) {
    throw new PodpipeError('CONFIG', `cannot read the feed list: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, { input: path, cause: err })
  }
  return parseFeedList(text, path)
}
