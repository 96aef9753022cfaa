import { describe, expect, it } from 'vitest'
import type { ImportRow } from '../../../../../shared/api/backend'
import type { DeviceImportRow } from '../../../../../shared/api/device-import'
import type { Device, DeviceUser } from '../../../../../shared/api/devices'
import { AppError } from '../../../../../shared/errors'
import type { BackendClient } from '../../../../../proxy/backend/client'
import {
  createDeviceImport,
  guessNames,
  type DeviceImportDeps,
} from '../../../../../proxy/domain/device-import'
import { BackendAccess } from '../../../../../proxy/domain/students/backend-access'

const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3])

interface Fakes {
  deviceUsers?: DeviceUser[]
  schoolIds?: string[]
  faces?: Map<string, Buffer | AppError>
  commitError?: AppError
  putError?: AppError
}

/** The school server and the terminal as plain objects: what the use cases see of them. */
function rig(fakes: Fakes = {}) {
  const puts: { id: string; body: Record<string, unknown> }[] = []
  const listed: { offset: number; limit: number }[] = []
  const commits: unknown[] = []
  const client = {
    async *listAllStudents() {
      for (const id of fakes.schoolIds ?? []) yield { deviceStudentId: id }
    },
    importPreview: async (rows: ImportRow[]) => ({
      rows: rows.map((row) => ({
        employeeNo: row.employeeNo,
        action: row.classId === 'bad' ? 'INVALID' : 'CREATE',
        reasons: row.classId === 'bad' ? ['Class not found'] : [],
        existingStudentId: null,
      })),
    }),
    importCommit: async (input: { rows: ImportRow[] }) => {
      commits.push(input)
      if (fakes.commitError) throw fakes.commitError
      const created = input.rows.map((row) => ({
        id: `s-${row.employeeNo}`,
        deviceStudentId: row.employeeNo,
      }))
      return { ok: true, idempotent: false, jobId: 'job-1', created, updated: [], students: created }
    },
    updateStudent: async (id: string, body: Record<string, unknown>) => {
      if (fakes.putError) throw fakes.putError
      puts.push({ id, body })
      return { id }
    },
  } as unknown as BackendClient
  const users = fakes.deviceUsers ?? []
  const deps: DeviceImportDeps = {
    backend: new BackendAccess(client),
    deviceUsers: {
      list: async (_id, query) => {
        listed.push(query)
        return { total: users.length, users: users.slice(query.offset, query.offset + query.limit) }
      },
      face: async (_id, employeeNo) => {
        const face = fakes.faces?.get(employeeNo) ?? JPEG
        if (face instanceof AppError) throw face
        return face
      },
    },
    registry: { get: (id) => ({ id, backendId: 'backend-device-1' }) as Device },
    logger: { info: () => undefined, warn: () => undefined },
  }
  return { deviceImport: createDeviceImport(deps), puts, listed, commits }
}

const person = (n: number): DeviceUser => ({
  employeeNo: String(100 + n),
  name: `Familiya${n} Ism${n}`,
  hasFace: true,
})
const row = (employeeNo: string, classId = 'c1'): DeviceImportRow => ({
  employeeNo,
  lastName: 'Karimov',
  firstName: 'Aziz',
  classId,
})

