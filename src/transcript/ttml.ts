/**
 * TTML (Timed Text Markup Language; DFXP, Apple Podcasts' transcripts, broadcast captions) →
 * paragraphs, one per `<p>` (or per speaker inside it). The XML is parsed by fast-xml-parser; the
 * speaker of a paragraph is its `ttm:agent` (on the `<p>`, a `<span>` inside it or an enclosing
 * `<div>`), named by the agent's `<ttm:name>` in the head, else by its id (`SPEAKER_1`).
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { PodpipeError } from '../errors/index.js'
import type { Warning } from '../record/index.js'
import { parseTimestamp } from './timestamp.js'
import type { Paragraph } from './types.js'
import { collapseWhitespace } from './whitespace.js'

// With preserveOrder, an element is `{ [tag]: children, ':@': attributes }` and text is `{ '#text': … }`;
// namespace prefixes are removed, so `ttm:agent` is `agent` and `xml:id` is `id`.
type XmlNode = Record<string, unknown>
type Attributes = Readonly<Record<string, string>>

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  removeNSPrefix: true,
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
})

const ROOT = /^(?:\s*<\?xml[^>]*\?>)?(?:\s*<!--[\s\S]*?-->)*(?:\s*<!DOCTYPE[^>]*>)?(?:\s*<!--[\s\S]*?-->)*\s*<(?:[\w-]+:)?tt[\s>]/

/** A `<tt>` root element, after an optional XML declaration and comments. */
export const isTtml = (text: string): boolean => ROOT.test(text.slice(0, 2048))

const tagOf = (node: XmlNode): string | undefined => Object.keys(node).find((k) => k !== ':@')
const childrenOf = (node: XmlNode, tag: string): XmlNode[] => (node[tag] as XmlNode[] | undefined) ?? []
const attributesOf = (node: XmlNode): Attributes => (node[':@'] as Attributes | undefined) ?? {}

interface Rates {
  frameRate: number
  tickRate: number
}

// `12.5s`, `100ms`, `2m`, `1.5h`, `30f`, `10000t`: an offset time.
const OFFSET_TIME = /^(\d+(?:\.\d+)?)(h|m|s|ms|f|t)$/
// `00:01:02:12`: a clock time whose last part counts frames.
const FRAMES_TIME = /^(\d{1,3}):(\d{2}):(\d{2}):(\d{2,3})(?:\.\d+)?$/
const OFFSET_UNIT: Readonly<Record<string, (v: number, r: Rates) => number>> = {
  h: (v) => v * 3600, m: (v) => v * 60, s: (v) => v, ms: (v) => v / 1000, f: (v, r) => v / r.frameRate, t: (v, r) => v / r.tickRate,
}

/** Seconds for a TTML time expression; a bare number (as Apple writes it) is seconds. */
const parseTime = (value: string | undefined, rates: Rates): number | undefined => {
  if (value === undefined) return undefined
  const text = value.trim()
  const offset = OFFSET_TIME.exec(text)
  if (offset) return OFFSET_UNIT[offset[2]!]!(Number(offset[1]), rates)
  const frames = FRAMES_TIME.exec(text)
  if (frames) return Number(frames[1]) * 3600 + Number(frames[2]) * 60 + Number(frames[3]) + Number(frames[4]) / rates.frameRate
  return parseTimestamp(text)
}

/** The agents the head declares: id → the name to show (its full name, any name, or the id). */
const agentNames = (head: XmlNode[]): Map<string, string> => {
  const names = new Map<string, string>()
  const visit = (nodes: XmlNode[]): void => {
    for (const node of nodes) {
      const tag = tagOf(node)
      if (!tag || tag === '#text') continue
      if (tag === 'agent') {
        const id = attributesOf(node).id
        const nameNodes = childrenOf(node, tag).filter((c) => tagOf(c) === 'name')
        const full = nameNodes.find((n) => attributesOf(n).type === 'full') ?? nameNodes[0]
        const name = full ? collapseWhitespace(textOf(childrenOf(full, 'name'))) : ''
        if (id) names.set(id, name || id)
      } else {
        visit(childrenOf(node, tag))
      }
    }
  }
  visit(head)
  return names
}

const textOf = (nodes: XmlNode[]): string => nodes.map((n) => {
  const tag = tagOf(n)
  return tag === '#text' ? String(n['#text']) : tag ? textOf(childrenOf(n, tag)) : ''
}).join('')

interface Part {
  agent?: string
  text: string
}

/**
 * The text of a `<p>`, split where a `<span>` names another agent. `<br/>` is a space, and word
 * spans (`podcasts:unit="word"`, Apple) are kept apart even when the file puts nothing between them.
 */
