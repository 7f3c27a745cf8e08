import { describe, expect, it } from 'vitest'
import { readTranscript } from './read-transcript.js'
import { isTtml, readTtml } from './ttml.js'

// The shape of a DFXP / TTML caption file (W3C TTML2 §8, with agents in the head).
const DFXP = `<?xml version="1.0" encoding="utf-8"?>
<tt xml:lang="en" xmlns="http://www.w3.org/ns/ttml" xmlns:tts="http://www.w3.org/ns/ttml#styling" xmlns:ttm="http://www.w3.org/ns/ttml#metadata" xmlns:ttp="http://www.w3.org/ns/ttml#parameter" ttp:frameRate="25">
<head>
<metadata><ttm:title>Episode 12</ttm:title>
<ttm:agent xml:id="js" type="person"><ttm:name type="family">Schneider</ttm:name><ttm:name type="full">Jordan Schneider</ttm:name></ttm:agent>
<ttm:agent xml:id="cm" type="person"><ttm:name type="full">Chris Miller</ttm:name></ttm:agent>
</metadata>
<styling><style xml:id="s1" tts:color="white"/></styling>
</head>
<body><div>
<p begin="00:00:01:12" end="00:00:03.000" ttm:agent="js" style="s1">Welcome to ChinaTalk.<br/>Today: rare earths.</p>
<p begin="3s" dur="2.5s"><span ttm:agent="cm">Thanks for having me.</span> <span ttm:agent="js">Sure.</span></p>
<p begin="6000ms" end="8s" ttm:agent="cm">China refines most &amp; more.</p>
</div></body></tt>`

// The shape of Apple Podcasts' transcripts: numbered agents without names, word spans, bare seconds.
const APPLE = `<?xml version="1.0" encoding="UTF-8"?>
<tt xmlns="http://www.w3.org/ns/ttml" xmlns:podcasts="http://podcasts.apple.com/transcript-ttml-internal" xmlns:ttm="http://www.w3.org/ns/ttml#metadata" xml:lang="en" ttm:agent="">
<head><metadata><ttm:agent type="person" xml:id="SPEAKER_1"/><ttm:agent type="person" xml:id="SPEAKER_2"/></metadata></head>
<body dur="12.000"><div begin="0.500" end="12.000">
<p begin="0.500" end="4.200" ttm:agent="SPEAKER_1"><span podcasts:unit="sentence"><span podcasts:unit="word" begin="0.5" end="0.9">Welcome</span><span podcasts:unit="word" begin="0.9" end="1.0">back.</span></span></p>
<p begin="4.300" end="9.000" ttm:agent="SPEAKER_2"><span podcasts:unit="sentence"><span podcasts:unit="word">Thanks</span> <span podcasts:unit="word">again.</span></span></p>
</div></body></tt>`

describe('readTtml', () => {
  it('reads each <p> as a timed fragment, with its agent\'s full name as the speaker', () => {
    expect(readTtml(DFXP)).toEqual([
      { text: 'Welcome to ChinaTalk. Today: rare earths.', speaker: 'Jordan Schneider', start: 1.48, end: 3, fragment: true },
      { text: 'Thanks for having me.', speaker: 'Chris Miller', start: 3, end: 5.5, fragment: true },
      { text: 'Sure.', speaker: 'Jordan Schneider', start: 3, end: 5.5, fragment: true },
      { text: 'China refines most & more.', speaker: 'Chris Miller', start: 6, end: 8, fragment: true },
    ])
  })

  it('reads Apple Podcasts\' word spans as words and an unnamed agent by its id', () => {
    expect(readTtml(APPLE).map((p) => [p.speaker, p.text, p.start])).toEqual([['SPEAKER_1', 'Welcome back.', 0.5], ['SPEAKER_2', 'Thanks again.', 4.3]])
  })

  it('counts times inside a <div> from its begin when they run from zero, and reads ticks', () => {
    const relative = '<tt xmlns="http://www.w3.org/ns/ttml" ttp:tickRate="10000000" xmlns:ttp="http://www.w3.org/ns/ttml#parameter"><body><div begin="60s"><p begin="0t" end="20000000t">Hi.</p><p begin="00:00:05.000">There.</p></div></body></tt>'
    expect(readTtml(relative).map((p) => [p.start, p.end])).toEqual([[60, 62], [65, undefined]])
  })

  it('names the problem of a broken file', () => {
    expect(() => readTtml('<tt xmlns="http://www.w3.org/ns/ttml"><body><p>Hi</body></tt>')).toThrow(/not valid TTML: line 1, column \d+: Expected closing tag 'p'/)
    expect(() => readTtml('<tt xmlns="http://www.w3.org/ns/ttml"><body><p>Hi')).toThrow('not valid TTML: line 1, column 1: the file ends with elements left open (<tt> <body> <p>)')
    expect(() => readTtml(`<tt><body><p>${'<span>'.repeat(5000)}deep${'</span>'.repeat(5000)}</p></body></tt>`)).toThrow(/not read as TTML: Maximum nested tags exceeded/)
    expect(() => readTtml('<?xml version="1.0"?><!DOCTYPE tt [<!ENTITY a "aaaa">]><tt><body><p>&a;</p></body></tt>')).toThrow(/entities/)
  })
})

describe('readTranscript with TTML', () => {
  it('detects it by content, by type and by name', () => {
    expect(isTtml(DFXP)).toBe(true)
    expect(isTtml('<?xml version="1.0"?><rss version="2.0"></rss>')).toBe(false)
    expect(readTranscript(DFXP).format).toBe('ttml')
    expect(readTranscript(APPLE, { contentType: 'application/ttml+xml' }).format).toBe('ttml')
    expect(readTranscript(APPLE, { contentType: 'application/xml', fileName: 'a.xml' }).format).toBe('ttml')
    expect(readTranscript(DFXP, { fileName: 'captions.dfxp' }).format).toBe('ttml')
  })

  it('refuses a file with no text as EMPTY_INPUT, naming it', () => {
    expect(() => readTranscript('<tt xmlns="http://www.w3.org/ns/ttml"><body><div/></body></tt>', { input: 'empty.ttml' }))
      .toThrow(expect.objectContaining({ code: 'EMPTY_INPUT', input: 'empty.ttml' }))
  })
})
