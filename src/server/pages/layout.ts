import { html, raw } from 'hono/html'
import type { HtmlEscapedString } from 'hono/utils/html'
import { DEFAULT_PAGE } from '../../query/index.js'

/** What every page template returns: escaped HTML, possibly still resolving nested promises. */
export type Html = HtmlEscapedString | Promise<HtmlEscapedString>

// One small stylesheet inline: no build chain, no second request, readable from 320 px up.
// Focus rings are drawn explicitly because the reset of link colours would otherwise hide them.
const STYLE = `
:root { color-scheme: light dark; --fg: #1b1b1b; --bg: #fdfdfb; --muted: #5c5c5c; --accent: #0b57d0; --mark: #fff1a8; --line: #d6d6d6; }
@media (prefers-color-scheme: dark) { :root { --fg: #ececec; --bg: #161616; --muted: #a8a8a8; --accent: #8ab4f8; --mark: #5a4a00; --line: #3a3a3a; } }
* { box-sizing: border-box; }
body { margin: 0; font: 17px/1.55 system-ui, sans-serif; color: var(--fg); background: var(--bg); }
header, main, footer { max-width: 52rem; margin: 0 auto; padding: 0 1rem; }
header { border-bottom: 1px solid var(--line); padding-block: .6rem; display: flex; flex-wrap: wrap; gap: .4rem 1.2rem; align-items: baseline; }
header .brand { font-weight: 700; }
a { color: var(--accent); }
a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, summary:focus-visible, mark:target {
  outline: 3px solid var(--accent); outline-offset: 2px; }
.skip { position: absolute; left: -999px; top: .5rem; background: var(--bg); padding: .4rem .8rem; }
.skip:focus { left: .5rem; }
h1 { font-size: 1.5rem; line-height: 1.25; margin: 1rem 0 .3rem; overflow-wrap: anywhere; }
h2 { font-size: 1.15rem; margin-top: 1.6rem; }
.meta, small, .muted { color: var(--muted); }
ul.plain { list-style: none; padding: 0; }
ul.plain > li { padding: .45rem 0; border-bottom: 1px solid var(--line); }
form { display: flex; flex-wrap: wrap; gap: .5rem; align-items: end; margin: .8rem 0; }
label { display: flex; flex-direction: column; font-size: .9rem; }
input, select, button { font: inherit; padding: .3rem .45rem; min-height: 2.2rem; max-width: 100%; }
.turn { margin: 1rem 0; }
.turn .who { font-weight: 600; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; }
mark { background: var(--mark); color: inherit; padding: 0 .1em; scroll-margin-top: 4rem; }
mark .tag { font-size: .75rem; font-weight: 600; margin-left: .3em; white-space: nowrap; }
.turn:target { background: color-mix(in srgb, var(--mark) 35%, transparent); }
details { margin: .6rem 0; border: 1px solid var(--line); padding: .3rem .6rem; }
table { border-collapse: collapse; width: 100%; font-size: .95rem; }
th, td { text-align: left; padding: .25rem .4rem; border-bottom: 1px solid var(--line); }
.scroll { overflow-x: auto; }
`

// The stylesheet is a constant of this module, never data, so it is the one raw insertion
// (escaping would turn its `>` selectors into &gt;).
const STYLE_RAW = raw(STYLE)

/** Navigation shared by every page: where a reader can always go next. */
const nav = html`<nav aria-label="Site"><a class="brand" href="/">podpipe records</a> <a href="/claims">Claims</a></nav>`

/**
 * The page shell: a skip link to the main content (first Tab stop), the site navigation and the
 * inline stylesheet. `title` and `body` are escaped unless they are already html`` values.
 */
export const layout = (title: string, body: Html): Html => html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · podpipe</title>
<style>${STYLE_RAW}</style>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header>${nav}</header>
<main id="main" tabindex="-1">${body}</main>
</body>
</html>`

/** A publication date as a reader expects it (2025-11-03), or "undated". */
export const day = (iso: string | null): string => (iso === null ? 'undated' : iso.slice(0, 10))

/** Seconds into the audio as h:mm:ss or m:ss, the way players show them. */
export const clock = (seconds: number): string => {
  const s = Math.floor(seconds)
  const [h, m, r] = [Math.floor(s / 3600), Math.floor((s % 3600) / 60), s % 60]
  const pad = (n: number) => String(n).padStart(2, '0')
  return h > 0 ? `${h}:${pad(m)}:${pad(r)}` : `${m}:${pad(r)}`
}

/** A query string from the set values only, so links never carry empty parameters. */
export const queryString = (params: Record<string, string | number | undefined>): string => {
  const q = new URLSearchParams()
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v))
  const s = q.toString()
  return s ? `?${s}` : ''
}

/**
 * Whether a URL from a feed may become a link: only http(s). Escaping keeps a value inside its
 * attribute, but a `javascript:` URL would still run when followed.
 */
export const webLink = (url: string | null): url is string => url !== null && /^https?:\/\//i.test(url)

/** A page size for a next link: kept when the reader chose one, left out (the default) otherwise. */
export const pageSize = (limit: number): number | undefined => (limit === DEFAULT_PAGE ? undefined : limit)
