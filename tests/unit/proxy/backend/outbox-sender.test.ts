import { randomUUID } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { Outbox } from '../../../../proxy/backend/outbox'
import type { DeviceResultBody } from '../../../../proxy/backend/report-kinds'
import { registrationReports } from '../../../../proxy/domain/registration/backend-reports'
import { openDatabase, openMemoryDatabase, type Db } from '../../../../proxy/store/db'
import { OutboxRepo } from '../../../../proxy/store/outbox-repo'
import { rejected, ScriptedBackend, unavailable, type ScriptedCall } from './scripted-report-backend'

const fast = { backoff: { baseMs: 40, capMs: 400 }, maxPerMinute: 60_000, burst: 100 }
const running: Outbox[] = []

afterEach(async () => {
  await Promise.all(running.splice(0).map((o) => o.stop()))
})

function start(db: Db, backend: ScriptedBackend, sender: object = {}): Outbox {
  const outbox = new Outbox({ db, backend, sender: { ...fast, ...sender } })
  running.push(outbox)
  outbox.start()
  return outbox
}

function deviceResult(employeeNo: string, name: string): DeviceResultBody {
  return {
    deviceId: `backend-${name}`,
    deviceExternalId: `DS-${name}`,
    deviceName: name,
    deviceType: 'ENTRANCE',
    deviceLocation: null,
    status: 'SUCCESS',
    employeeNoOnDevice: employeeNo,
    error: null,
  }
}

function registration(employeeNo: string, clientId = randomUUID()) {
  return registrationReports({
    clientId,
    employeeNo,
    student: { firstName: 'Vali', lastName: 'Aliyev', gender: 'male', classId: 'class-5a' },
    targetDeviceIds: ['backend-Gate', 'backend-Exit'],
    deviceResults: [deviceResult(employeeNo, 'Gate'), deviceResult(employeeNo, 'Exit')],
  })
}

function studentOf(call: ScriptedCall): string {
  const body = call.body as { student?: { deviceStudentId: string }; employeeNoOnDevice?: string }
  return body.student?.deviceStudentId ?? body.employeeNoOnDevice ?? ''
}

