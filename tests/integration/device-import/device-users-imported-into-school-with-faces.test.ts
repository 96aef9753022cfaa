import { randomUUID } from 'node:crypto'
import type { RequestInit } from 'undici'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  DeviceImportCommitResult,
  DeviceImportPreview,
  ImportCandidateList,
  type DeviceImportRow,
} from '../../../shared/api/device-import'
import type { RunningProxy } from '../../helpers/proxy-process'
import { startBackend, type SeedResult, type SimBackend } from '../../sim/backend'
import { startTerminal, type SeedUser, type Terminal } from '../../sim/terminal'
import { addDevice } from '../jobs/job-helpers'
import { ErrorBody, json, operatorFetch, startProxyFor } from '../students/rig'
import { isJpeg, postJson } from './rig'

// People the school lacks: "Familiya Ism" in one field as schools type it, one with a father's name,
// one with a single word, one without a face.
const NEWCOMERS: SeedUser[] = [
  { employeeNo: '7000000001', name: 'Gʻulomov Oʻtkir', withFace: true },
  { employeeNo: '7000000002', name: 'Xolmatova Munisa Rustamovna', withFace: true },
  { employeeNo: '7000000003', name: 'Ergashev', withFace: true },
  { employeeNo: '7000000004', name: 'Saidova Nigora', withFace: false },
]

