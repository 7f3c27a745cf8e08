/**
 * JSON text made in pieces, for text whose bytes are wanted (hashed, written to a file) rather
 * than the string itself.
 *
 * Why not JSON.stringify: it returns a rope (a V8 cons string), and whatever reads its bytes (a
 * hash's update, Buffer.from, a file write) first flattens it into one new string. A string
 * over 128 KB (64 K characters once one of them is above U+00FF, as in a post with a Chinese
 * name) is allocated in V8's large-object space, on fresh pages: flattening took 4–9 ns a
 * character there against 0.2–0.7 ns below, so hashing a seed record's canonical JSON cost more
 * than building it. Pieces of about CHUNK characters are flattened in the young generation.
 *
 * For plain JSON data, what JSON.parse, zod and V8's deserializer give: `toJSON` methods and
 * boxed primitives are not honoured.
 */

const CHUNK = 16_384

/** Characters JSON.stringify escapes (lone surrogates too): a string without any is written as it is. */
// eslint-disable-next-line no-control-regex -- control characters are what JSON escapes
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/

interface Property {
  key: string
  /** `"key":` (canonical) or `"key": ` (indented). */
  label: string
}

/**
 * The properties of each key list met (a trie on the keys in order), so the keys of an object
 * are sorted and quoted once per shape rather than once per object. Records have a few dozen
 * shapes; past MAX_SHAPES nodes (arbitrary data) new shapes are worked out and not kept.
 */
interface Shape {
  next: Map<string, Shape>
  canonical?: Property[]
  indented?: Property[]
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

const propertiesOf = (keys: readonly string[], canonical: boolean): Property[] => {
  const make = () => (canonical ? canonicalOrder(keys) : keys).map((key) => ({ key, label: `${JSON.stringify(key)}:${canonical ? '' : ' '}` }))
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
  return canonical ? (node.canonical ??= make()) : (node.indented ??= make())
}

class JsonWriter {
  private text = ''
  private readonly newlines: string[] = ['\n']

  constructor(
    private readonly canonical: boolean,
    private readonly emit: (piece: string) => void,
  ) {}

  end(tail = ''): void {
    this.emit(this.text + tail)
    this.text = ''
  }

  /** Writes `v` as JSON.stringify would (false, writing nothing, for what it leaves out). */
  value(v: unknown, depth: number): boolean {
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
        else if (Array.isArray(v)) this.array(v, depth)
        else this.object(v as Record<string, unknown>, depth)
        if (this.text.length >= CHUNK) this.end()
        return true
      default:
        return false
    }
  }

  /** Before an item at `depth`: nothing in canonical JSON, else a new line indented by two spaces a level. */
  private newline(depth: number): string {
    if (this.canonical) return ''
    return (this.newlines[depth] ??= `\n${'  '.repeat(depth)}`)
  }

  private array(v: readonly unknown[], depth: number): void {
    if (v.length === 0) {
      this.text += '[]'
      return
    }
    const inner = this.newline(depth + 1)
    for (let i = 0; i < v.length; i++) {
      this.text += (i === 0 ? '[' : ',') + inner
      if (!this.value(v[i], depth + 1)) this.text += 'null'
    }
    this.text += `${this.newline(depth)}]`
  }

  private object(v: Record<string, unknown>, depth: number): void {
    const inner = this.newline(depth + 1)
    let empty = true
    for (const { key, label } of propertiesOf(Object.keys(v), this.canonical)) {
      const x = v[key]
      if (x === undefined || typeof x === 'function' || typeof x === 'symbol') continue
      this.text += (empty ? '{' : ',') + inner + label
      empty = false
      this.value(x, depth + 1)
    }
    this.text += empty ? '{}' : `${this.newline(depth)}}`
  }
}

/**
 * canonicalJson's text (keys sorted at every depth, no white space) handed to `emit` in pieces
 * that join to it; nothing for a value JSON.stringify leaves out (undefined, a function).
 */
export const writeCanonicalJson = (value: unknown, emit: (piece: string) => void): void => {
  const writer = new JsonWriter(true, emit)
  if (writer.value(value, 0)) writer.end()
}

/** The bytes of a JSON file: `JSON.stringify(value, null, 2)` and a newline, in UTF-8. */
export const prettyJsonFile = (value: unknown): Buffer => {
  const pieces: string[] = []
  const writer = new JsonWriter(false, (piece) => pieces.push(piece))
  if (!writer.value(value, 0)) throw new TypeError(`${typeof value} is not JSON`)
  writer.end('\n')
  let bytes = 0
  for (const piece of pieces) bytes += Buffer.byteLength(piece)
  const out = Buffer.allocUnsafe(bytes)
  let at = 0
  for (const piece of pieces) at += out.write(piece, at)
  return out
}
