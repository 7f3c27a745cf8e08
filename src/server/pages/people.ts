import { html } from 'hono/html'
import type { ClaimPage, EntityView, SpeakerView } from '../../query/index.js'
import { claimList } from './claim-list.js'
import { mentionAnchor } from './highlight.js'
import { day, layout, type Html } from './layout.js'

/**
 * An entity across episodes: what it is called, the episodes that mention it (newest first, with
 * counts), the claims about it (each linking to its place in the transcript), and what is
 * mentioned with it.
 */
export const entityPage = (e: EntityView, claims: ClaimPage): Html => layout(e.name, html`
<h1>${e.name}</h1>
<p class="meta">${e.type} · mentioned ${e.mentionCount} times in ${e.episodeCount} episodes${e.aliases.length ? html` · also called ${e.aliases.join(', ')}` : ''}${e.wikidataId ? html` · <a href="https://www.wikidata.org/wiki/${e.wikidataId}">Wikidata ${e.wikidataId}</a>` : ''}</p>
<h2>Episodes</h2>
<ul class="plain">${e.episodes.map((ep) => html`<li><a href="/episodes/${encodeURIComponent(ep.id)}#${encodeURIComponent(mentionAnchor(e.id))}">${ep.title ?? ep.id}</a> <small>${day(ep.publishedAt)} · ${ep.mentions} mentions</small></li>`)}</ul>
<h2>Claims about ${e.name}</h2>
${claimList(claims.items)}
${claims.nextCursor ? html`<p><a href="/claims?entity=${encodeURIComponent(e.id)}">All claims about ${e.name}</a></p>` : ''}
${e.coMentioned.length ? html`<h2>Mentioned with</h2><ul>${e.coMentioned.map((o) => html`<li><a href="/entities/${encodeURIComponent(o.id)}">${o.name}</a> <small>${o.episodes} episodes</small></li>`)}</ul>` : ''}`)

/** A speaker across episodes: where they spoke, their claims per month and kind, and their newest claims. */
export const speakerPage = (s: SpeakerView): Html => {
  const name = s.name ?? s.id
  return layout(name, html`
<h1>${name}</h1>
<p class="meta">${s.episodeCount} episodes · ${s.claimCount} claims · <a href="/claims?speaker=${encodeURIComponent(s.id)}">search their claims</a></p>
<h2>Episodes</h2>
<ul class="plain">${s.episodes.map((ep) => html`<li><a href="/episodes/${encodeURIComponent(ep.id)}">${ep.title ?? ep.id}</a> <small>${day(ep.publishedAt)} · ${ep.role} · ${ep.turnCount} turns · ${ep.wordCount} words · ${ep.claims} claims</small></li>`)}</ul>
${s.claimsByMonth.length ? html`<h2>Claims over time</h2><div class="scroll"><table><thead><tr><th scope="col">Month</th><th scope="col">Kind</th><th scope="col">Claims</th></tr></thead>
<tbody>${s.claimsByMonth.map((m) => html`<tr><td>${m.month}</td><td><a href="/claims?speaker=${encodeURIComponent(s.id)}&amp;kind=${encodeURIComponent(m.kind)}">${m.kind}</a></td><td>${m.claims}</td></tr>`)}</tbody></table></div>` : ''}
<h2>Newest claims</h2>
${claimList(s.recentClaims)}`)
}
