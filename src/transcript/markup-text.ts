/**
 * Caption text carries a little markup (`<i>`, `<c.yellow>`, `<font>`) and character references
 * (`Q&amp;A`). htmlparser2 already knows every HTML entity and how to skip tags, so caption
 * readers hand it the text rather than keep a second entity table.
 */
import { Parser } from 'htmlparser2'
import { collapseWhitespace } from './whitespace.js'

/** Text content of an inline markup fragment: tags dropped, entities decoded, whitespace collapsed. */
export const markupToText = (fragment: string): string => {
  if (!fragment.includes('<') && !fragment.includes('&')) return collapseWhitespace(fragment)
  let text = ''
  const parser = new Parser({
    ontext(data) {
      text += data
    },
  }, { decodeEntities: true, lowerCaseTags: true })
  parser.write(fragment)
  parser.end()
  return collapseWhitespace(text)
}
