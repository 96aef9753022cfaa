import { STAFF } from '../auth'
import { fail, fastifyError, HttpError, objectBody, trimmed } from '../http-io'
import type { SimContext } from '../context'
import type { Router } from '../router'
import { fullName, parseGender } from '../model'
import { newId, nowIso, type BackendState, type ImportJob, type StudentRecord } from '../state'

interface PreviewRow {
  employeeNo: string
  firstName: string
  lastName: string
  classId: string
  action: 'CREATE' | 'UPDATE' | 'INVALID'
  reasons: string[]
  existingStudentId: string | null
}

function rowsOf(body: Record<string, unknown>): Record<string, unknown>[] {
  if (!Array.isArray(body.rows))
    throw fastifyError(400, 'FST_ERR_VALIDATION', "body must have required property 'rows'")
  return body.rows.map((row) =>
    typeof row === 'object' && row !== null ? (row as Record<string, unknown>) : {},
  )
}

/** Sorts each row into create / update / invalid, with the reasons a row cannot be imported. */
function preview(state: BackendState, schoolId: string, rows: Record<string, unknown>[]) {
  const counts = new Map<string, number>()
  for (const row of rows) counts.set(trimmed(row.employeeNo), (counts.get(trimmed(row.employeeNo)) ?? 0) + 1)
  let duplicateCount = 0
  let classErrorCount = 0
  const previewed: PreviewRow[] = rows.map((row) => {
    const employeeNo = trimmed(row.employeeNo)
    const classId = trimmed(row.classId)
    const reasons: string[] = []
    if (!employeeNo) reasons.push('employeeNo is required')
    else if (!/^\d+$/.test(employeeNo)) reasons.push('employeeNo must be numeric')
    if (!trimmed(row.firstName) || !trimmed(row.lastName)) reasons.push('Ism va familiya majburiy')
    const klass = state.classes.get(classId)
    if (!classId || !klass || klass.schoolId !== schoolId) {
      reasons.push(classId ? 'Class not found' : 'Sinf tanlanishi shart')
      classErrorCount += 1
    }
    if (row.gender !== undefined && row.gender !== null && row.gender !== '' && !parseGender(row.gender)) {
      reasons.push("Gender noto'g'ri yoki bo'sh")
    }
    if (employeeNo && (counts.get(employeeNo) ?? 0) > 1) {
      reasons.push('Duplicate employeeNo in import')
      duplicateCount += 1
    }
    const existing = [...state.students.values()].find(
      (s) => s.schoolId === schoolId && employeeNo && s.deviceStudentId === employeeNo,
    )
    return {
      employeeNo,
      firstName: trimmed(row.firstName),
      lastName: trimmed(row.lastName),
      classId,
      action: reasons.length > 0 ? 'INVALID' : existing ? 'UPDATE' : 'CREATE',
      reasons,
      existingStudentId: existing?.id ?? null,
    }
  })
  const count = (action: PreviewRow['action']) => previewed.filter((r) => r.action === action).length
  return {
    total: rows.length,
    createCount: count('CREATE'),
    updateCount: count('UPDATE'),
    // The server's actions have no SKIP: every valid row creates or updates.
    skipCount: 0,
    invalidCount: count('INVALID'),
    duplicateCount,
    classErrorCount,
    rows: previewed,
  }
}

