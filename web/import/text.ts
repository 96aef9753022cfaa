/** Every way an Uzbek apostrophe gets typed: ʻ (U+02BB, the official oʻ/gʻ), ʼ (U+02BC, the tutuq belgisi),
 *  the ASCII ' and `, and the curly quotes word processors substitute. */
const APOSTROPHES = /[ʻʼ'`‘’´]/g

/** The form two names are compared in: the same letters typed with a different apostrophe, case or spacing
 *  are the same name. Names themselves are kept as written; only comparisons use this. */
export function compareKey(text: string): string {
  return text.normalize('NFC').replace(APOSTROPHES, "'").replace(/\s+/g, ' ').trim().toLocaleLowerCase('uz')
}

export function nameKey(lastName: string, firstName: string): string {
  return `${compareKey(lastName)}|${compareKey(firstName)}`
}

/** A cell's text as a person reads it: one line, no surrounding or doubled spaces. */
export function cleanText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[\s\u00a0]+/g, ' ')
    .trim()
}
