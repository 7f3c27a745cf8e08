import { describe, expect, it } from 'vitest'
import type { Quantity } from '../record/schema.js'
import { claimKind, scoreClaim } from './claims.js'

const decide = (text: string, previousKept = false) => scoreClaim({ text, entityIds: [], quantities: [], previousKept })
const featureNames = (text: string) => decide(text).features.map((f) => f.name)

describe('claim scoring on speech', () => {
  it('marks a sentence cut off mid-phrase, or a short one without a verb, as a fragment', () => {
    expect(featureNames("That's how the whole")).toContain('fragment')
    expect(featureNames('In Russian at home.')).toContain('fragment')
    expect(featureNames('Record profits for the third year.')).toContain('fragment')
    // A finished sentence with a verb, short or not, is no fragment.
    expect(featureNames('Exports fell last year.')).not.toContain('fragment')
    expect(featureNames("It's rendered using characters.")).not.toContain('fragment')
    // A past form the lexicon lists first as a participle is the verb after its subject, not after a preposition.
    expect(featureNames('China restricted gallium exports in 2023.')).not.toContain('fragment')
    expect(featureNames('Beijing banned them in 2023.')).not.toContain('fragment')
    expect(featureNames('We built the greatest economy in history.')).not.toContain('fragment')
    expect(featureNames('Actions in 3D worlds.')).toContain('fragment')
    expect(featureNames('And, plus for decommissioned reactors.')).toContain('fragment')
    // Broken off at a dash, as court reporters write it (a soft hyphen after it from the page layout).
    expect(featureNames('And there are many other places in the code where tax is -\u00ad')).toContain('fragment')
    expect(featureNames('So, I do not think the export controls would be --')).toContain('fragment')
    expect(featureNames("It's not placed in the export control rules of the -")).toContain('fragment')
    expect(featureNames('We have to act on the export controls now --')).not.toContain('fragment')
  })

  it('drops a condition with no main clause, and keeps one whose main clause lost its comma', () => {
    expect(decide('If the Court has no further questions.').confidence).toBeLessThan(0.5)
    expect(featureNames('If the Court has no further questions.')).toContain('fragment')
    expect(featureNames('Unless Congress acts the deficit will grow.')).not.toContain('fragment')
    expect(featureNames('If you don’t know it is okay to ask the agency.')).not.toContain('fragment')
    expect(featureNames('If Beijing retaliates, exports will fall.')).not.toContain('fragment')
  })

  it('reads "must" of inference as no prescription, and "must" of obligation as one', () => {
    expect(claimKind('It must have made it easier to have so much opportunity.')).toBe('factual')
    expect(claimKind('But it must just be absolutely gutting for you.')).toBe('factual')
    expect(claimKind('Companies must be required to disclose their holdings.')).toBe('prescriptive')
    expect(claimKind('You must have a licence to export magnets.')).toBe('prescriptive')
    expect(claimKind('We must act now on export controls.')).toBe('prescriptive')
  })

  it('reads "you have to", "they have to" as a necessity described, a fact; "we have to" and "the US has to" as advice', () => {
    expect(claimKind('Every time a new block comes in, you have to check every transaction.')).toBe('factual')
    expect(claimKind('There is new anonymizing tech, then they have to figure that out too.')).toBe('factual')
    expect(claimKind('When talking with law enforcement, I have to explain why it is legitimate.')).toBe('factual')
    expect(claimKind('We have to build our own processing capacity.')).toBe('prescriptive')
    expect(claimKind('The US has to coordinate with its allies.')).toBe('prescriptive')
    // No necessity at all: "right now they don't have to build any parking spaces".
    expect(claimKind('Right now they don\'t have to build any parking spaces.')).toBe('factual')
    expect(claimKind('You don’t have to go back and fix it after the fact.')).toBe('factual')
    expect(claimKind('We don\'t have to accept this rule.')).toBe('prescriptive')
    // The necessity keeps the weight a modal gives a claim.
    expect(featureNames('Then you have to balance an escalation spiral against deterrence.')).toContain('modal')
  })

  it('reads "would" before a verb of saying as an opinion attributed, not a forecast', () => {
    expect(claimKind('The cost is three to four trillion dollars, some would say more, every year.')).toBe('factual')
    expect(claimKind('Critics would argue the rule is too broad.')).toBe('factual')
    expect(claimKind('The rule would raise costs for every automaker.')).toBe('predictive')
  })

  it('reads the month May as no modal, and a belief held in the past as no forecast', () => {
    expect(claimKind('In April and May, the White House was sensitive to auto disruptions.')).toBe('factual')
    expect(claimKind('Since May 2023 the rules have changed twice.')).toBe('factual')
    expect(claimKind('Prices may rise in May.')).toBe('predictive')
    expect(claimKind('This may be a running theme for the rest of 2024.')).toBe('predictive')
    expect(claimKind('In April, China bet it could respond in a different sphere.')).toBe('factual')
    expect(claimKind('China could respond in a different sphere.')).toBe('predictive')
    expect(claimKind('The administration had signaled it would pause new controls.')).toBe('factual')
    expect(claimKind('Officials said that they would review the rule.')).toBe('factual')
    expect(claimKind('Officials said the rule will take effect in May.')).toBe('predictive')
    // The word given, then "that" and what it reported, a few words apart.
    expect(claimKind('MOFCOM announced on October 9 that exports of dysprosium would need licenses.')).toBe('factual')
    expect(claimKind('The agency said that 80% of firms would meet the new standard.')).toBe('factual')
    expect(claimKind('Wang Wentao told the G7 summit that China would keep the controls.')).toBe('factual')
    expect(claimKind('Beijing warned that it would retaliate.')).toBe('factual')
    // What a rule requires is a fact; what a country needs, a prescription.
    expect(claimKind('Any product with Chinese rare earths now needs a license.')).toBe('factual')
    expect(claimKind('Every export needs an export license from MOFCOM.')).toBe('factual')
    expect(claimKind('The US needs a stockpile.')).toBe('prescriptive')
    expect(claimKind('They announced the plan, and exports would fall next year.')).toBe('predictive')
    expect(claimKind('I think that exports would fall next year.')).toBe('predictive')
  })

  it('weighs how long or how often less than a figure of something', () => {
    const weight = (text: string, quantities: Quantity[]) => scoreClaim({ text, entityIds: [], quantities, previousKept: false }).features.find((f) => f.name === 'quantity')?.weight
    expect(weight('I think it was about maybe 3 years.', [{ kind: 'count', value: 3, unit: 'years', text: '3 years' }])).toBeLessThan(weight('China built 1749 ships.', [{ kind: 'count', value: 1749, unit: 'ships', text: '1749 ships' }])!)
    expect(weight('Volumes reached 17 billion.', [{ kind: 'count', value: 17e9, unit: null, text: '17 billion' }])).toBe(weight('China built 1749 ships.', [{ kind: 'count', value: 1749, unit: 'ships', text: '1749 ships' }]))
  })

  it('lets an anaphor continue a claim only when it states something of its own', () => {
    const after = (text: string) => decide(text, true).features.map((f) => f.name)
    expect(after('That is why exports of gallium collapsed.')).toContain('context')
    expect(after("That's what it was.")).not.toContain('context')
    expect(after('It is what it is.')).not.toContain('context')
  })

  it('keeps no judgement of what was just said as a claim, even right after one', () => {
    const after = (text: string) => decide(text, true)
    for (const text of ["It's a fascinating story.", "That's a really important distinction.", 'It was a crazy time.', "It's incredibly complicated.", "That's a huge deal."]) {
      expect(after(text).confidence, text).toBeLessThan(0.5)
    }
    // With something of its own to say, it stays a statement.
    expect(after("It's a huge deal for the refiners in Baotou.").features.map((f) => f.name)).not.toContain('evaluation')
  })

  it('reads "if you look at" and "if you will" as ways of speaking, not conditions or forecasts', () => {
    expect(claimKind('If you look at the data, exports fell in 2023.')).toBe('factual')
    expect(claimKind('If we go back to 2010, China cut its quotas.')).toBe('factual')
    expect(claimKind('It is a distributed mixing protocol, if you will.')).toBe('factual')
    expect(claimKind('If tariffs rise, prices follow.')).toBe('predictive')
    expect(claimKind('If you look at it that way, prices will rise.')).toBe('predictive')
  })

  it('does not take "a huge deal" for an agreement', () => {
    expect(featureNames('That was a huge deal.')).not.toContain('policy-term')
    expect(featureNames('The deal with China collapsed.')).toContain('policy-term')
  })
})