function commit(state: BackendState, schoolId: string, body: Record<string, unknown>) {
  const rows = rowsOf(body)
  const key = trimmed(body.idempotencyKey)
  if (!key) throw fastifyError(400, 'FST_ERR_VALIDATION', "body must have required property 'idempotencyKey'")
  const earlier = state.importCommits.get(`${schoolId}:${key}`)
  if (earlier) return { ...(earlier as object), idempotent: true }
  const checked = preview(state, schoolId, rows)
  const invalid = checked.rows.filter((r) => r.action === 'INVALID')
  if (invalid.length > 0) {
    // This handler answers in the {message: [...]} form, one line per refused row.
    throw new HttpError(400, {
      statusCode: 400,
      error: 'Bad Request',
      message: invalid.map((r) => `${r.employeeNo || '?'}: ${r.reasons.join(', ')}`),
    })
  }
  const startedAt = nowIso()
  const created: StudentRecord[] = []
  const updated: StudentRecord[] = []
  checked.rows.forEach((row, i) => {
    const source = rows[i] ?? {}
    const existing = row.existingStudentId ? state.students.get(row.existingStudentId) : undefined
    const student: StudentRecord = existing ?? {
      id: newId(),
      deviceStudentId: row.employeeNo,
      name: '',
      firstName: '',
      lastName: '',
      fatherName: null,
      gender: 'MALE',
      schoolId,
      classId: null,
      parentPhone: null,
      photoUrl: null,
      isActive: true,
      deviceSyncStatus: null,
      deviceSyncUpdatedAt: null,
      createdAt: startedAt,
      updatedAt: startedAt,
    }
    Object.assign(student, {
      firstName: row.firstName,
      lastName: row.lastName,
      name: fullName(row.firstName, row.lastName),
      fatherName: trimmed(source.fatherName) || student.fatherName,
      parentPhone: trimmed(source.parentPhone) || student.parentPhone,
      gender: parseGender(source.gender) ?? student.gender,
      classId: row.classId,
      updatedAt: startedAt,
    })
    state.students.set(student.id, student)
    ;(existing ? updated : created).push(student)
  })
  const job: ImportJob = {
    id: newId(),
    schoolId,
    status: 'SUCCESS',
    retryCount: 0,
    lastError: null,
    startedAt,
    finishedAt: nowIso(),
    totalRows: rows.length,
    processed: rows.length,
    success: rows.length,
    failed: 0,
    synced: 0,
  }
  state.importJobs.set(job.id, job)
  const ref = (s: StudentRecord) => ({ id: s.id, deviceStudentId: s.deviceStudentId })
  const answer = {
    ok: true,
    idempotent: false,
    jobId: job.id,
    createdCount: created.length,
    updatedCount: updated.length,
    created: created.map(ref),
    updated: updated.map(ref),
    students: [...created, ...updated].map((s) => ({
      ...ref(s),
      firstName: s.firstName,
      lastName: s.lastName,
    })),
  }
  state.importCommits.set(`${schoolId}:${key}`, answer)
  return answer
}

function jobOf(state: BackendState, schoolId: string, jobId: string): ImportJob {
  const job = state.importJobs.get(jobId)
  if (!job || job.schoolId !== schoolId) throw fail(404, 'Import job not found')
  return job
}

export function deviceImportRoutes(router: Router, { state }: SimContext): void {
  router.add('POST', '/schools/:schoolId/device-import/preview', (req) => {
    const { schoolId = '' } = req.params
    req.auth.user(STAFF, schoolId)
    return { json: preview(state, schoolId, rowsOf(objectBody(req.body))) }
  })

  router.add('POST', '/schools/:schoolId/device-import/commit', (req) => {
    const { schoolId = '' } = req.params
    req.auth.user(STAFF, schoolId)
    return { json: commit(state, schoolId, objectBody(req.body)) }
  })

  router.add('GET', '/schools/:schoolId/import-jobs/:jobId', (req) => {
    const { schoolId = '', jobId = '' } = req.params
    req.auth.user(STAFF, schoolId)
    return { json: jobOf(state, schoolId, jobId) }
  })

  router.add('POST', '/schools/:schoolId/import-jobs/:jobId/retry', (req) => {
    const { schoolId = '', jobId = '' } = req.params
    req.auth.user(STAFF, schoolId)
    const job = jobOf(state, schoolId, jobId)
    Object.assign(job, { retryCount: job.retryCount + 1, lastError: null, finishedAt: nowIso() })
    return { json: job }
  })
}
