import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { isHtml, readHtml } from './html.js'

const fixtureText = (name: string): string => readFileSync(new URL(`../../fixtures/transcripts/${name}`, import.meta.url), 'utf8')

describe('readHtml on the Podcasting 2.0 spec fragment (<cite>/<time>/<p>)', () => {
  const paragraphs = readHtml(fixtureText('pc20-spec-transcript.html'))

  it('reads the 10 turns with their speakers from <cite>', () => {
    expect(paragraphs.map((p) => p.speaker)).toEqual(['Travis', 'Sarah', 'Travis', 'Gilon', 'Travis', 'Gilon', 'Travis', 'Sarah', 'Gilon', 'Travis'])
  })

  it('takes start from <time> and end from the next one', () => {
    expect(paragraphs.map((p) => p.start)).toEqual([0, 53, 102, 219, 263, 322, 376, 562, 617, 691])
    expect(paragraphs.map((p) => p.end)).toEqual([53, 102, 219, 263, 322, 376, 562, 617, 691, undefined])
  })

  it('decodes &#39; and keeps the words', () => {
    expect(paragraphs[0]!.text).toMatch(/^When you first get started in podcasting, it's almost guaranteed/)
    expect(paragraphs[9]!.text).toMatch(/the next best thing to do is to batch your episodes\.$/)
    expect(paragraphs.some((p) => p.text.includes('&#39;') || p.text.includes('<'))).toBe(false)
  })
})

describe('readHtml on variants of the transcript form', () => {
  it('reads `Alban :`, a first turn without <cite>, and a full page', () => {
    const html = `<!DOCTYPE html><html><head><meta charset="UTF-8"><title>Episode 3</title>
      <style>p { color: red }</style></head><body>
      <time>0:00</time><p>Jingle music</p>
      <cite>Alban :</cite><time>0:09</time><p>Welcome back.</p><p>Second paragraph.</p>
      <cite>Kevin:</cite><time>1:02:03</time><p>Thanks.</p>
      <script>var cite = '<cite>No:</cite>'</script></body></html>`
    expect(readHtml(html)).toEqual([
      { text: 'Jingle music', start: 0, end: 9 },
      { text: 'Welcome back.', speaker: 'Alban', start: 9 },
      { text: 'Second paragraph.', end: 3723 },
      { text: 'Thanks.', speaker: 'Kevin', start: 3723 },
    ])
  })

  it('keeps <cite> and <time> that are not the transcript form as text', () => {
    const html = '<p>Posted <time datetime="2025-10-10">October 10</time> by us</p><blockquote><p>Ask not.</p><cite>— JFK</cite></blockquote><cite>Jan 5</cite>'
    expect(readHtml(html).map((p) => p.text)).toEqual(['Posted October 10 by us', 'Ask not.', '— JFK', 'Jan 5'])
    expect(readHtml(html).some((p) => p.speaker !== undefined || p.start !== undefined)).toBe(false)
  })
})

describe('readHtml on post bodies', () => {
  it('reads a Substack-style body: each block a paragraph, bold labels left in the text (a bold name gets its colon)', () => {
    const html = `<h2>Transcript</h2>
      <p><strong>Chris McGuire:</strong> Last night, MOFCOM issued&nbsp;new rules &amp; more.</p>
      <p><strong>Jordan Schneider</strong> If China wanted to&#8230;</p>
      <p>A paragraph with<br>a line break</p>
      <ul><li>Export controls</li><li>Rare <em>earths</em></li></ul>
      <blockquote>A quote</blockquote>
      <div>Loose text <span>in a div</span></div>`
    expect(readHtml(html).map((p) => p.text)).toEqual([
      'Transcript',
      'Chris McGuire: Last night, MOFCOM issued new rules & more.',
      'Jordan Schneider: If China wanted to…',
      'A paragraph with',
      'a line break',
      'Export controls',
      'Rare earths',
      'A quote',
      'Loose text in a div',
    ])
  })

  it('marks headings with their level, and only headings', () => {
    expect(readHtml('<h1>Episode 12: Rare earths</h1><p>Notes.</p><h3><span>Jordan Schneider</span></h3><p>Welcome.</p><h2>Jo (0:05)</h2><p>Hi.</p>')).toEqual([
      { text: 'Episode 12: Rare earths', headingLevel: 1 },
      { text: 'Notes.' },
      { text: 'Jordan Schneider', headingLevel: 3 },
      { text: 'Welcome.' },
      { text: 'Hi.', speaker: 'Jo', start: 5 },
    ])
    expect(readHtml('<dl><dt>Ann Lee</dt><dd>Welcome.</dd></dl>')).toEqual([{ text: 'Ann Lee', headingLevel: 6 }, { text: 'Welcome.' }])
  })

  it('splits a body with no block element at its line breaks (plain text sent as HTML)', () => {
    expect(readHtml('<b>Ann:</b> Hello &amp; welcome.\n<b>Bob:</b> Thanks.\n\nThe end.')).toEqual([
      { text: 'Ann: Hello & welcome.' },
      { text: 'Bob: Thanks.' },
      { text: 'The end.' },
    ])
    expect(readHtml('<p>One\nparagraph</p>')).toEqual([{ text: 'One paragraph' }])
  })

  it('reads timestamps in a Substack transcript as in plain text', () => {
    const html = '<h3>Introduction (0:00)</h3><p><strong>Theo:</strong> Welcome back.</p><p><strong>Dwarkesh (1:05):</strong> Thanks.</p><p>[1:30] More.</p>'
    expect(readHtml(html)).toEqual([
      { text: 'Introduction', start: 0 },
      { text: 'Theo: Welcome back.', end: 65 },
      { text: 'Dwarkesh: Thanks.', start: 65, end: 90 },
      { text: 'More.', start: 90 },
    ])
  })

  it('survives unclosed tags and a raw ampersand', () => {
    expect(readHtml('<p>One & two<p>Three').map((p) => p.text)).toEqual(['One & two', 'Three'])
    expect(readHtml('<head><title>Ep 3</title><style>p {}</style><p>Hi there</p>').map((p) => p.text)).toEqual(['Hi there'])
  })
})

describe('isHtml', () => {
  it.each([
    { id: 'spec fragment', text: '\n<cite>Travis:</cite>\n<time>0:00</time>', expected: true },
    { id: 'doctype', text: '<!DOCTYPE html>\n<html>', expected: true },
    { id: 'comment first', text: '<!-- saved -->\n<p>Hi</p>', expected: true },
    { id: 'xhtml prolog', text: '<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml">', expected: true },
    { id: 'RSS feed', text: '<?xml version="1.0"?><rss version="2.0">', expected: false },
    { id: 'TTML', text: '<tt xmlns="http://www.w3.org/ns/ttml">', expected: false },
    { id: 'prose mentioning a tag', text: 'Use the <p> tag', expected: false },
  ])('$id → $expected', ({ text, expected }) => {
    expect(isHtml(text)).toBe(expected)
  })
})

describe('readHtml: speaker elements, bold leads and transcript tables', () => {
  it('reads `<p class="speaker">` as the next paragraph\'s speaker (cweiske-style turn divs)', () => {
    const html = `<div class="turn"><p class="speaker">Tim Pritlove</p><p>Hallo und herzlich willkommen.</p></div>
      <div class="turn"><p class="speaker">Linus Neumann</p><p>Guten Abend.</p></div>`
    expect(readHtml(html)).toEqual([
      { text: 'Hallo und herzlich willkommen.', speaker: 'Tim Pritlove' },
      { text: 'Guten Abend.', speaker: 'Linus Neumann' },
    ])
  })

  it('reads a bold name opening a paragraph as a label, and leaves bold emphasis in a sentence alone', () => {
    expect(readHtml('<p><strong>Bruce Schneier</strong> My path is odd.</p><p>It was <b>very</b> odd.</p>').map((p) => p.text))
      .toEqual(['Bruce Schneier: My path is odd.', 'It was very odd.'])
  })

  it('reads a bold name followed by its colon outside the bold run as one label', () => {
    expect(readHtml('<p><b>Jordan</b>: Welcome.</p><p><strong>Chris</strong> : Thanks: really.</p>').map((p) => p.text))
      .toEqual(['Jordan: Welcome.', 'Chris: Thanks: really.'])
  })

  it('reads a transcript table: times and speakers from their cells, the header row dropped', () => {
    const html = `<table><tr><th>Time</th><th>Speaker</th><th>Text</th></tr>
      <tr><td>0h00m00s</td><td>Ann Lee</td><td>Welcome to the show.</td></tr>
      <tr><td>0h01m05s</td><td>Bob Ray</td><td>Thanks for having me.</td></tr></table>`
    expect(readHtml(html)).toEqual([
      { text: 'Welcome to the show.', speaker: 'Ann Lee', start: 0, end: 65 },
      { text: 'Thanks for having me.', speaker: 'Bob Ray', start: 65 },
    ])
  })

  it('reads a transcript table without a header by its cells, speech shorter than the name beside it included', () => {
    const html = `<table><tr><td>00:00</td><td>Jordan Schneider</td><td>Welcome to ChinaTalk.</td></tr>
      <tr><td>00:09</td><td>Jordan Schneider</td><td>What changed?</td></tr><tr><td>00:12</td><td>Chris Miller</td><td>Everything.</td></tr>
      <tr><td>00:13</td><td>Chris Miller Jr.</td><td>Right.</td></tr></table>`
    expect(readHtml(html)).toEqual([
      { text: 'Welcome to ChinaTalk.', speaker: 'Jordan Schneider', start: 0, end: 9 },
      { text: 'What changed?', speaker: 'Jordan Schneider', start: 9, end: 12 },
      { text: 'Everything.', speaker: 'Chris Miller', start: 12, end: 13 },
      { text: 'Right.', speaker: 'Chris Miller Jr.', start: 13 },
    ])
  })

  it('reads a transcript table by the names its header gives the columns, however short the speech', () => {
    const html = `<table><tr><th>Speaker</th><th>Time</th><th>Text</th></tr>
      <tr><td>Jordan Schneider</td><td>00:00:09</td><td>Why?</td></tr><tr><td>Chris Miller</td><td>00:00:10</td><td>Leverage.</td></tr></table>`
    expect(readHtml(html)).toEqual([
      { text: 'Why?', speaker: 'Jordan Schneider', start: 9, end: 10 },
      { text: 'Leverage.', speaker: 'Chris Miller', start: 10 },
    ])
  })

  it('leaves out page furniture: a sidebar, a form, readers\' comments, related posts; not a post that merely takes comments', () => {
    const html = `<article class="post comments-open"><p><b>Ann Lee:</b> Hello.</p><aside><ul><li>Ep 11: Chips</li></ul></aside>
      <p>Still Ann.</p></article><form><p>Your email</p><input name="e"></form>
      <div id="comments"><div class="comment"><div class="comment"><p><b>Mike Jones:</b> Great episode!</p></div></div><p>More</p></div>
      <section class="related-posts"><p>Ep 10</p></section><p><b>Bob Ray:</b> Bye.</p>`
    expect(readHtml(html).map((p) => p.text)).toEqual(['Ann Lee: Hello.', 'Still Ann.', 'Bob Ray: Bye.'])
  })

  it('reads any other table cell by cell', () => {
    expect(readHtml('<table><tr><td>Gallium</td><td>98% from China</td></tr></table>').map((p) => p.text)).toEqual(['Gallium', '98% from China'])
  })
})
