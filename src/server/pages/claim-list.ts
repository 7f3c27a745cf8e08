import { html } from 'hono/html'
import type { ClaimHit } from '../../query/index.js'
import { claimAnchor } from './highlight.js'
import { day, type Html } from './layout.js'

/** Where a claim sits in its transcript: the episode page, scrolled to the claim's mark. */
export const claimHref = (hit: Pick<ClaimHit, 'id'> & { episode: { id: string } }): string =>
  `/episodes/${encodeURIComponent(hit.episode.id)}#${encodeURIComponent(claimAnchor(hit.id))}`

/** Claims as a list: text linking to its place in the transcript, then who said it, when, and its kind. */
export const claimList = (hits: readonly ClaimHit[]): Html => hits.length === 0
  ? html`<p>No claims match.</p>`
  : html`<ul class="plain claims">${hits.map((h) => html`<li>
<a class="claim-link" href="${claimHref(h)}">${h.text}</a><br>
<small>${h.speakerName ?? h.speakerId} · <a href="/speakers/${encodeURIComponent(h.speakerId)}">${h.speakerId}</a> · ${h.episode.title ?? h.episode.id} (${day(h.episode.publishedAt)}) · ${h.kind}${h.hedged ? ' · hedged' : ''}${h.checkworthiness === undefined ? '' : ` · check-worthiness ${h.checkworthiness.toFixed(2)}`}</small>
</li>`)}</ul>`