describe('device import use cases', () => {
  it('splits "Familiya Ism Otasining ismi" as a first guess; one word stays a surname', () => {
    expect(guessNames('  Gʻulomov   Oʻtkir  Anvar oʻgʻli ')).toEqual({
      lastName: 'Gʻulomov',
      firstName: 'Oʻtkir',
      fatherName: 'Anvar oʻgʻli',
    })
    expect(guessNames('Ergashev')).toEqual({ lastName: 'Ergashev', firstName: '', fatherName: '' })
    expect(guessNames('')).toEqual({ lastName: '', firstName: '', fatherName: '' })
  })

  it('pages through every device page (100 at a time) and leaves out the school’s people', async () => {
    const users = Array.from({ length: 250 }, (_, i) => person(i))
    const { deviceImport, listed } = rig({ deviceUsers: users, schoolIds: ['100', '349'] })
    const list = await deviceImport.candidates('d1')
    expect(listed.map((q) => q.offset)).toEqual([0, 100, 200])
    expect(list).toMatchObject({ onDevice: 250, inSchool: 2 })
    expect(list.candidates).toHaveLength(248)
    expect(list.candidates.map((c) => c.employeeNo)).not.toContain('349')
  })

  it('commits with syncMode none, the device as source, and a key that changes when the rows do', async () => {
    const { deviceImport, commits } = rig()
    await deviceImport.commit({ deviceId: 'd1', idempotencyKey: 'same-key-1', rows: [row('1')] })
    await deviceImport.commit({ deviceId: 'd1', idempotencyKey: 'same-key-1', rows: [row('1')] })
    await deviceImport.commit({ deviceId: 'd1', idempotencyKey: 'same-key-1', rows: [row('2')] })
    const sent = commits as { idempotencyKey: string; syncMode: string; sourceDeviceId: string }[]
    expect(sent[0]).toMatchObject({ syncMode: 'none', sourceDeviceId: 'backend-device-1' })
    expect(sent[1]?.idempotencyKey).toBe(sent[0]?.idempotencyKey)
    expect(sent[2]?.idempotencyKey).not.toBe(sent[0]?.idempotencyKey)
  })

  it('answers each photo trouble on its row: no face, device away, not a JPEG, school refuses the photo', async () => {
    const faces = new Map<string, Buffer | AppError>([
      ['2', new AppError('not_found', 'no face')],
      ['3', new AppError('device_unreachable', 'away')],
      ['4', Buffer.from('<html>')],
    ])
    const { deviceImport, puts } = rig({ faces })
    const result = await deviceImport.commit({
      deviceId: 'd1',
      idempotencyKey: 'photos-key',
      rows: ['1', '2', '3', '4'].map((no) => row(no)),
    })
    expect(result.rows.map((r) => [r.result, r.code])).toEqual([
      ['imported', null],
      ['no_photo', null],
      ['photo_failed', 'device_unreachable'],
      ['photo_failed', 'image_invalid'],
    ])
    expect(result).toMatchObject({ importedCount: 2, failedCount: 2 })
    expect(puts).toEqual([
      {
        id: 's-1',
        body: expect.objectContaining({
          deviceStudentId: '1',
          classId: 'c1',
          faceImageBase64: JPEG.toString('base64'),
        }),
      },
    ])

    const refused = rig({ putError: new AppError('backend_rejected', 'Bu sinfda bunday oʻquvchi mavjud') })
    const again = await refused.deviceImport.commit({
      deviceId: 'd1',
      idempotencyKey: 'photos-key',
      rows: [row('5')],
    })
    expect(again.rows[0]).toMatchObject({
      result: 'photo_failed',
      studentId: 's-5',
      code: 'backend_rejected',
      reasons: ['Bu sinfda bunday oʻquvchi mavjud'],
    })
  })

  it('a batch the school server refuses fails its rows with the reason; a server away fails the request', async () => {
    const refused = rig({ commitError: new AppError('backend_rejected', '1: Class not found') })
    const result = await refused.deviceImport.commit({
      deviceId: 'd1',
      idempotencyKey: 'refused-1',
      rows: [row('1')],
    })
    expect(result.rows[0]).toMatchObject({
      result: 'failed',
      code: 'backend_rejected',
      reasons: ['1: Class not found'],
    })

    const away = rig({ commitError: new AppError('backend_unavailable', 'no answer') })
    await expect(
      away.deviceImport.commit({ deviceId: 'd1', idempotencyKey: 'away-key-1', rows: [row('1')] }),
    ).rejects.toMatchObject({ code: 'backend_unavailable' })
  })

  it('without a school server configured, says so before touching the device', async () => {
    const deviceImport = createDeviceImport({
      backend: new BackendAccess(null),
      deviceUsers: {
        list: () => Promise.reject(new Error('the device must not be asked')),
        face: () => Promise.reject(new Error('the device must not be asked')),
      },
      registry: { get: (id) => ({ id, backendId: null }) as unknown as Device },
      logger: { info: () => undefined, warn: () => undefined },
    })
    await expect(deviceImport.candidates('d1')).rejects.toMatchObject({
      code: 'backend_unavailable',
      extra: { details: { reason: 'not_configured' } },
    })
    await expect(
      deviceImport.commit({ deviceId: 'd1', idempotencyKey: 'no-server', rows: [row('1')] }),
    ).rejects.toMatchObject({ code: 'backend_unavailable' })
  })
})
