import { html } from 'hono/html'
import type { EpisodePage, EpisodesQuery } from '../../query/index.js'
import type { EpisodeRecord } from '../../record/schema.js'
import { highlightTurn, turnAnchor, type MentionSpan } from './highlight.js'
import { clock, day, layout, pageSize, queryString, webLink, type Html } from './layout.js'

const SECTION_NAMES: Record<EpisodeRecord['sections'][number]['kind'], string> = {
  'show-notes': 'Show notes', article: 'Article', promo: 'Promotion', other: 'Other text',
}

/** The two search forms: claims by text (to /claims), and episodes by speaker or entity (here). */
const searchForms = (q: Pick<EpisodesQuery, 'speaker' | 'entity'>): Html => html`
<form action="/claims" method="get" role="search" aria-label="Search claims">
<label>Search claims <input type="search" name="q" placeholder="export controls"></label>
<button type="submit">Search</button>
</form>
<form action="/" method="get" aria-label="Filter episodes">
<label>Speaker id <input name="speaker" value="${q.speaker ?? ''}" placeholder="mcguire"></label>
<label>Entity id <input name="entity" value="${q.entity ?? ''}" placeholder="china"></label>
<button type="submit">Filter episodes</button>
</form>`

/** The home page: episodes newest first, with search, and a link to the next page when there is one. */
export const episodesPage = (page: EpisodePage, q: EpisodesQuery): Html => layout('Episodes', html`
<h1>Episodes</h1>
${searchForms(q)}
${page.items.length === 0 ? html`<p>No episodes${q.speaker || q.entity ? ' match this filter' : ' yet'}.</p>` : ''}
<ul class="plain episodes">${page.items.map((e) => html`<li>
<a href="/episodes/${encodeURIComponent(e.id)}">${e.title ?? e.guid}</a><br>
<small>${day(e.publishedAt)} · ${e.turnCount} turns · ${e.claimCount} claims · ${e.speakers.map((s, i) => html`${i ? ', ' : ''}<a href="/speakers/${encodeURIComponent(s.id)}">${s.name ?? s.id}</a>`)}</small>
</li>`)}</ul>
${page.nextCursor ? html`<p><a rel="next" href="/${queryString({ speaker: q.speaker, entity: q.entity, limit: pageSize(q.limit), cursor: page.nextCursor })}">Older episodes</a></p>` : ''}`)

/**
 * A lang attribute for text in a known language other than the page's English, so screen readers
 * and hyphenation treat it right; "und" (undetermined) and absent add nothing.
 */
const langOf = (language: string | undefined): Html | string =>
  language === undefined || language === 'und' || language === 'en' ? '' : html` lang="${language}"`

/** Mentions per turn, each with its entity id, for the links in the turn text; each entity's first one is marked. */
const mentionsByTurn = (record: EpisodeRecord): Map<number, MentionSpan[]> => {
  const byTurn = new Map<number, MentionSpan[]>()
  for (const e of record.entities) {
    const first = e.mentions.reduce<(typeof e.mentions)[number] | undefined>(
      (a, m) => (a === undefined || m.turn < a.turn || (m.turn === a.turn && m.start < a.start) ? m : a), undefined)
    for (const m of e.mentions) {
      const list = byTurn.get(m.turn) ?? []
      list.push({ start: m.start, end: m.end, entityId: e.id, first: m === first })
      byTurn.set(m.turn, list)
    }
  }
  return byTurn
}

/**
 * One episode: its turns in order (speaker, time where the transcript has it, the text with
 * claims marked and entities linked), the other sections folded into <details>, and its entities.
 */
export const episodePage = (record: EpisodeRecord): Html => {
  const names = new Map(record.speakers.map((s) => [s.id, s.name ?? s.id]))
  const mentions = mentionsByTurn(record)
  const title = record.episode.title ?? record.episode.guid
  return layout(title, html`
<h1>${title}</h1>
<p class="meta">${day(record.episode.publishedAt)} · ${record.turns.length} turns · ${record.claims.length} claims${webLink(record.episode.link) ? html` · <a href="${record.episode.link}">episode page</a>` : ''}</p>
<p>Speakers: ${record.speakers.map((s, i) => html`${i ? ', ' : ''}<a href="/speakers/${encodeURIComponent(s.id)}">${s.name ?? s.id}</a> (${s.role})`)}</p>
${record.sections.map((s) => html`<details><summary>${SECTION_NAMES[s.kind]}</summary><div class="text"${langOf(s.language)}>${s.text}</div></details>`)}
${record.entities.length ? html`<details><summary>Entities (${record.entities.length})</summary><ul>${record.entities.map((e) => html`<li><a href="/entities/${encodeURIComponent(e.id)}">${e.name}</a> <small>${e.type} · ${e.mentions.length} mentions</small></li>`)}</ul></details>` : ''}
<h2>Transcript</h2>
${record.turns.length === 0 ? html`<p>This record has no transcript turns.</p>` : ''}
${record.turns.map((t) => html`<section class="turn" id="${turnAnchor(t.index)}" aria-label="Turn ${t.index + 1}">
<p><span class="who"><a href="/speakers/${encodeURIComponent(t.speakerId)}">${names.get(t.speakerId) ?? t.speakerId}</a></span>${t.start === undefined ? '' : html` <small><a href="#${turnAnchor(t.index)}">${clock(t.start)}</a></small>`}</p>
<div class="text"${langOf(t.language)}>${highlightTurn(t.text, record.claims.filter((c) => c.turn === t.index), mentions.get(t.index) ?? [])}</div>
</section>`)}`)
}
