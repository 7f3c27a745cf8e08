import type { Section, Speaker, Turn, Warning } from '../record/schema.js'

/** A name known before reading the transcript: `--speakers`, or a feed's `podcast:person`. */
export interface SpeakerHint {
  name: string
  role?: 'host' | 'guest'
}

export interface SplitOptions {
  /**
   * Names (and roles) known from outside the document. Never required: the roster is
   * learned from the document's own labels; hints only corroborate and give roles.
   * @defaultValue []
   */
  speakers?: readonly SpeakerHint[]
  /**
   * Whether a capitalised word is first of all an ordinary word of the language (a dictionary's
   * verb, adverb…), so that `Remember:` said once is not taken for a first name said once
   * (`Maria:`). Without it, a one-word label in mixed case must recur to be a speaker.
   */
  isOrdinaryWord?: (word: string) => boolean
  /**
   * Whether a lower-case word is a given name ("rose", "will"), so that a label made only of
   * dictionary words (`Key Takeaways:`, `Final Thoughts:`) is told from a name (`Will Smith:`).
   * Without it (or without isOrdinaryWord), any two capitalised words can be a name.
   */
  isGivenName?: (word: string) => boolean
}

export interface SplitResult {
  speakers: Speaker[]
  turns: Turn[]
  sections: Section[]
  warnings: Warning[]
}
