/** The records of a CSV text (RFC 4180: quoted fields, "" inside quotes, line breaks inside quotes). */
export function csvRecords(text: string, delimiter: string): string[][] {
  const records: string[][] = []
  let record: string[] = []
  let field = ''
  let quoted = false
  for (let at = 0; at < text.length; at += 1) {
    const char = text[at] as string
    if (quoted) {
      if (char !== '"') field += char
      else if (text[at + 1] === '"') {
        field += '"'
        at += 1
      } else quoted = false
    } else if (char === '"' && field === '') quoted = true
    else if (char === delimiter) {
      record.push(field)
      field = ''
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[at + 1] === '\n') at += 1
      record.push(field)
      records.push(record)
      record = []
      field = ''
    } else field += char
  }
  if (field !== '' || record.length > 0) {
    record.push(field)
    records.push(record)
  }
  return records
}

/** `;` (what Excel writes where the decimal mark is a comma, as in Uzbek and Russian locales), `,` or tab:
 *  whichever the first line holds most of outside quotes. */
export function detectDelimiter(text: string): string {
  const end = text.search(/\r|\n/)
  const firstLine = (end < 0 ? text : text.slice(0, end)).replace(/"[^"]*"/g, '')
  const count = (delimiter: string) => firstLine.split(delimiter).length - 1
  const candidates = [',', ';', '\t']
  return candidates.reduce((best, next) => (count(next) > count(best) ? next : best), ',')
}

/** UTF-8 with or without BOM; a file that is not UTF-8 is read as Windows-1251, which Excel on a Russian
 *  Windows writes for "CSV (comma delimited)". */
export function decodeCsv(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return new TextDecoder('windows-1251').decode(bytes)
  }
}