describe('device → school import through the proxy process', { timeout: 120_000 }, () => {
  let backend: SimBackend
  let school: SeedResult
  let terminal: Terminal
  let proxy: RunningProxy
  let deviceId: string

  beforeAll(async () => {
    backend = await startBackend()
    school = await backend.seedSchool({ classes: 2, students: 60 })
    // 3 of the school's students are on the terminal already, and the 4 newcomers are not in the school.
    const known = school.students.slice(55).slice(0, 3)
    terminal = await startTerminal({
      seedUsers: [
        ...known.map((s) => ({ employeeNo: s.deviceStudentId as string, name: s.name, withFace: true })),
        ...NEWCOMERS,
      ],
    })
    proxy = await startProxyFor(backend)
    deviceId = await addDevice(proxy, terminal, 'Kirish')
  })
  afterAll(async () => {
    await proxy?.stop()
    await terminal?.close()
    await backend?.close()
  })

  const studentsOf = (employeeNo: string) =>
    [...backend.state.students.values()].filter((s) => s.deviceStudentId === employeeNo)

  function rowsFor(classId: string): DeviceImportRow[] {
    return [
      { employeeNo: '7000000001', lastName: 'Gʻulomov', firstName: 'Oʻtkir', classId, gender: 'male' },
      {
        employeeNo: '7000000002',
        lastName: 'Xolmatova',
        firstName: 'Munisa',
        fatherName: 'Rustamovna',
        classId,
        gender: 'female',
      },
      { employeeNo: '7000000003', lastName: 'Ergashev', firstName: 'Doniyor', classId: 'no-such-class' },
      { employeeNo: '7000000004', lastName: 'Saidova', firstName: 'Nigora', classId, gender: 'female' },
    ]
  }

  it('lists exactly the people the school lacks, names split as a first guess, faces linked', async () => {
    const response = await proxy.adminFetch(`/api/devices/${deviceId}/import-candidates`)
    const list = await json(ImportCandidateList, response)
    expect(list).toMatchObject({ deviceId, onDevice: 7, inSchool: 3 })
    expect(list.candidates.map((c) => c.employeeNo).sort()).toEqual(NEWCOMERS.map((u) => u.employeeNo))
    const byNo = new Map(list.candidates.map((c) => [c.employeeNo, c]))
    expect(byNo.get('7000000001')).toMatchObject({
      lastName: 'Gʻulomov',
      firstName: 'Oʻtkir',
      fatherName: '',
    })
    expect(byNo.get('7000000002')).toMatchObject({ fatherName: 'Rustamovna', hasFace: true })
    expect(byNo.get('7000000003')).toMatchObject({ lastName: 'Ergashev', firstName: '' })
    expect(byNo.get('7000000004')).toMatchObject({ hasFace: false, facePath: null })
    const face = await proxy.adminFetch(byNo.get('7000000001')?.facePath as string)
    expect(face.status).toBe(200)
    expect(isJpeg(Buffer.from(await face.arrayBuffer()))).toBe(true)
  })

  it('previews each row with the school server: an unknown class is INVALID with its reason', async () => {
    const classId = school.classes[0]?.id as string
    const preview = await postJson(
      proxy,
      '/api/device-import/preview',
      { deviceId, rows: rowsFor(classId) },
      DeviceImportPreview,
    )
    expect(preview).toMatchObject({ total: 4, createCount: 3, updateCount: 0, invalidCount: 1 })
    expect(preview.rows[2]).toMatchObject({ employeeNo: '7000000003', action: 'INVALID' })
    expect(preview.rows[2]?.reasons.join(' ')).toMatch(/Class not found/)
  })

  it('commits keeping each employeeNo, faces become photos, a resend imports nothing twice, the bad row is retried alone', async () => {
    const classId = school.classes[1]?.id as string
    const before = backend.state.students.size
    const request = { deviceId, idempotencyKey: randomUUID(), rows: rowsFor(classId) }
    const result = await postJson(proxy, '/api/device-import/commit', request, DeviceImportCommitResult)

    expect(result.rows.map((r) => [r.employeeNo, r.result])).toEqual([
      ['7000000001', 'imported'],
      ['7000000002', 'imported'],
      ['7000000003', 'invalid'],
      ['7000000004', 'no_photo'],
    ])
    expect(result).toMatchObject({ importedCount: 3, failedCount: 1, idempotent: false })
    expect(result.rows[2]?.reasons.join(' ')).toMatch(/Class not found/)
    expect(backend.state.students.size).toBe(before + 3)
    for (const row of result.rows.filter((r) => r.result !== 'invalid')) {
      const [student] = studentsOf(row.employeeNo)
      expect(student?.id).toBe(row.studentId)
      expect(student?.classId).toBe(classId)
    }
    const munisa = studentsOf('7000000002')[0]
    expect(munisa).toMatchObject({ firstName: 'Munisa', lastName: 'Xolmatova', fatherName: 'Rustamovna' })
    expect(munisa?.gender).toBe('FEMALE')
    for (const employeeNo of ['7000000001', '7000000002']) {
      const student = studentsOf(employeeNo)[0]
      expect(student?.photoUrl).toBeTruthy()
      const photo = backend.state.photos.get(student?.id as string)
      expect(isJpeg(photo)).toBe(true)
      expect(photo?.equals(terminal.state.faces.get(employeeNo)?.jpeg as Buffer)).toBe(true)
    }
    expect(studentsOf('7000000004')[0]?.photoUrl).toBeNull()

    const again = await postJson(proxy, '/api/device-import/commit', request, DeviceImportCommitResult)
    expect(again.idempotent).toBe(true)
    expect(again.rows.map((r) => r.studentId)).toEqual(result.rows.map((r) => r.studentId))
    expect(backend.state.students.size).toBe(before + 3)

    const fixed = { ...rowsFor(classId)[2], classId } as DeviceImportRow
    const retry = await postJson(
      proxy,
      '/api/device-import/retry',
      { deviceId, idempotencyKey: randomUUID(), rows: [fixed] },
      DeviceImportCommitResult,
    )
    expect(retry.rows).toMatchObject([{ employeeNo: '7000000003', result: 'imported', action: 'CREATE' }])
    expect(backend.state.students.size).toBe(before + 4)
    expect(studentsOf('7000000003')).toHaveLength(1)
    expect(isJpeg(backend.state.photos.get(retry.rows[0]?.studentId as string))).toBe(true)

    const candidates = await json(
      ImportCandidateList,
      await proxy.adminFetch(`/api/devices/${deviceId}/import-candidates`),
    )
    expect(candidates.candidates).toEqual([])
  })

  it('a photo-only retry (the row with its studentId) uploads the face again without a new import', async () => {
    const [student] = studentsOf('7000000001')
    backend.state.photos.delete(student?.id as string)
    const before = backend.state.students.size
    const row = { ...rowsFor(student?.classId as string)[0], studentId: student?.id } as DeviceImportRow
    const retry = await postJson(
      proxy,
      '/api/device-import/retry',
      { deviceId, idempotencyKey: randomUUID(), rows: [row] },
      DeviceImportCommitResult,
    )
    expect(retry).toMatchObject({ jobId: null, rows: [{ result: 'imported', studentId: student?.id }] })
    expect(backend.state.students.size).toBe(before)
    expect(isJpeg(backend.state.photos.get(student?.id as string))).toBe(true)
  })

  it('gives the outcome back as spreadsheet-safe CSV', async () => {
    const response = await proxy.adminFetch('/api/device-import/report.csv', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        rows: [
          {
            employeeNo: '7000000003',
            name: '=HYPERLINK("x") Ergashev',
            action: 'INVALID',
            result: 'invalid',
            studentId: null,
            reasons: ['Class not found', 'Ism, familiya'],
            code: null,
          },
        ],
      }),
    })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toContain('text/csv')
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer())
    expect(text.startsWith('\uFEFFemployeeNo,name,action,result,studentId,code,reason\r\n')).toBe(true)
    expect(text).toContain(
      `7000000003,"'=HYPERLINK(""x"") Ergashev",INVALID,invalid,,,"Class not found; Ism, familiya"`,
    )
  })

  it('is for administrators only: an operator screen is refused', async () => {
    const asOperator = await operatorFetch(proxy)
    const response = await asOperator(`/api/devices/${deviceId}/import-candidates`)
    expect(response.status).toBe(403)
    expect((await json(ErrorBody, response)).error.code).toBe('forbidden')
  })

  it('answers backend_unavailable while the school server is down, and imports nothing', async () => {
    const before = backend.state.students.size
    await backend.setMode('down')
    try {
      const classId = school.classes[0]?.id as string
      const requests: [string, RequestInit][] = [
        [`/api/devices/${deviceId}/import-candidates`, {}],
        ...['/api/device-import/preview', '/api/device-import/commit'].map((path): [string, RequestInit] => [
          path,
          {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({
              deviceId,
              idempotencyKey: randomUUID(),
              rows: [{ employeeNo: '7000000099', lastName: 'Yangi', firstName: 'Bola', classId }],
            }),
          },
        ]),
      ]
      for (const [path, init] of requests) {
        const response = await proxy.adminFetch(path, init)
        expect(response.status, path).toBe(503)
        expect((await json(ErrorBody, response)).error.code).toBe('backend_unavailable')
      }
    } finally {
      await backend.setMode('up')
    }
    expect(backend.state.students.size).toBe(before)
  })
})