const paragraphParts = (nodes: XmlNode[], agent: string | undefined): Part[] => {
  const parts: Part[] = [{ ...(agent ? { agent } : {}), text: '' }]
  const walk = (children: XmlNode[], current: string | undefined): void => {
    for (const node of children) {
      const tag = tagOf(node)
      if (tag === '#text') {
        const last = parts[parts.length - 1]!
        if (last.agent !== current) parts.push({ ...(current ? { agent: current } : {}), text: String(node['#text']) })
        else last.text += String(node['#text'])
      } else if (tag === 'br') {
        parts[parts.length - 1]!.text += ' '
      } else if (tag && tag !== 'metadata') {
        const attributes = attributesOf(node)
        walk(childrenOf(node, tag), firstAgent(attributes.agent) ?? current)
        if (attributes.unit === 'word') parts[parts.length - 1]!.text += ' '
      }
    }
  }
  walk(nodes, agent)
  return parts
}

// `ttm:agent` may list several ids; the first speaks.
const firstAgent = (value: string | undefined): string | undefined => value?.trim().split(/\s+/)[0] || undefined

/**
 * Paragraphs in document order, each `fragment: true` with its times where the file gives them.
 * Times in a `<div>` that has its own `begin` count from it, as TTML's time containers say, unless
 * every time inside is already at or after it (files that repeat absolute times).
 *
 * @example
 * readTtml('<tt xmlns="http://www.w3.org/ns/ttml"><body><div><p begin="1s" end="2s">Hi</p></div></body></tt>')
 * // [{ text: 'Hi', start: 1, end: 2, fragment: true }]
 */
export const readTtml = (text: string, _warnings: Warning[] = []): Paragraph[] => {
  // Entity declarations can expand without bound; no caption file needs them.
  if (/<!ENTITY/i.test(text)) throw new PodpipeError('MALFORMED', 'not read as TTML: the file declares XML entities')
  const valid = XMLValidator.validate(text)
  if (valid !== true) throw new PodpipeError('MALFORMED', `not valid TTML: line ${valid.err.line}, column ${valid.err.col}: ${xmlProblem(valid.err)}`)
  let document: XmlNode[]
  try {
    document = parser.parse(text) as XmlNode[]
  } catch (err) {
    // The parser's own limits (elements nested deeper than any caption file nests them).
    throw new PodpipeError('MALFORMED', `not read as TTML: ${(err as Error).message}`, { cause: err })
  }
  const root = document.find((n) => tagOf(n) === 'tt')
  if (!root) throw new PodpipeError('MALFORMED', 'not valid TTML: the root element is not <tt>')
  const rootAttributes = attributesOf(root)
  const rates: Rates = { frameRate: Number(rootAttributes.frameRate) || 30, tickRate: Number(rootAttributes.tickRate) || 1 }
  const top = childrenOf(root, 'tt')
  const agents = agentNames(top.filter((n) => tagOf(n) === 'head'))
  const paragraphs: Paragraph[] = []

  const visit = (nodes: XmlNode[], offset: number, agent: string | undefined): void => {
    for (const node of nodes) {
      const tag = tagOf(node)
      if (!tag || tag === '#text' || tag === 'head' || tag === 'metadata') continue
      const attributes = attributesOf(node)
      const own = firstAgent(attributes.agent) ?? agent
      const begin = parseTime(attributes.begin, rates)
      const start = begin === undefined ? undefined : begin + offset
      if (tag === 'p') {
        const end = parseTime(attributes.end, rates) ?? (begin !== undefined ? addDuration(begin, attributes.dur, rates) : undefined)
        for (const part of paragraphParts(childrenOf(node, tag), own)) {
          const partText = collapseWhitespace(part.text)
          if (!partText) continue
          paragraphs.push({
            text: partText,
            ...(part.agent ? { speaker: agents.get(part.agent) ?? part.agent } : {}),
            ...(start !== undefined ? { start } : {}),
            ...(end !== undefined ? { end: end + offset } : {}),
            fragment: true,
          })
        }
        continue
      }
      const children = childrenOf(node, tag)
      visit(children, begin !== undefined && countsFrom(children, begin, rates) ? offset + begin : offset, own)
    }
  }
  visit(top, 0, undefined)
  return paragraphs
}

/** The validator's reason, said plainly where it lists the elements left open. */
const xmlProblem = ({ code, msg }: { code: string; msg: string }): string => {
  if (code !== 'InvalidXml') return msg
  const open = /^Invalid '\[([\s\S]*)\]' found\.$/.exec(msg)?.[1]
  return open ? `the file ends with elements left open (${open.replace(/[\s"]+/g, '').split(',').map((t) => `<${t}>`).join(' ')})` : msg
}

const addDuration = (begin: number, dur: string | undefined, rates: Rates): number | undefined => {
  const d = parseTime(dur, rates)
  return d === undefined ? undefined : begin + d
}

/** Whether a container's children count their times from its begin: some child begins before it. */
const countsFrom = (children: XmlNode[], begin: number, rates: Rates): boolean =>
  begin > 0 && children.some((c) => {
    const t = parseTime(attributesOf(c).begin, rates)
    return t !== undefined && t < begin
  })
