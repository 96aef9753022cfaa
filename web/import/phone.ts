/**
 * An Uzbek mobile number in the one form the backend stores, +998XXXXXXXXX, or undefined when the text is
 * not one. Accepted: +998 and 9 digits, 998 and 9 digits (Excel drops the + when the cell is a number), or
 * the 9 national digits; spaces, dashes, dots and parentheses are ignored.
 */
export function normalisePhone(text: string): string | undefined {
  const compact = text.replace(/[\s\-().\u00a0]/g, '')
  const match = /^(?:\+?998)?(\d{9})$/.exec(compact)
  return match ? `+998${match[1]}` : undefined
}
