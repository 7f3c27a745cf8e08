/**
 * What every transcript reader produces: the format's content as an ordered list of
 * paragraphs, before anyone decides who is speaking or what is transcript at all.
 */
export interface Paragraph {
  /** Plain text, entities decoded, whitespace collapsed within the paragraph. */
  text: string
  /**
   * A speaker label the format itself carries (WebVTT `<v Name>`, JSON `speaker`,
   * HTML `<cite>`). Absent when the label, if any, is inline in `text` (plain text,
   * post bodies, SRT `Name:` prefixes): the turn splitter finds those.
   */
  speaker?: string
  /** Seconds from the start of the episode, where the format has timestamps. */
  start?: number
  end?: number
  /**
   * True for a caption cue or word that continues the same paragraph as the one before
   * (SRT/VTT cues, word-level JSON): the splitter joins it with a space rather than
   * starting a new paragraph.
   */
  fragment?: boolean
  /**
   * 1–6 for a heading the markup marks as one (HTML `<h1>`–`<h6>`, a definition term `<dt>` as 6);
   * Markdown's `#` stays in `text`.
   */
  headingLevel?: number
}

export interface ReadResult {
  format: import('../record/schema.js').TranscriptFormat
  paragraphs: Paragraph[]
  warnings: import('../record/schema.js').Warning[]
}
