import { z } from 'zod'
import { plainName } from './plain-text'
import { DeviceRef } from './devices'
import { spreadsheetCsv } from './student-export'

/** A person on a terminal whom the school database lacks (no student has their employeeNo). */
export const ImportCandidate = z.object({
  employeeNo: z.string(),
  /** the name as the device holds it, often "Familiya Ism" in one field */
  deviceName: z.string(),
  /** a first guess from the device name: the operator checks it */
  firstName: z.string(),
  lastName: z.string(),
  fatherName: z.string(),
  gender: z.enum(['male', 'female']).nullable(),
  hasFace: z.boolean(),
  /** the face through the proxy (`/api/devices/:id/users/:employeeNo/face`), null without one */
  facePath: z.string().nullable(),
})
export type ImportCandidate = z.infer<typeof ImportCandidate>

/** `GET /api/devices/:id/import-candidates` */
export const ImportCandidateList = z.object({
  deviceId: z.string(),
  /** people on the device */
  onDevice: z.number().int().nonnegative(),
  /** of them, already in the school database */
  inSchool: z.number().int().nonnegative(),
  candidates: z.array(ImportCandidate),
})
export type ImportCandidateList = z.infer<typeof ImportCandidateList>

const name = plainName(0, 100)

/** One person to bring into the school database, as the operator filled it in. */
export const DeviceImportRow = z.object({
  employeeNo: z
    .string()
    .trim()
    .regex(/^[^\s/]{1,32}$/, 'employeeNo must be 1–32 characters without spaces'),
  firstName: name,
  lastName: name,
  fatherName: name.optional(),
  classId: z.string().trim().max(64),
  gender: z.enum(['male', 'female']).optional(),
  parentPhone: z.string().trim().max(32).optional(),
  /** set on a retry when the student was already imported and only the photo is missing */
  studentId: z.string().trim().max(64).optional(),
})
export type DeviceImportRow = z.infer<typeof DeviceImportRow>

const rows = z.array(DeviceImportRow).min(1).max(500)

/** `POST /api/device-import/preview` */
export const DeviceImportPreviewRequest = z.object({ deviceId: DeviceRef, rows })
export type DeviceImportPreviewRequest = z.infer<typeof DeviceImportPreviewRequest>

export const ImportAction = z.enum(['CREATE', 'UPDATE', 'INVALID'])
export type ImportAction = z.infer<typeof ImportAction>

export const DeviceImportPreviewRow = z.object({
  employeeNo: z.string(),
  action: ImportAction,
  /** the school server's reasons, for INVALID rows */
  reasons: z.array(z.string()),
  existingStudentId: z.string().nullable(),
})
export type DeviceImportPreviewRow = z.infer<typeof DeviceImportPreviewRow>

export const DeviceImportPreview = z.object({
  total: z.number().int(),
  createCount: z.number().int(),
  updateCount: z.number().int(),
  invalidCount: z.number().int(),
  rows: z.array(DeviceImportPreviewRow),
})
export type DeviceImportPreview = z.infer<typeof DeviceImportPreview>

/**
 * `POST /api/device-import/commit` and `/retry`. The same `idempotencyKey` sent again (a lost answer) imports
 * nothing twice; a retry of failed rows is a new attempt with a new key.
 */
export const DeviceImportCommitRequest = z.object({
  deviceId: DeviceRef,
  // it travels as the `Idempotency-Key` header to the school server: visible ASCII only, or the request
  // cannot even be sent
  idempotencyKey: z
    .string()
    .regex(/^[\x21-\x7e]{8,128}$/, 'idempotencyKey must be 8–128 visible ASCII characters'),
  rows,
})
export type DeviceImportCommitRequest = z.infer<typeof DeviceImportCommitRequest>

/**
 * What became of one row: `imported` (student and photo), `no_photo` (imported; the device has no face to
 * copy), `invalid` (the school server refused the row, `reasons` say why), `failed` (not imported) or
 * `photo_failed` (imported, photo not uploaded: retry the row with its `studentId`).
 */
export const DeviceImportResult = z.enum(['imported', 'no_photo', 'invalid', 'failed', 'photo_failed'])
export type DeviceImportResult = z.infer<typeof DeviceImportResult>

export const DeviceImportRowResult = z.object({
  employeeNo: z.string(),
  name: z.string(),
  action: ImportAction.nullable(),
  result: DeviceImportResult,
  studentId: z.string().nullable(),
  reasons: z.array(z.string()),
  /** the stable error code for `failed` / `photo_failed` */
  code: z.string().nullable(),
})
export type DeviceImportRowResult = z.infer<typeof DeviceImportRowResult>

export const DeviceImportCommitResult = z.object({
  /** the school server's import job, null when nothing was committed */
  jobId: z.string().nullable(),
  /** the school server had this key already: the first commit's students */
  idempotent: z.boolean(),
  importedCount: z.number().int(),
  failedCount: z.number().int(),
  rows: z.array(DeviceImportRowResult),
})
export type DeviceImportCommitResult = z.infer<typeof DeviceImportCommitResult>

/** `POST /api/device-import/report.csv`: the rows of a commit, back as a spreadsheet. */
export const DeviceImportReportRequest = z.object({ rows: z.array(DeviceImportRowResult).max(5000) })
export type DeviceImportReportRequest = z.infer<typeof DeviceImportReportRequest>

/** Rows that did not fully succeed: what a retry sends again. */
export function needsRetry(row: DeviceImportRowResult): boolean {
  return row.result === 'invalid' || row.result === 'failed' || row.result === 'photo_failed'
}

/** The report's column names and cell words: the API's are its field names and codes, a screen's are its language's. */
export interface DeviceImportReportWords {
  columns: readonly [
    employeeNo: string,
    name: string,
    action: string,
    result: string,
    studentId: string,
    code: string,
    reason: string,
  ]
  action(action: ImportAction): string
  result(result: DeviceImportResult): string
  code(code: string): string
}

const FIELD_NAMES: DeviceImportReportWords = {
  columns: ['employeeNo', 'name', 'action', 'result', 'studentId', 'code', 'reason'],
  action: (action) => action,
  result: (result) => result,
  code: (code) => code,
}

/** A device import's outcome per person as spreadsheet-safe CSV (the proxy's report route and the page). */
export function deviceImportReportCsv(
  rows: readonly DeviceImportRowResult[],
  words: DeviceImportReportWords = FIELD_NAMES,
): string {
  return spreadsheetCsv([
    [...words.columns],
    ...rows.map((row) => [
      row.employeeNo,
      row.name,
      row.action ? words.action(row.action) : '',
      words.result(row.result),
      row.studentId ?? '',
      row.code ? words.code(row.code) : '',
      row.reasons.join('; '),
    ]),
  ])
}
