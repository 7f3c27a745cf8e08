import { describe, expect, it } from 'vitest'
import { readTranscript } from '../transcript/index.js'
import { splitTurns } from '../turns/index.js'
import { asTextPost } from './text-post.js'

const article = '<p>As China prepares to select taikonauts for its first-ever manned moon landing, a space race is taking shape.</p><p>The Outer Space Treaty of 1967 is silent on much of this.</p>'
const interview = '<p>Jordan Schneider: Welcome to the show.</p><p>Chris Miller: Thanks for having me.</p><p>Jordan Schneider: Let us start.</p><p>Chris Miller: Sure.</p>'
const split = (html: string) => splitTurns(readTranscript(html, { format: 'html' }).paragraphs)

describe('asTextPost', () => {
  it('turns an unlabelled post without audio into an article section with no turns', () => {
    const out = asTextPost(split(article), { hasAudio: false })
    expect(out.turns).toEqual([])
    expect(out.speakers).toEqual([])
    expect(out.sections.map((s) => s.kind)).toContain('article')
    expect(out.sections.map((s) => s.text).join(' ')).toContain('taikonauts')
  })

  it('keeps unlabelled turns when the item has audio (a transcript without labels)', () => {
    expect(asTextPost(split(article), { hasAudio: true }).turns.length).toBeGreaterThan(0)
  })

  it('leaves a labelled conversation alone', () => {
    const before = split(interview)
    expect(asTextPost(before, { hasAudio: false })).toEqual(before)
  })
})
