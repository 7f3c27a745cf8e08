import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { decodeText } from './decode.js'

const prolog = (encoding: string) => `<?xml version="1.0" encoding="${encoding}"?>`
const feed = (title: string) => `<rss version="2.0"><channel><title>${title}</title></channel></rss>`
const bytes = (text: string, encoding: string) => iconv.encode(text, encoding)

describe('decodeText', () => {
  it('reads windows-1252 from the prolog, 0x96 as an en dash (not latin1 U+0096)', () => {
    const body = bytes(prolog('windows-1252') + feed('Caf\u00e9 \u2013 News'), 'windows-1252')
    expect(body.includes(0x96)).toBe(true)
    expect(decodeText(body)).toBe(prolog('windows-1252') + feed('Café – News'))
  })

  it.each([
    { id: 'GBK', encoding: 'gbk', title: '中文播客：科技与政策' },
    { id: 'GB2312 label with GBK bytes', encoding: 'gb2312', title: '中文播客' },
    { id: 'Big5', encoding: 'big5', title: '繁體中文播客' },
    { id: 'ISO-8859-2', encoding: 'iso-8859-2', title: 'Łódź i Kraków' },
    { id: 'ISO-8859-15', encoding: 'iso-8859-15', title: 'Prix 5 €' },
  ])('reads $id from the prolog', ({ encoding, title }) => {
    const text = prolog(encoding) + feed(title)
    expect(decodeText(bytes(text, encoding === 'gb2312' ? 'gbk' : encoding))).toBe(text)
  })

  it('uses the HTTP charset when there is no prolog', () => {
    expect(decodeText(bytes(feed('中文播客'), 'gbk'), 'application/rss+xml; charset="GBK"')).toBe(feed('中文播客'))
  })

  it('prefers the prolog over the HTTP header when both name a legacy charset', () => {
    const text = prolog('big5') + feed('繁體')
    expect(decodeText(bytes(text, 'big5'), 'text/xml; charset=gbk')).toBe(text)
  })

  it('skips a prolog that claims UTF-8 over bytes that are not, and trusts the header', () => {
    const body = Buffer.concat([Buffer.from(prolog('utf-8')), bytes(feed('中文播客'), 'gbk')])
    expect(decodeText(body, 'text/xml; charset=gbk')).toBe(prolog('utf-8') + feed('中文播客'))
  })

  it('reads valid UTF-8 as UTF-8 even when the labels say otherwise', () => {
    const text = prolog('windows-1252') + feed('Café – 中文')
    expect(decodeText(Buffer.from(text, 'utf8'), 'text/xml; charset=iso-8859-1')).toBe(text)
  })

  it('strips a UTF-8 BOM and reads UTF-16 by its BOM', () => {
    const text = prolog('utf-8') + feed('Grüße')
    expect(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]))).toBe(text)
    expect(decodeText(Buffer.from(text))).toBe(text)
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])
    expect(decodeText(utf16)).toBe(text)
  })

  it('falls back to windows-1252 for unlabelled bytes that are not UTF-8', () => {
    expect(decodeText(Buffer.from([0x41, 0x96, 0x42]))).toBe('A–B')
  })

  it('trims whitespace before <?xml but leaves other text alone', () => {
    expect(decodeText(Buffer.from(`\n  ${prolog('utf-8')}<a/>`))).toBe(`${prolog('utf-8')}<a/>`)
    expect(decodeText(Buffer.from('  hello'))).toBe('  hello')
  })
})
