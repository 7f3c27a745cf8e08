/**
 * Canonical JSON (keys sorted at every depth, no white space) written in pieces, for text whose
 * bytes are wanted (hashed, written to a file) rather than the string itself.
 *
 * Pieces of about CHUNK characters, with each object shape's keys sorted and quoted once:
 * JSON.stringify has no key order of its own, and a sorted copy of the record stringified
 * natively measured no cheaper (3.3–4.3 against 3.4–4.5 ms on the seed record). Pieces also keep
 * the text out of V8's large-object space: a flat string over 128 KB (64 K characters once one
 * of them is above U+00FF, as in most transcripts' curly quotes) is allocated on fresh pages there.
 *
 * For plain JSON data, what JSON.parse, zod and V8's deserializer give: `toJSON` methods and
 * boxed primitives are not honoured.
 */

const CHUNK = 16_384

/** Characters JSON.stringify escapes (lone surrogates too): a string without any is written as it is. */
// eslint-disable-next-line no-control-regex -- control characters are what JSON escapes
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/

export interface Property {
  key: string
  /** `"key":` */
  label: string
}

/**
 * The properties of each key list met (a trie on the keys in order), so the keys of an object
 * are sorted and quoted once per shape rather than once per object. Records have a few dozen
 * shapes; past MAX_SHAPES nodes (arbitrary data) new shapes are worked out and not kept.
 */
interface Shape {
  next: Map<string, Shape>
  properties?: Property[]
}

const MAX_SHAPES = 10_000
const shapes: Shape = { next: new Map() }
let shapeCount = 0

const ARRAY_INDEX = /^(?:0|[1-9]\d*)$/
const isArrayIndex = (key: string): boolean => ARRAY_INDEX.test(key) && Number(key) < 2 ** 32 - 1

/**
 * The order of canonicalJson's first implementation, which built a new object with the keys
 * inserted sorted: an object lists array-index keys first, in numeric order, then the rest in
 * insertion order. `__proto__` was assigned, setting the prototype, so it never appeared.
 */
const canonicalOrder = (keys: readonly string[]): string[] => {
  const indexes = keys.filter(isArrayIndex).sort((a, b) => Number(a) - Number(b))
  const names = keys.filter((k) => k !== '__proto__' && !isArrayIndex(k)).sort()
  return [...indexes, ...names]
}

const propertiesOf = (keys: readonly string[]): readonly Property[] => {
  const make = () => canonicalOrder(keys).map((key) => ({ key, label: `${JSON.stringify(key)}:` }))
  let node = shapes
  for (const key of keys) {
    let next = node.next.get(key)
    if (next === undefined) {
      if (shapeCount >= MAX_SHAPES) return make()
      next = { next: new Map() }
      node.next.set(key, next)
      shapeCount++
    }
    node = next
  }
  return (node.properties ??= make())
}

/** An object's properties in canonical order, each with its key quoted: `"key":`. */
export const canonicalProperties = (value: object): readonly Property[] => propertiesOf(Object.keys(value))

/** What JSON.stringify leaves out of an object. */
export const isOmitted = (x: unknown): boolean => x === undefined || typeof x === 'function' || typeof x === 'symbol'

/** Writes canonical JSON in pieces of about CHUNK characters. */
class CanonicalWriter {
  private text = ''

  constructor(private readonly emit: (piece: string) => void) {}

  end(): void {
    this.emit(this.text)
    this.text = ''
  }

  /** Writes `v` as JSON.stringify would (false, writing nothing, for what it leaves out). */
  value(v: unknown): boolean {
    switch (typeof v) {
      case 'string':
        this.text += NEEDS_ESCAPE.test(v) ? JSON.stringify(v) : `"${v}"`
        return true
      case 'number':
        this.text += Number.isFinite(v) ? String(v) : 'null'
        return true
      case 'boolean':
        this.text += v ? 'true' : 'false'
        return true
      case 'bigint':
        throw new TypeError('Do not know how to serialize a BigInt')
      case 'object':
        if (v === null) this.text += 'null'
        else if (Array.isArray(v)) this.array(v)
        else this.object(v as Record<string, unknown>)
        if (this.text.length >= CHUNK) this.end()
        return true
      default:
        return false
    }
  }

  private array(v: readonly unknown[]): void {
    if (v.length === 0) {
      this.text += '[]'
      return
    }
    for (let i = 0; i < v.length; i++) {
      this.text += i === 0 ? '[' : ','
      if (!this.value(v[i])) this.text += 'null'
    }
    this.text += ']'
  }

  private object(v: Record<string, unknown>): void {
    let empty = true
    for (const { key, label } of propertiesOf(Object.keys(v))) {
      const x = v[key]
      if (isOmitted(x)) continue
      this.text += (empty ? '{' : ',') + label
      empty = false
      this.value(x)
    }
    this.text += empty ? '{}' : '}'
  }
}

/**
 * canonicalJson's text (keys sorted at every depth, no white space) handed to `emit` in pieces
 * that join to it; nothing for a value JSON.stringify leaves out (undefined, a function).
 */
export const writeCanonicalJson = (value: unknown, emit: (piece: string) => void): void => {
  const writer = new CanonicalWriter(emit)
  if (writer.value(value)) writer.end()
}
