import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { Outbox } from '../../../../proxy/backend/outbox'
import type { DeviceResultBody } from '../../../../proxy/backend/report-kinds'
import { registrationReports } from '../../../../proxy/domain/registration/backend-reports'
import { openMemoryDatabase } from '../../../../proxy/store/db'

const photo = 'data:image/jpeg;base64,' + 'A'.repeat(4_000)

function deviceResult(name: string, status: 'SUCCESS' | 'FAILED' = 'SUCCESS'): DeviceResultBody {
  return {
    deviceId: `backend-${name}`,
    deviceExternalId: `DS-${name}`,
    deviceName: name,
    deviceType: 'ENTRANCE',
    deviceLocation: null,
    status,
    employeeNoOnDevice: '4820193746',
    error: status === 'FAILED' ? 'device offline' : null,
  }
}

function registration(clientId = randomUUID(), employeeNo = '4820193746') {
  return registrationReports({
    clientId,
    employeeNo,
    student: {
      firstName: 'Vali',
      lastName: 'Aliyev',
      gender: 'male',
      classId: 'class-5a',
      faceImageBase64: photo,
    },
    targetDeviceIds: ['backend-Gate'],
    deviceResults: [deviceResult('Gate'), deviceResult('Exit', 'FAILED')],
  })
}

function setup() {
  const db = openMemoryDatabase()
  return { db, outbox: new Outbox({ db }) }
}

describe('outbox enqueue', () => {
  it('writes a registration as a provision followed by its device results, all pending', () => {
    const { outbox } = setup()
    const ids = outbox.enqueue(registration())
    const view = outbox.view()
    expect(view.pending.map((p) => p.id)).toEqual(ids)
    expect(view.pending.map((p) => p.kind)).toEqual(['provision', 'device-result', 'device-result'])
    expect(view.pending[0]).toMatchObject({
      summary: 'Aliyev Vali (4820193746)',
      waitingFor: null,
      attempts: 0,
    })
    expect(view.pending[1]).toMatchObject({ summary: 'Gate: 4820193746 SUCCESS', waitingFor: ids[0] })
    expect(view).toMatchObject({ delivered: 0, failed: [] })
  })

  it('keeps photos out of the list answer', () => {
    const { outbox } = setup()
    outbox.enqueue(registration())
    expect(JSON.stringify(outbox.view())).not.toContain('AAAA')
  })

  it('rolls back with the caller’s transaction, so no report outlives a registration that was not saved', () => {
    const { db, outbox } = setup()
    const failingRegistration = db.transaction(() => {
      outbox.enqueue(registration())
      throw new Error('device write failed after all')
    })
    expect(() => failingRegistration()).toThrow('device write failed')
    expect(outbox.view().pending).toEqual([])
  })

  it('commits with the caller’s transaction', () => {
    const { db, outbox } = setup()
    db.exec('CREATE TABLE registrations_probe (client_id TEXT)')
    const clientId = randomUUID()
    db.transaction(() => {
      db.prepare('INSERT INTO registrations_probe VALUES (?)').run(clientId)
      outbox.enqueue(registration(clientId))
    })()
    expect(outbox.view().pending).toHaveLength(3)
  })

  it('writes the same registration only once and returns the stored ids', () => {
    const { outbox } = setup()
    const clientId = randomUUID()
    const first = outbox.enqueue(registration(clientId))
    const again = outbox.enqueue(registration(clientId))
    expect(again).toEqual(first)
    expect(outbox.view().pending).toHaveLength(3)
  })

  it('refuses a device result that points at a provision of another student', () => {
    const { outbox } = setup()
    const [provisionId] = outbox.enqueue(registration(randomUUID(), '4820193746'))
    const stray = () =>
      outbox.enqueue([
        {
          kind: 'device-result',
          groupKey: '7777777777',
          provisioningIdFrom: provisionId!,
          body: deviceResult('Gate'),
        },
      ])
    expect(stray).toThrow(/same student/)
    expect(stray).toThrow(expect.objectContaining({ code: 'internal' }))
    expect(outbox.view().pending).toHaveLength(3)
  })

  it('refuses a device result that points at nothing', () => {
    const { outbox } = setup()
    expect(() =>
      outbox.enqueue([
        {
          kind: 'device-result',
          groupKey: '4820193746',
          provisioningIdFrom: randomUUID(),
          body: deviceResult('X'),
        },
      ]),
    ).toThrow(/earlier provision/)
  })

  it('reports the LAN-only mode, and a flush there sends nothing but counts what waits', async () => {
    const { outbox } = setup()
    outbox.enqueue(registration())
    expect(outbox.mode).toBe('lan-only')
    expect(outbox.flush()).toEqual({ pending: 3 })
    expect(await outbox.deliverSoon('4820193746', 50)).toEqual({ status: 'off' })
    expect(outbox.status('4820193746')).toEqual({ status: 'off' })
  })

  it('answers not_found and conflict for retries that make no sense', () => {
    const { db, outbox } = setup()
    const [provisionId] = outbox.enqueue(registration())
    expect(() => outbox.retry(randomUUID())).toThrow(expect.objectContaining({ code: 'not_found' }))
    db.prepare("UPDATE outbox SET state = 'delivered' WHERE id = ?").run(provisionId)
    expect(() => outbox.retry(provisionId!)).toThrow(expect.objectContaining({ code: 'conflict' }))
  })
})
