// made on first use: ICU's break rules cost a few MB of memory, and most starts never cut a name
let segmenter: Intl.Segmenter | undefined
const encoder = new TextEncoder()

/**
 * The longest prefix of `text` that fits in `maxBytes` of UTF-8, cut between user-perceived characters
 * (a letter and its combining marks, a flag, an emoji sequence stay whole). Terminals limit names in bytes,
 * and Cyrillic or Uzbek `oʻ` costs two bytes a character.
 */
export function cutToBytes(text: string, maxBytes: number): string {
  if (maxBytes <= 0) return ''
  if (encoder.encode(text).byteLength <= maxBytes) return text
  let out = ''
  let used = 0
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' })
  for (const { segment } of segmenter.segment(text)) {
    const size = encoder.encode(segment).byteLength
    if (used + size > maxBytes) break
    out += segment
    used += size
  }
  return out
}

/** Byte length of `text` in UTF-8. */
export function utf8Length(text: string): number {
  return encoder.encode(text).byteLength
}
