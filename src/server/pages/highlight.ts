import { html } from 'hono/html'
import type { Claim } from '../../record/schema.js'
import type { Html } from './layout.js'

/** A stretch of a turn's text: [start, end) offsets, as claims and mentions give them. */
export interface Span {
  start: number
  end: number
}

/** An entity mention in a turn, to become a link to the entity's page. */
export interface MentionSpan extends Span {
  entityId: string
  /** The entity's first mention in the episode: it carries the #mention-<entity> anchor entity pages link to. */
  first?: boolean
}

/**
 * Keeps the spans that fit in `length` and do not overlap an earlier kept one (by start, longest
 * first); HTML cannot nest a <mark> across another's boundary, so the rest are reported apart.
 */
export const nonOverlapping = <T extends Span>(spans: readonly T[], length: number): { kept: T[]; dropped: T[] } => {
  const kept: T[] = []
  const dropped: T[] = []
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end)
  let reached = 0
  for (const s of sorted) {
    if (s.start < reached || s.start >= s.end || s.end > length || s.start < 0) dropped.push(s)
    else {
      kept.push(s)
      reached = s.end
    }
  }
  return { kept, dropped }
}

/** The id a claim's place in the transcript has, for #claim-… links. */
export const claimAnchor = (id: string): string => `claim-${id}`
/** The id of an entity's first mention in an episode, for links from the entity's page. */
export const mentionAnchor = (entityId: string): string => `mention-${entityId}`
/** The id of a turn, for #turn-N links. */
export const turnAnchor = (index: number): string => `turn-${index}`

const claimTag = (c: Claim): string =>
  [c.kind, c.hedged ? 'hedged' : undefined, c.checkworthiness === undefined ? undefined : `check-worthiness ${c.checkworthiness.toFixed(2)}`]
    .filter((x) => x !== undefined).join(' · ')

/** Text with the mentions inside [from, to) as links to their entity pages. */
const withMentions = (text: string, from: number, to: number, mentions: readonly MentionSpan[]): Html[] => {
  const out: Html[] = []
  let at = from
  for (const m of mentions) {
    if (m.start < from || m.end > to) continue
    out.push(html`${text.slice(at, m.start)}`, html`<a href="/entities/${encodeURIComponent(m.entityId)}"${m.first ? html` id="${mentionAnchor(m.entityId)}"` : ''}>${text.slice(m.start, m.end)}</a>`)
    at = m.end
  }
  out.push(html`${text.slice(at, to)}`)
  return out
}

/**
 * A turn's text with its claims as <mark id="claim-…"> (kind, hedging and check-worthiness shown
 * beside the text) and entity mentions as links. Every piece of record text goes through html``,
 * so it is escaped. A claim that overlaps another keeps its anchor as an empty element at the
 * start of the one shown, so links to it still land in the right place.
 */
export const highlightTurn = (text: string, claims: readonly Claim[], mentions: readonly MentionSpan[]): Html => {
  const { kept, dropped } = nonOverlapping(claims, text.length)
  const links = nonOverlapping(mentions, text.length).kept
  // A mention that overlaps another or crosses a claim's edge is not linked; when it is an
  // entity's first, its anchor goes to the turn's start so links to it still land in this turn.
  const crosses = (m: Span) => kept.some((c) => (c.start > m.start && c.start < m.end) || (c.end > m.start && c.end < m.end))
  const unlinked = mentions.filter((m) => m.first && (!links.includes(m) || crosses(m)))
  const out: Html[] = [html`${unlinked.map((m) => html`<span id="${mentionAnchor(m.entityId)}"></span>`)}`]
  let at = 0
  for (const c of kept) {
    const extra = dropped.filter((d) => d.start >= c.start && d.start < c.end)
    out.push(...withMentions(text, at, c.start, links))
    out.push(html`${extra.map((d) => html`<span id="${claimAnchor(d.id)}"></span>`)}<mark id="${claimAnchor(c.id)}" class="claim ${c.kind}">${withMentions(text, c.start, c.end, links)}<small class="tag">${claimTag(c)}</small></mark>`)
    at = c.end
  }
  out.push(...withMentions(text, at, text.length, links))
  // Dropped claims outside every kept one (bad offsets) still get an anchor at the turn's end.
  const orphans = dropped.filter((d) => !kept.some((c) => d.start >= c.start && d.start < c.end))
  out.push(html`${orphans.map((d) => html`<span id="${claimAnchor(d.id)}"></span>`)}`)
  return html`${out}`
}
