import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startProxy, type RunningProxy } from '../../helpers/proxy-process'
import { startBackend, type SeedResult, type SimBackend } from '../../sim/backend'
import { ErrorBody, json, operatorFetch, startProxyFor } from './rig'

type Cell = string | number | null | undefined

/** The first sheet of an .xlsx as rows of cell text, read back with exceljs. */
async function readXlsx(bytes: ArrayBuffer): Promise<string[][]> {
  const { default: ExcelJS } = await import('exceljs')
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(bytes)
  const sheet = workbook.worksheets[0]
  const rows: string[][] = []
  sheet?.eachRow((row) => {
    const values = (row.values as Cell[]).slice(1)
    rows.push(values.map((value) => (value === null || value === undefined ? '' : String(value))))
  })
  return rows
}

describe('GET /api/students/export: students with their state on each device', { timeout: 120_000 }, () => {
  let backend: SimBackend
  let school: SeedResult
  let proxy: RunningProxy

  beforeAll(async () => {
    backend = await startBackend()
    // 120 students: three backend pages of 50, all of which the export must read.
    school = await backend.seedSchool({ classes: 3, students: 120, devices: 2 })
    const [first, second, third] = school.students
    const [entrance, exit] = school.devices
    const now = new Date().toISOString()
    const link = (
      studentId: string,
      deviceId: string,
      status: 'SUCCESS' | 'FAILED' | 'PENDING',
      lastError: string | null,
    ) => ({
      id: `${studentId}-${deviceId}`,
      studentId,
      deviceId,
      provisioningId: `p-${studentId}`,
      status,
      employeeNoOnDevice: null,
      attemptCount: 1,
      lastError,
      lastAttemptAt: now,
      updatedAt: now,
    })
    const provisioning = (studentId: string, links: ReturnType<typeof link>[]) =>
      backend.state.provisionings.set(`p-${studentId}`, {
        id: `p-${studentId}`,
        status: 'PARTIAL',
        studentId,
        schoolId: backend.schoolId,
        requestId: null,
        lastError: null,
        createdAt: now,
        updatedAt: now,
        links,
      })
    provisioning(first!.id, [
      link(first!.id, entrance!.id, 'SUCCESS', null),
      link(first!.id, exit!.id, 'FAILED', '=faceLibFull'),
    ])
    provisioning(second!.id, [link(second!.id, entrance!.id, 'PENDING', null)])
    // A name that a spreadsheet would take for a formula.
    Object.assign(backend.state.students.get(third!.id)!, { lastName: '=SUM(A1:A9)' })
    proxy = await startProxyFor(backend)
  })
  afterAll(async () => {
    await proxy?.stop()
    await backend?.close()
  })

  const deviceNames = () => school.devices.map((d) => d.name)

  it('writes every student of every page to .xlsx, one column per device, present / missing / failed', async () => {
    const response = await proxy.adminFetch('/api/students/export?format=xlsx&lang=en')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toContain('spreadsheetml')
    expect(response.headers.get('content-disposition')).toMatch(/attachment; filename="students-.*\.xlsx"/)
    const rows = await readXlsx(await response.arrayBuffer())
    expect(rows[0]).toEqual([
      '#',
      'Last name',
      'First name',
      'Father’s name',
      'Class',
      'ID (on devices)',
      'Photo',
      ...deviceNames(),
    ])
    expect(rows).toHaveLength(121)
    expect(new Set(rows.slice(1).map((row) => row[5]))).toEqual(
      new Set(school.students.map((s) => s.deviceStudentId)),
    )
    const byId = new Map(rows.slice(1).map((row) => [row[5], row]))
    const [first, second, third, fourth] = school.students
    expect(byId.get(first!.deviceStudentId!)?.slice(7)).toEqual(['present', 'failed: =faceLibFull'])
    expect(byId.get(second!.deviceStudentId!)?.slice(7)).toEqual(['missing', 'missing'])
    expect(byId.get(third!.deviceStudentId!)?.[1]).toBe('=SUM(A1:A9)')
    expect(byId.get(fourth!.deviceStudentId!)).toMatchObject({
      1: fourth!.lastName,
      2: fourth!.firstName,
      4: school.classes.find((c) => c.id === fourth!.classId)?.name,
    })
  })

  it('exports only the class and search asked for, in Uzbek by default', async () => {
    const klass = school.classes[1]!
    const response = await proxy.adminFetch(`/api/students/export?format=xlsx&classId=${klass.id}`)
    const rows = await readXlsx(await response.arrayBuffer())
    expect(rows[0]?.slice(0, 7)).toEqual([
      '№',
      'Familiya',
      'Ism',
      'Otasining ismi',
      'Sinf',
      'ID (qurilmada)',
      'Rasm',
    ])
    const inClass = school.students.filter((s) => s.classId === klass.id)
    expect(
      rows
        .slice(1)
        .map((row) => row[5])
        .sort(),
    ).toEqual(inClass.map((s) => s.deviceStudentId).sort())
    expect(rows.slice(1).every((row) => row[4] === klass.name)).toBe(true)

    const oktir = school.students.filter((s) => s.firstName === 'Oʻtkir')
    const search = await proxy.adminFetch(
      `/api/students/export?format=csv&search=${encodeURIComponent('Oʻtkir')}`,
    )
    const lines = (await search.text()).trim().split('\r\n')
    expect(lines).toHaveLength(oktir.length + 1)
  })

  it('writes CSV with a byte-order mark, commas, CRLF, and formula-like cells defused', async () => {
    const response = await proxy.adminFetch('/api/students/export?format=csv&lang=en')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    const bytes = new Uint8Array(await response.arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).slice(1)
    const lines = text.split('\r\n')
    expect(lines.at(-1)).toBe('')
    expect(lines).toHaveLength(122)
    expect(lines[0]).toBe(
      `#,Last name,First name,Father’s name,Class,ID (on devices),Photo,${deviceNames().join(',')}`,
    )
    const [first, , third] = school.students
    expect(lines.find((line) => line.includes(first!.deviceStudentId!))).toMatch(
      /,present,failed: =faceLibFull$/,
    )
    expect(lines.find((line) => line.includes(third!.deviceStudentId!))).toContain(`,'=SUM(A1:A9),`)
    expect(text).toContain('Oʻtkir')
  })

  it('is open to operator screens too (reading students is their work)', async () => {
    const asOperator = await operatorFetch(proxy)
    const response = await asOperator('/api/students/export?format=csv')
    expect(response.status).toBe(200)
  })

  it('refuses an unknown format with validation_failed', async () => {
    const response = await proxy.adminFetch('/api/students/export?format=pdf')
    expect(response.status).toBe(400)
    expect((await json(ErrorBody, response)).error.code).toBe('validation_failed')
  })

  it('answers backend_unavailable while the school server is down', async () => {
    await backend.setMode('down')
    try {
      const response = await proxy.adminFetch('/api/students/export?format=xlsx')
      expect(response.status).toBe(503)
      expect((await json(ErrorBody, response)).error.code).toBe('backend_unavailable')
    } finally {
      await backend.setMode('up')
    }
  })
})

describe('GET /api/students/export without a school server', () => {
  let proxy: RunningProxy
  beforeAll(async () => {
    proxy = await startProxy({ tls: 'off' })
  })
  afterAll(async () => {
    await proxy?.stop()
  })

  it('says plainly that the school server is not set up', async () => {
    const response = await proxy.adminFetch('/api/students/export?format=csv')
    expect(response.status).toBe(503)
    const { error } = await json(ErrorBody, response)
    expect(error.code).toBe('backend_unavailable')
    expect(error.message).toMatch(/school server is not set up/)
  })
})
