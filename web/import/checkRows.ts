import type { CheckContext, ImportRow, ParsedImport, RowProblem } from './types'
import { normalisePhone } from './phone'
import { nameKey } from './text'

/** Terminals reject tiny faces (`picSizeSmallError`, `faceLowQulity`, `pictureFaceDetectZero`). A class-list
 *  photo is a head-and-shoulders shot, so the face is a fraction of the picture: under 240 px on the shorter
 *  side it falls below what the terminals enrol reliably, and the row would only fail later, on the device.
 *  (The proxy's hard floor of 80 px is for a face that fills the frame, as the camera capture does.) */
export const MIN_PHOTO_SIDE = 240

// Found while reading the file (bytes that are no image); a re-check cannot recompute it, so it is kept.
const READ_PROBLEMS = new Set<RowProblem['code']>(['photo_unreadable'])

/** Pure: every row with its classId and problems recomputed from the context; the parsed rows are untouched. */
export function checkRows(parsed: ParsedImport, ctx: CheckContext): ImportRow[] {
  const knownClasses = new Set(ctx.classes.map((item) => item.id))
  const onServer = new Set(ctx.serverStudents.map((s) => `${s.classId}|${nameKey(s.lastName, s.firstName)}`))
  const firstInFile = new Map<string, ImportRow>()
  return parsed.rows.map((source) => {
    const row: ImportRow = { ...source, problems: source.problems.filter((p) => READ_PROBLEMS.has(p.code)) }
    delete row.classId
    const mapped = ctx.classFor[row.classLabel]
    if (mapped !== undefined && knownClasses.has(mapped)) row.classId = mapped
    const problems = row.problems
    if (!row.lastName) problems.push({ code: 'name_missing', detail: 'lastName' })
    if (!row.firstName) problems.push({ code: 'name_missing', detail: 'firstName' })
    if (!row.gender) problems.push({ code: 'gender_unknown', detail: row.genderText ?? '' })
    if (!row.classId) problems.push({ code: 'class_unknown', detail: row.classLabel })
    problems.push(...photoProblems(row))
    if (row.phone) {
      const phone = normalisePhone(row.phone)
      if (phone) row.phone = phone
      else problems.push({ code: 'phone_invalid', detail: row.phone })
    }
    if (row.lastName && row.firstName) {
      const who = `${row.classId ?? `label:${row.classLabel}`}|${nameKey(row.lastName, row.firstName)}`
      const first = firstInFile.get(who)
      if (first) problems.push({ code: 'duplicate_in_file', detail: first.key })
      else firstInFile.set(who, row)
      if (row.classId && onServer.has(who)) problems.push({ code: 'duplicate_on_server' })
    }
    return row
  })
}

function photoProblems(row: ImportRow): RowProblem[] {
  if (row.problems.some((problem) => problem.code === 'photo_unreadable')) return []
  if (!row.photo) return [{ code: 'photo_missing' }]
  const side = Math.min(row.photo.width, row.photo.height)
  if (side < MIN_PHOTO_SIDE)
    return [{ code: 'photo_too_small', detail: `${row.photo.width}×${row.photo.height}` }]
  return []
}