async function until(condition: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('outbox sender', () => {
  it('wakes on enqueue and sends a student’s provision before its device results, which get its provisioningId', async () => {
    const db = openMemoryDatabase()
    const backend = new ScriptedBackend()
    const outbox = start(db, backend)
    outbox.enqueue(registration('4820193746'))
    await until(() => outbox.view().delivered === 3)
    expect(backend.calls.map((c) => c.route)).toEqual(['provision', 'device-result', 'device-result'])
    expect(backend.callsTo('device-result').map((c) => c.target)).toEqual(['prov-1', 'prov-1'])
    expect(outbox.view().pending).toEqual([])
  })

  it('sends the same Idempotency-Key on every attempt, the provision’s being its requestId', async () => {
    const db = openMemoryDatabase()
    const backend = new ScriptedBackend()
    backend.failNext(unavailable())
    backend.failNext(unavailable())
    const clientId = randomUUID()
    const outbox = start(db, backend)
    outbox.enqueue(registration('4820193746', clientId))
    await until(() => outbox.view().delivered === 3)
    const provisions = backend.callsTo('provision')
    expect(provisions.map((c) => c.idempotencyKey)).toEqual([clientId, clientId, clientId])
    expect(new Set(backend.callsTo('device-result').map((c) => c.idempotencyKey)).size).toBe(2)
  })

  it('keeps students independent: one waiting on a refused provision does not hold up another', async () => {
    const db = openMemoryDatabase()
    const backend = new ScriptedBackend()
    backend.failNext(rejected('Duplicate student in class'), (c) => studentOf(c) === '1111111111')
    const outbox = start(db, backend)
    outbox.enqueue(registration('1111111111'))
    outbox.enqueue(registration('2222222222'))
    await until(() => outbox.view().delivered === 3 && outbox.view().failed.length === 1)
    expect(backend.calls.filter((c) => studentOf(c) === '1111111111').map((c) => c.route)).toEqual([
      'provision',
    ])
    expect(backend.calls.filter((c) => studentOf(c) === '2222222222')).toHaveLength(3)
  })

  it('marks a report refused with a final 4xx as failed with the server’s words and does not retry it by itself', async () => {
    const db = openMemoryDatabase()
    const backend = new ScriptedBackend()
    backend.failNext(rejected("Gender noto'g'ri yoki bo'sh", 400))
    const outbox = start(db, backend)
    const [provisionId, resultId] = outbox.enqueue(registration('4820193746'))
    await until(() => outbox.view().failed.length === 1)
    await settle(300)
    const view = outbox.view()
    expect(view.failed[0]).toMatchObject({
      id: provisionId,
      state: 'failed',
      lastError: "Gender noto'g'ri yoki bo'sh",
      lastErrorCode: 'backend_rejected',
      attempts: 1,
    })
    expect(view.pending.map((p) => p.waitingFor)).toEqual([provisionId, provisionId])
    expect(view.pending[0]?.id).toBe(resultId)
    expect(backend.calls).toHaveLength(1)
    expect(outbox.status('4820193746')).toEqual({
      status: 'queued',
      error: {
        code: 'backend_rejected',
        message: "Gender noto'g'ri yoki bo'sh",
        reason: 'invalid',
        reportId: provisionId,
      },
    })
  })

  it('sends a failed report again when asked, and the student’s later reports follow', async () => {
    const db = openMemoryDatabase()
    const backend = new ScriptedBackend()
    backend.failNext(rejected('Class not found', 400))
    const outbox = start(db, backend)
    const [provisionId] = outbox.enqueue(registration('4820193746'))
    await until(() => outbox.view().failed.length === 1)
    const requeued = outbox.retry(provisionId!)
    expect(requeued).toMatchObject({ state: 'pending', attempts: 0, lastError: 'Class not found' })
    await until(() => outbox.view().delivered === 3)
    expect(backend.callsTo('provision')).toHaveLength(2)
  })

  it('retries a 401 (the proxy’s credentials, not the report) instead of failing the report', async () => {
    const db = openMemoryDatabase()
    const backend = new ScriptedBackend()
    backend.failNext(rejected('Unauthorized', 401))
    const outbox = start(db, backend)
    outbox.enqueue(registration('4820193746'))
    await until(() => outbox.view().delivered === 3)
    expect(outbox.view().failed).toEqual([])
  })

  it('records the attempt before the request leaves and backs off within the jitter bounds', async () => {
    const db = openMemoryDatabase()
    const repo = new OutboxRepo(db)
    const backend = new ScriptedBackend()
    const slow = { backoff: { baseMs: 60_000, capMs: 600_000 } }
    backend.holdAnswers()
    const outbox = start(db, backend, slow)
    const [provisionId] = outbox.enqueue(registration('4820193746'))
    await until(() => backend.calls.length === 1)
    const inFlight = repo.get(provisionId!)!
    expect(inFlight).toMatchObject({ state: 'pending', attempts: 1 })
    expect(inFlight.lastAttemptAt).not.toBeNull()
    backend.release()
    await outbox.stop()

    const again = start(db, backend, slow)
    backend.failNext(unavailable())
    again.flush()
    await until(() => repo.get(provisionId!)!.attempts === 2 && repo.get(provisionId!)!.lastError !== null)
    const row = repo.get(provisionId!)!
    const wait = Date.parse(row.nextAttemptAt) - Date.parse(row.lastAttemptAt!)
    expect(wait).toBeGreaterThanOrEqual(0)
    expect(wait).toBeLessThan(120_000)
    expect(row).toMatchObject({ lastErrorCode: 'backend_unavailable', lastError: 'Server javob bermadi' })
  })

  it('grows the wait with every failed attempt, never past the cap', async () => {
    const db = openMemoryDatabase()
    const repo = new OutboxRepo(db)
    const backend = new ScriptedBackend()
    for (let i = 0; i < 6; i++) backend.failNext(unavailable())
    const outbox = start(db, backend, { backoff: { baseMs: 10, capMs: 80 }, random: () => 0.999 })
    const [provisionId] = outbox.enqueue(registration('4820193746'))
    const waits: number[] = []
    for (let attempt = 1; attempt <= 6; attempt++) {
      await until(() => repo.get(provisionId!)!.attempts === attempt && backend.calls.length === attempt)
      const row = repo.get(provisionId!)!
      waits.push(Date.parse(row.nextAttemptAt) - Date.parse(row.lastAttemptAt!))
    }
    await until(() => outbox.view().delivered === 3)
    expect(waits).toEqual([9, 19, 39, 79, 79, 79])
  })

  it('honours Retry-After on a 429', async () => {
    const db = openMemoryDatabase()
    const repo = new OutboxRepo(db)
    const backend = new ScriptedBackend()
    backend.failNext(unavailable(1))
    const outbox = start(db, backend)
    const [provisionId] = outbox.enqueue(registration('4820193746'))
    await until(() => repo.get(provisionId!)!.lastError !== null)
    const row = repo.get(provisionId!)!
    expect(Date.parse(row.nextAttemptAt) - Date.parse(row.lastAttemptAt!)).toBeGreaterThanOrEqual(1_000)
    await until(() => outbox.view().delivered === 3)
    expect(backend.callTimes[1]! - backend.callTimes[0]!).toBeGreaterThanOrEqual(990)
  })

  it('holds every student back while the backend is down instead of knocking once per student', async () => {
    const db = openMemoryDatabase()
    const backend = new ScriptedBackend()
    backend.failNext(unavailable(1))
    const outbox = start(db, backend, { maxInFlight: 1 })
    for (let i = 1; i <= 5; i++) outbox.enqueue(registration(`${i}00000000${i}`))
    await until(() => backend.calls.length === 1)
    await settle(500)
    expect(backend.calls).toHaveLength(1)
    await until(() => outbox.view().delivered === 15)
  })

  it('sends at once on flush, past the backoff', async () => {
    const db = openMemoryDatabase()
    const backend = new ScriptedBackend()
    backend.failNext(unavailable())
    const outbox = start(db, backend, { backoff: { baseMs: 600_000, capMs: 600_000 }, random: () => 0.5 })
    outbox.enqueue(registration('4820193746'))
    await until(() => outbox.view().pending[0]?.lastError !== null)
    await settle(100)
    expect(backend.calls).toHaveLength(1)
    expect(outbox.flush()).toEqual({ pending: 3 })
    await until(() => outbox.view().delivered === 3)
  })

  it('gives a student update the backend id from the provision', async () => {
    const db = openMemoryDatabase()
    const backend = new ScriptedBackend()
    const outbox = start(db, backend)
    const [provisionId] = outbox.enqueue(registration('4820193746'))
    outbox.enqueue([
      {
        kind: 'student-update',
        groupKey: '4820193746',
        studentIdFrom: provisionId!,
        body: { firstName: 'Vali', lastName: 'Aliyev', classId: 'class-5a', faceImageBase64: 'QUJD' },
      },
    ])
    await until(() => outbox.view().delivered === 4)
    const [created] = [...backend.students.values()]
    expect(backend.callsTo('student-update')[0]?.target).toBe(created?.studentId)
  })

  it('does not create a student twice when it crashes between the answer and the mark', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sr-outbox-'))
    const backend = new ScriptedBackend()
    const first = openDatabase(dir)
    backend.holdAnswers()
    const crashed = start(first, backend)
    const clientId = randomUUID()
    crashed.enqueue(registration('4820193746', clientId))
    await until(() => backend.calls.length === 1)
    await crashed.stop()
    first.close()
    backend.release()

    const second = openDatabase(dir)
    const restarted = start(second, backend, { backoff: { baseMs: 1, capMs: 1 } })
    await until(() => restarted.view().delivered === 3)
    expect(backend.students.size).toBe(1)
    expect(backend.callsTo('provision').map((c) => (c.body as { requestId: string }).requestId)).toEqual([
      clientId,
      clientId,
    ])
    expect(backend.callsTo('device-result').map((c) => c.target)).toEqual(['prov-1', 'prov-1'])
    second.close()
  })
})

