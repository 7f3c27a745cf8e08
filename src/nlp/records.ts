import type { Claim, ClaimKind, Mention, Quantity, Topic } from '../record/schema.js'
import type { EntityMention } from './types.js'

// What extraction keeps until it returns (claims, mentions) is made by these constructors, not
// written as object literals. V8 allocates a literal whose objects outlive young-generation
// collections straight into the old generation ("pretenuring"), and that allocation path does
// old-space bookkeeping inline: in the profile of the seed ×1M words, the claim literal alone was
// about 3% of extraction and the mention literals as much again. Objects from `new` start young,
// like everything else, and the survivors are promoted in bulk by the collector.

export class ClaimRecord implements Claim {
  constructor(
    readonly id: string, readonly turn: number, readonly speakerId: string, readonly text: string, readonly start: number, readonly end: number,
    readonly kind: ClaimKind, readonly hedged: boolean, readonly topics: Topic[], readonly quantities: Quantity[], readonly entityIds: string[],
    readonly confidence: number, readonly checkworthiness: number, readonly checkworthy: boolean,
  ) {}
}

/** A mention as an entity lists it in the output. */
export class MentionRecord implements Mention {
  constructor(readonly turn: number, readonly start: number, readonly end: number, readonly text: string) {}
}

/** A mention as the stages find it; `note` says how an unresolved or typed name was decided. */
export class EntityMentionRecord implements EntityMention {
  constructor(
    readonly turn: number, readonly start: number, readonly end: number, readonly text: string,
    public entityId: string | null, readonly source: EntityMention['source'], readonly note?: string,
  ) {}
}
