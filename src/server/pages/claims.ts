import { html } from 'hono/html'
import type { ClaimPage, ClaimsQuery } from '../../query/index.js'
import { CLAIM_KINDS, TOPICS } from '../../record/schema.js'
import { claimList } from './claim-list.js'
import { layout, pageSize, queryString, type Html } from './layout.js'

/** The claim search form, filled with the current search so a reader can refine it. */
const claimForm = (q: ClaimsQuery): Html => html`<form action="/claims" method="get" role="search" aria-label="Search claims">
<label>Words <input type="search" name="q" value="${q.q ?? ''}" placeholder="export controls"></label>
<label>Speaker id <input name="speaker" value="${q.speaker ?? ''}" placeholder="mcguire"></label>
<label>Kind <select name="kind"><option value="">any</option>${CLAIM_KINDS.map((k) => html`<option${k === q.kind ? html` selected` : ''}>${k}</option>`)}</select></label>
<label>Topic <select name="topic"><option value="">any</option>${TOPICS.map((t) => html`<option${t === q.topic ? html` selected` : ''}>${t}</option>`)}</select></label>
${q.entity ? html`<label>Entity id <input name="entity" value="${q.entity}"></label>` : ''}
<label>Order <select name="order"><option value="newest">newest</option><option value="checkworthiness"${q.order === 'checkworthiness' ? html` selected` : ''}>most check-worthy</option></select></label>
<button type="submit">Search</button>
</form>`

/** Claims across episodes: the search form, the hits (each linking into its transcript), the next page. */
export const claimsPage = (page: ClaimPage, q: ClaimsQuery): Html => layout(q.q ? `Claims: ${q.q}` : 'Claims', html`
<h1>Claims</h1>
${claimForm(q)}
<p class="muted">${page.items.length}${page.nextCursor ? '+' : ''} claims${q.q ? html` matching “${q.q}”` : ''}${q.speaker ? html` by ${q.speaker}` : ''}${q.entity ? html` about ${q.entity}` : ''}${q.kind ? html`, ${q.kind}` : ''}${q.topic ? html`, on ${q.topic}` : ''}</p>
${claimList(page.items)}
${page.nextCursor ? html`<p><a rel="next" href="/claims${queryString({ q: q.q, speaker: q.speaker, entity: q.entity, kind: q.kind, topic: q.topic, order: q.order, limit: pageSize(q.limit), cursor: page.nextCursor })}">More claims</a></p>` : ''}`)
