import { describe, expect, it } from 'vitest'
import { claimKind, scoreClaim } from './claims.js'

const decide = (text: string) => scoreClaim({ text, entityIds: [], quantities: [], previousKept: false })
const featureNames = (text: string) => decide(text).features.map((f) => f.name)

describe('claim scoring on speech', () => {
  it('marks a sentence cut off mid-phrase, or a short one without a verb, as a fragment', () => {
    expect(featureNames("That's how the whole")).toContain('fragment')
    expect(featureNames('In Russian at home.')).toContain('fragment')
    expect(featureNames('Record profits for the third year.')).toContain('fragment')
    // A finished sentence with a verb, short or not, is no fragment.
    expect(featureNames('Exports fell last year.')).not.toContain('fragment')
    expect(featureNames("It's rendered using characters.")).not.toContain('fragment')
  })

  it('reads "must" of inference as no prescription, and "must" of obligation as one', () => {
    expect(claimKind('It must have made it easier to have so much opportunity.')).toBe('factual')
    expect(claimKind('But it must just be absolutely gutting for you.')).toBe('factual')
    expect(claimKind('Companies must be required to disclose their holdings.')).toBe('prescriptive')
    expect(claimKind('You must have a licence to export magnets.')).toBe('prescriptive')
    expect(claimKind('We must act now on export controls.')).toBe('prescriptive')
  })

  it('does not take "a huge deal" for an agreement', () => {
    expect(featureNames('That was a huge deal.')).not.toContain('policy-term')
    expect(featureNames('The deal with China collapsed.')).toContain('policy-term')
  })
})
