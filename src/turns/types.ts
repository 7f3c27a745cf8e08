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
}

export interface SplitResult {
  speakers: Speaker[]
  turns: Turn[]
  sections: Section[]
  warnings: Warning[]
}