describe('claim kinds in narrative speech', () => {
  it('does not read a past story as a prediction', () => {
    expect(claimKind('Maybe that was not a surprise to you at all.')).toBe('factual')
    expect(claimKind('All of a sudden, we could have one of those in an apartment.')).toBe('factual')
    expect(claimKind('And they would spend the entire summer with their grandparents.')).toBe('factual')
    // The same modals looking ahead stay predictive.
    expect(claimKind('Maybe China will relax the controls next year.')).toBe('predictive')
    expect(claimKind('That could raise prices for every carmaker.')).toBe('predictive')
  })

  it('reads advice worded as a judgement as prescriptive', () => {
    expect(claimKind('The US needs a stockpile of at least six months of magnets.')).toBe('prescriptive')
    expect(claimKind('It would be a mistake to lift the tariffs now.')).toBe('prescriptive')
    expect(claimKind('My recommendation is to build processing capacity in Australia.')).toBe('prescriptive')
    expect(claimKind('The best path forward is a joint stockpile with allies.')).toBe('prescriptive')
    expect(claimKind('The smart move is to partner with Australia.')).toBe('prescriptive')
    // A requirement described, not advised.
    expect(claimKind('You need a Chinese license to export any magnet.')).toBe('factual')
  })

  it('reads an expectation or a forecasting verb as a prediction, not one in the past', () => {
    expect(claimKind('By 2030, India is expected to process a tenth of the world\'s rare earths.')).toBe('predictive')
    expect(claimKind('Output is set to double once the new refinery opens in Malaysia.')).toBe('predictive')
    expect(claimKind('Analysts expect gallium prices to rise sharply after the ban.')).toBe('predictive')
    expect(claimKind('Nobody was expected to win that auction in 2019.')).toBe('factual')
    expect(claimKind('We did not expect the ban to come so soon in 2023.')).toBe('factual')
  })

  it('counts a family story told with "we" as personal', () => {
    expect(featureNames('Now that was the first summer that we did not send them to Ukraine.')).toContain('personal')
    expect(featureNames('We had Bessent at Treasury start talking about raising the heat.')).not.toContain('personal')
  })

  it('reads a hearing\'s procedure as talk about the hearing, not a claim', () => {
    for (const text of ['The Chair recognizes the Senator from Utah for five minutes.', 'We will stand in recess until 2 p.m.',
      'Without objection, the report will be entered into the record.', "All right, I call this hearing to order; today's hearing addresses an important topic."]) {
      expect(decide(text).confidence, text).toBeLessThan(0.5)
    }
    expect(featureNames('China will recognize the new government in Kabul.')).not.toContain('meta-talk')
  })

  it('reads thanks and welcomes that open a hearing as no claim, however long the list of those thanked', () => {
    const thanks = 'Want to thank, among others, the members of our Federal Trade Commission, one of whom we will hear from in a few minutes, and FTC Chair Andrew Ferguson for their leadership.'
    expect(scoreClaim({ text: thanks, entityIds: ['ftc', 'andrew-ferguson'], quantities: [], previousKept: false }).confidence).toBeLessThan(0.5)
    expect(decide("I'd like to welcome our witnesses, who have spent decades on export controls and chips.").confidence).toBeLessThan(0.5)
    expect(decide('Thanks to the CHIPS Act, Intel received 8 billion dollars for its fabs in Ohio.').confidence).toBeGreaterThan(0.5)
  })

  it('reads the host handing over or breaking for an ad as talk about the show', () => {
    expect(featureNames('So Chris, walk us through the US response to the export controls.')).toContain('meta-talk')
    expect(featureNames('Tell me about the foreign direct product rule.')).toContain('meta-talk')
    expect(featureNames('We\'ll be right back after this message from our sponsor.')).toContain('meta-talk')
    expect(featureNames("We won't go into that story.")).toContain('meta-talk')
    expect(featureNames("Export controls are a topic for another day.")).toContain('meta-talk')
    expect(featureNames('The money will go into the fund.')).not.toContain('meta-talk')
    expect(featureNames('So Beijing will walk away from the tariff talks.')).not.toContain('meta-talk')
    expect(featureNames('If you enjoy it, rate and review us in your favorite podcasting app.')).toContain('meta-talk')
    expect(featureNames("We'll link to it for folks to check out the export control rule.")).toContain('meta-talk')
    expect(featureNames('The sanctions list is in the show notes for anyone who wants the details.')).toContain('meta-talk')
  })

  it('reads a question that speech-to-text ended with a full stop by its inverted verb, and a self-introduction as no claim', () => {
    expect(featureNames('Are there any projects on carbon emissions that you are excited about.')).toContain('question')
    expect(featureNames('So do you think the export controls will hold.')).toContain('question')
    expect(featureNames('There are three projects on carbon emissions in the CNCF.')).not.toContain('question')
    expect(featureNames('I am a platform engineer at Tietoevry and I am based in Oslo.')).toContain('pleasantry')
    expect(featureNames('I am the one who told Congress that the export controls would fail.')).not.toContain('pleasantry')
    // The speaker's career and standing, as a panel's introductions give them.
    expect(featureNames('I was a federal prosecutor for 15 years.')).toContain('pleasantry')
    expect(featureNames('I am also on the board of advisors of BlockSeer.')).toContain('pleasantry')
    expect(featureNames('Well, I am not a law enforcement expert, but I am an expert on cryptography.')).toContain('pleasantry')
    expect(featureNames('I was a skeptic of the tariffs until the data came in.')).not.toContain('pleasantry')
    // Where the speaker works, however many policy words and bodies it names, is no claim.
    for (const intro of ['So my title at Immuta is Chief Privacy Officer.', "I'm the head of policy at the Center for Democracy and Technology.", 'I run the export control practice at Akin Gump.']) {
      expect(decide(intro).confidence, intro).toBeLessThan(0.5)
    }
    expect(featureNames('I run the numbers every week.')).not.toContain('pleasantry')
    // Where to find the guest, as an episode closes.
    expect(featureNames('You can find me on Twitter and my book is Chip War.')).toContain('pleasantry')
    expect(featureNames('Folks can follow us on LinkedIn, and check out our newsletter.')).toContain('pleasantry')
    expect(featureNames('You can find rare earths in most phones sold in the US.')).not.toContain('pleasantry')
  })

  it('reads thanks and a welcome addressed to someone by name as a pleasantry', () => {
    expect(featureNames('Fei-Fei, thank you so much for being here.')).toContain('pleasantry')
    expect(featureNames('Well, Andre, thank you very much.')).toContain('pleasantry')
    expect(featureNames('Hi Buzzsprout, Gillian here.')).toContain('pleasantry')
    expect(featureNames('Good day, and welcome to the Apple fiscal 2024 earnings call.')).toContain('pleasantry')
    expect(featureNames('Beijing, in turn, thanked Moscow for its support.')).not.toContain('pleasantry')
  })

  it('reads a sign-off as a pleasantry', () => {
    expect(featureNames("That's all for now, see you next time.")).toContain('pleasantry')
    expect(featureNames('Until next time, keep an eye on export controls.')).toContain('pleasantry')
    expect(featureNames("That's all the leverage Beijing has over the chip makers.")).not.toContain('pleasantry')
  })

  it('reads "I\'d add that", "my guess is" as framing a claim, not as the speaker\'s own story', () => {
    expect(featureNames('I agree, and I\'d add that the Commerce Department needs to coordinate with allies.')).not.toContain('personal')
    expect(featureNames('My guess is that the controls will stay in place through 2026.')).not.toContain('personal')
    expect(featureNames('I\'d add that my kids loved the beach in 2019.')).toContain('personal')
  })
})