describe('deliverSoon', () => {
  it('answers sent with the provisioningId when the backend takes the provision at once', async () => {
    const db = openMemoryDatabase()
    const outbox = start(db, new ScriptedBackend())
    outbox.enqueue(registration('4820193746'))
    expect(await outbox.deliverSoon('4820193746', 2_000)).toEqual({
      status: 'sent',
      provisioningId: 'prov-1',
    })
  })

  it('answers queued at once when the backend is down, and the reports go later', async () => {
    const db = openMemoryDatabase()
    const backend = new ScriptedBackend()
    backend.failNext(unavailable())
    const outbox = start(db, backend)
    outbox.enqueue(registration('4820193746'))
    const began = Date.now()
    expect(await outbox.deliverSoon('4820193746', 5_000)).toEqual({ status: 'queued' })
    expect(Date.now() - began).toBeLessThan(2_000)
    await until(() => outbox.view().delivered === 3)
    expect(outbox.status('4820193746')).toEqual({ status: 'sent', provisioningId: 'prov-1' })
  })

  it('answers queued after the wait when the backend is slow, and delivers once it answers', async () => {
    const db = openMemoryDatabase()
    const backend = new ScriptedBackend()
    backend.holdAnswers()
    const outbox = start(db, backend)
    outbox.enqueue(registration('4820193746'))
    expect(await outbox.deliverSoon('4820193746', 100)).toEqual({ status: 'queued' })
    backend.release()
    await until(() => outbox.view().delivered === 3)
    expect(backend.callsTo('provision')).toHaveLength(1)
  })

  it('tells a refused provision apart from a waiting one', async () => {
    const db = openMemoryDatabase()
    const backend = new ScriptedBackend()
    backend.failNext(rejected('Duplicate student in class'))
    const outbox = start(db, backend)
    outbox.enqueue(registration('4820193746'))
    expect(await outbox.deliverSoon('4820193746')).toEqual({
      status: 'queued',
      error: {
        code: 'backend_rejected',
        message: 'Duplicate student in class',
        reason: 'duplicate_in_class',
        reportId: expect.any(String),
      },
    })
  })

  it('answers queued at once, without waiting, when the rate limit has no room left', async () => {
    const db = openMemoryDatabase()
    const backend = new ScriptedBackend()
    const outbox = start(db, backend, { maxPerMinute: 1, burst: 1 })
    outbox.enqueue(registration('1111111111'))
    expect(await outbox.deliverSoon('1111111111')).toEqual({ status: 'sent', provisioningId: 'prov-1' })
    outbox.enqueue(registration('2222222222'))
    const began = Date.now()
    expect(await outbox.deliverSoon('2222222222', 5_000)).toEqual({ status: 'queued' })
    expect(Date.now() - began).toBeLessThan(1_000)
    expect(backend.callsTo('provision')).toHaveLength(1)
  })

  it('tries right away even while the sender holds off after failures', async () => {
    const db = openMemoryDatabase()
    const backend = new ScriptedBackend()
    backend.failNext(unavailable(600))
    const outbox = start(db, backend)
    outbox.enqueue(registration('1111111111'))
    await until(() => backend.calls.length === 1)
    await settle(20)
    outbox.enqueue(registration('2222222222'))
    expect(await outbox.deliverSoon('2222222222')).toEqual({ status: 'sent', provisioningId: 'prov-1' })
  })
})
