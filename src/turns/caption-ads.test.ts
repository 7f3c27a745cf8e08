import { describe, expect, it } from 'vitest'
import { markCaptionAds } from './caption-ads.js'

const talk = (n: number, what = 'and the court said the gag order was too broad for the case') => Array.from({ length: n }, () => what)

describe('markCaptionAds', () => {
  it('marks a sponsor segment in unpunctuated captions, banter inside it included, and nothing after it', () => {
    const cues = [
      ...talk(5),
      'all right we should probably do our sponsors first up is mantra so head over to drop dot',
      'they have a drop running on a pretty good product right now',
      ...talk(3, 'i lost my knife at the airport yeah they threw it away'),
      'we have also got Squarespace so if you need a website',
      'Squarespace starts at only eight dollars a month with a free domain',
      'fresh books is all about tracking the time you spend',
      'visit freshbooks.com slash show the link will be in the description',
      ...talk(40),
    ]
    const marks = markCaptionAds(cues)
    expect(marks.slice(0, 5)).toEqual([false, false, false, false, false])
    expect(marks.slice(5, 14).every(Boolean)).toBe(true)
    expect(marks.slice(14).some(Boolean)).toBe(false)
  })

  it('ends the segment before a news source read out with its domain', () => {
    const marks = markCaptionAds(['thanks to our sponsor acme visit acme.com', ...talk(30), 'according to this independent.co.uk article'])
    expect(marks[0]).toBe(true)
    expect(marks.slice(1).some(Boolean)).toBe(false)
  })

  it('takes a bill sponsored by a member for no sponsor cue', () => {
    const cues = ['this bill is sponsored by assemblymember chau', 'and it is co-sponsored by the consumer federation', 'you can read it at leginfo.ca.gov or on our website', ...talk(3)]
    expect(markCaptionAds(cues).some(Boolean)).toBe(false)
  })

  it('takes "sponsored by" or "brought to you by" of anything but the show, with no ad after it, for talk or the show\'s intro', () => {
    expect(markCaptionAds([...talk(3), 'the separatists were sponsored by Russia obviously and then', 'Russia took Crimea in 2014', ...talk(30)]).some(Boolean)).toBe(false)
    expect(markCaptionAds([...talk(3), 'this episode is sponsored by Acme', ...talk(30)])[3]).toBe(true)
    expect(markCaptionAds(['hello and welcome to Environment Variables brought to you by the Green Software Foundation', ...talk(30)]).some(Boolean)).toBe(false)
    expect(markCaptionAds(['this video is brought to you by Acme', ...talk(30)])[0]).toBe(true)
  })

  it('marks nothing without a sponsor cue, however many URLs are read out', () => {
    expect(markCaptionAds(['go to example.com for the report', 'and check it out', ...talk(3)]).some(Boolean)).toBe(false)
  })
})
