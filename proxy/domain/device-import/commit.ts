import { createHash } from 'node:crypto'
import type {
  DeviceImportCommitRequest,
  DeviceImportCommitResult,
  DeviceImportRow,
  DeviceImportRowResult,
} from '../../../shared/api/device-import'
import { AppError } from '../../../shared/errors'
import type { DeviceImportDeps } from './deps'
import { uploadFace } from './face-upload'
import { previewImport, toImportRow } from './preview'

type Result = DeviceImportRowResult

/**
 * Brings a terminal's people into the school database, then copies each one's face from the terminal into
 * the student's photo. Rows the school server refuses are answered `invalid` with its reasons and the rest
 * are committed; a row sent with its `studentId` (imported earlier, photo failed) gets only the photo.
 *
 * The server's idempotency key is the caller's key plus a digest of the rows actually committed: a resend
 * of the same request imports nothing twice, while a changed request (a row fixed) is a new commit. A
 * school server that is away before the commit fails the whole request (nothing done, resend it); once the
 * students exist, a failed photo is that row's `photo_failed`, retried alone.
 */
export async function commitImport(
  deps: DeviceImportDeps,
  request: DeviceImportCommitRequest,
): Promise<DeviceImportCommitResult> {
  const { deviceId, rows } = request
  const device = deps.registry.get(deviceId)
  deps.backend.require()
  const results = new Map<DeviceImportRow, Result>()
  const toImport = rows.filter((row) => !row.studentId)
  let jobId: string | null = null
  let idempotent = false

  if (toImport.length > 0) {
    const preview = await previewImport(deps, deviceId, toImport)
    const valid = toImport.filter((row, i) => {
      const checked = preview.rows[i]
      if (checked?.action !== 'INVALID') return true
      results.set(row, outcome(row, 'invalid', { action: 'INVALID', reasons: checked.reasons }))
      return false
    })
    if (valid.length > 0) {
      const committed = await commitRows(deps, { request, rows: valid, sourceDeviceId: device.backendId })
      jobId = committed.jobId
      idempotent = committed.idempotent
      for (const row of valid) results.set(row, committed.resultOf(row))
    }
  }
  for (const row of rows) {
    if (row.studentId) results.set(row, outcome(row, 'imported', { studentId: row.studentId }))
    const result = results.get(row) as Result
    if (result.result === 'imported' && result.studentId) {
      results.set(row, await uploadFace(deps, deviceId, row, result))
    }
  }
  const ordered = rows.map((row) => results.get(row) as Result)
  // a face read from the terminal for the photo says the person is there with it
  deps.book?.note(
    'import',
    ordered.flatMap((row) =>
      row.result === 'imported' ? [{ employeeNo: row.employeeNo, deviceId, state: 'present' as const }] : [],
    ),
  )
  const imported = ordered.filter((row) => row.result === 'imported' || row.result === 'no_photo').length
  deps.logger.info(
    { deviceId, rows: rows.length, imported, jobId, idempotent },
    'device users imported into the school database',
  )
  return { jobId, idempotent, importedCount: imported, failedCount: ordered.length - imported, rows: ordered }
}

interface CommitInput {
  request: DeviceImportCommitRequest
  rows: DeviceImportRow[]
  sourceDeviceId: string | null
}

async function commitRows(deps: DeviceImportDeps, input: CommitInput) {
  const client = deps.backend.require()
  const importRows = input.rows.map(toImportRow)
  try {
    const answer = await client.importCommit({
      rows: importRows,
      idempotencyKey: serverKey(input.request.idempotencyKey, importRows),
      sourceDeviceId: input.sourceDeviceId,
      syncMode: 'none',
    })
    const created = new Set(answer.created.map((student) => student.deviceStudentId))
    const ids = new Map(answer.students.map((student) => [student.deviceStudentId, student.id]))
    for (const student of [...answer.created, ...answer.updated]) ids.set(student.deviceStudentId, student.id)
    return {
      jobId: answer.jobId,
      idempotent: answer.idempotent,
      resultOf: (row: DeviceImportRow): Result => {
        const studentId = ids.get(row.employeeNo)
        if (!studentId) {
          return outcome(row, 'failed', {
            code: 'backend_rejected',
            reasons: ['The school server did not return this student after the import'],
          })
        }
        return outcome(row, 'imported', {
          action: created.has(row.employeeNo) ? 'CREATE' : 'UPDATE',
          studentId,
        })
      },
    }
  } catch (error) {
    // A refusal of the batch (a row became invalid since the preview) fails its rows, each retryable;
    // a server that is away fails the request: nothing was imported, or a resend finds it under the key.
    if (!(error instanceof AppError) || error.code !== 'backend_rejected') throw error
    return {
      jobId: null,
      idempotent: false,
      resultOf: (row: DeviceImportRow): Result =>
        outcome(row, 'failed', { code: error.code, reasons: [error.message] }),
    }
  }
}

function serverKey(key: string, rows: unknown): string {
  const digest = createHash('sha256').update(JSON.stringify(rows)).digest('hex').slice(0, 24)
  return `device-import:${key}:${digest}`
}

export function outcome(
  row: DeviceImportRow,
  result: Result['result'],
  extra: Partial<Pick<Result, 'action' | 'studentId' | 'reasons' | 'code'>> = {},
): Result {
  return {
    employeeNo: row.employeeNo,
    name: `${row.lastName} ${row.firstName}`.trim(),
    action: extra.action ?? null,
    result,
    studentId: extra.studentId ?? row.studentId ?? null,
    reasons: extra.reasons ?? [],
    code: extra.code ?? null,
  }
}
