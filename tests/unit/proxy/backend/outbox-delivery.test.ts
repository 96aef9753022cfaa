import { randomUUID } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createBackendClient } from '../../../../proxy/backend/client'
import { Outbox, type OutboxOptions } from '../../../../proxy/backend/outbox'
import { openDatabase, openMemoryDatabase, type Db } from '../../../../proxy/store/db'
import { OutboxRepo } from '../../../../proxy/store/outbox-repo'
import { registrationFor, type SeededSchool } from '../../../helpers/outbox-fixtures'
import { faceJpeg, startBackend, type SimBackend } from '../../../sim/backend'

// The outbox against the backend simulator over real HTTP on 127.0.0.1, through the real client.
const fast = { backoff: { baseMs: 30, capMs: 300 }, maxPerMinute: 60_000, burst: 100 }

let sim: SimBackend
let school: SeededSchool
const outboxes: Outbox[] = []

beforeEach(async () => {
  sim = await startBackend()
  school = await sim.seedSchool({ classes: 1, devices: 2 })
})

afterEach(async () => {
  await Promise.all(outboxes.splice(0).map((o) => o.stop()))
  await sim.close()
})

/** The provisioning token opens every route a registration reports to; a student update needs an admin. */
function client(as: 'provisioning' | 'admin' = 'provisioning') {
  const { admin, provisioningToken } = sim.credentials
  const auth =
    as === 'admin' ? { email: admin.email, password: admin.password } : { token: provisioningToken }
  return createBackendClient({ baseUrl: sim.url, schoolId: sim.schoolId, timeoutMs: 5_000, ...auth })
}

function start(db: Db, options: Partial<OutboxOptions> = {}): Outbox {
  const outbox = new Outbox({ db, backend: client(), ...options, sender: { ...fast, ...options.sender } })
  outboxes.push(outbox)
  outbox.start()
  return outbox
}

async function until(condition: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

const reportCalls = () =>
  sim.calls.filter((c) => c.method === 'POST' && /\/(students\/provision|device-result)$/.test(c.path))
const provisionCalls = () => sim.calls.filter((c) => c.path.endsWith('/students/provision'))
const studentsWith = (employeeNo: string) =>
  [...sim.state.students.values()].filter((s) => s.deviceStudentId === employeeNo)

describe('outbox delivery to the school backend', () => {
  it('creates the student with its photo and records each device result on its provisioning', async () => {
    const outbox = start(openMemoryDatabase())
    const photo = (await faceJpeg(0)).toString('base64')
    const clientId = randomUUID()
    outbox.enqueue(registrationFor(school, { employeeNo: '4820193746', clientId, faceImageBase64: photo }))
    await until(() => outbox.view().delivered === 3)

    const [student] = studentsWith('4820193746')
    expect(student?.photoUrl).toBe(`/uploads/student-faces/${student?.id}.jpg`)
    const [provisioning] = [...sim.state.provisionings.values()]
    expect(provisioning).toMatchObject({ requestId: clientId, studentId: student?.id, status: 'CONFIRMED' })
    expect(provisioning?.links.map((l) => l.status)).toEqual(['SUCCESS', 'SUCCESS'])
  })

  it('sends Idempotency-Key on every report, the provision’s equal to its requestId', async () => {
    const outbox = start(openMemoryDatabase())
    const clientId = randomUUID()
    outbox.enqueue(registrationFor(school, { employeeNo: '4820193746', clientId }))
    await until(() => outbox.view().delivered === 3)
    const [provision, ...results] = reportCalls()
    expect(provision?.headers['idempotency-key']).toBe(clientId)
    expect((provision?.body as { requestId: string }).requestId).toBe(clientId)
    expect(results.map((c) => c.headers['idempotency-key'])).toEqual(
      school.devices.map((d) => `${clientId}:device-result:${d.id}`),
    )
    expect(reportCalls().every((c) => c.headers['x-client-contract-version'] === 'sr-frontend-v1')).toBe(true)
  })

  it('keeps reports pending while the backend is down and delivers each once when it is back', async () => {
    await sim.setMode('down')
    const outbox = start(openMemoryDatabase())
    outbox.enqueue(registrationFor(school, { employeeNo: '1111111111' }))
    outbox.enqueue(registrationFor(school, { employeeNo: '2222222222' }))
    await until(() => outbox.view().pending.some((p) => p.lastErrorCode === 'backend_unavailable'))
    expect(outbox.view()).toMatchObject({ delivered: 0, failed: [] })
    expect(outbox.view().pending).toHaveLength(6)

    await sim.setMode('up')
    expect(outbox.flush()).toEqual({ pending: 6 })
    await until(() => outbox.view().delivered === 6)
    expect(studentsWith('1111111111')).toHaveLength(1)
    expect(studentsWith('2222222222')).toHaveLength(1)
    expect(sim.state.provisionings.size).toBe(2)
  })

  it('retries a gateway’s 503 page and a captive portal’s HTML, and never fails the report for them', async () => {
    const outbox = start(openMemoryDatabase())
    await sim.setMode('503')
    outbox.enqueue(registrationFor(school, { employeeNo: '1111111111' }))
    await until(() => provisionCalls().length >= 2)
    await sim.setMode('garbage')
    await until(() => provisionCalls().some((c) => c.mode === 'garbage'))
    expect(outbox.view().failed).toEqual([])
    await sim.setMode('up')
    outbox.flush()
    await until(() => outbox.view().delivered === 3)
    expect(studentsWith('1111111111')).toHaveLength(1)
  })

  it('waits as long as a 429’s Retry-After says', async () => {
    const db = openMemoryDatabase()
    const repo = new OutboxRepo(db)
    await sim.setMode('429', { retryAfterSec: 1 })
    const outbox = start(db)
    const [provisionId] = outbox.enqueue(registrationFor(school, { employeeNo: '1111111111' }))
    await until(() => repo.get(provisionId!)?.lastError !== null)
    await sim.setMode('up')
    const row = repo.get(provisionId!)!
    expect(Date.parse(row.nextAttemptAt) - Date.parse(row.lastAttemptAt!)).toBeGreaterThanOrEqual(1_000)
    await until(() => outbox.view().delivered === 3)
    const [refused, accepted] = provisionCalls()
    expect(Date.parse(accepted!.at) - Date.parse(refused!.at)).toBeGreaterThanOrEqual(990)
  })

  it('marks a refused provision failed with the server’s own words, and holds that student’s results', async () => {
    const outbox = start(openMemoryDatabase())
    const [provisionId] = outbox.enqueue(
      registrationFor(school, { employeeNo: '1111111111', classId: 'no-such-class' }),
    )
    outbox.enqueue(registrationFor(school, { employeeNo: '2222222222' }))
    await until(() => outbox.view().failed.length === 1 && outbox.view().delivered === 3)
    const view = outbox.view()
    expect(view.failed[0]).toMatchObject({
      id: provisionId,
      lastError: 'Class not found',
      lastErrorCode: 'backend_rejected',
    })
    expect(view.pending.map((p) => p.waitingFor)).toEqual([provisionId, provisionId])
    expect(provisionCalls()).toHaveLength(2)
  })

  it('shows a duplicate student in a class as failed, and sends nothing twice', async () => {
    const outbox = start(openMemoryDatabase())
    outbox.enqueue(
      registrationFor(school, { employeeNo: '1111111111', firstName: 'Aziz', lastName: 'Saidov' }),
    )
    await until(() => outbox.view().delivered === 3)
    outbox.enqueue(
      registrationFor(school, { employeeNo: '2222222222', firstName: 'Aziz', lastName: 'Saidov' }),
    )
    await until(() => outbox.view().failed.length === 1)
    expect(outbox.view().failed[0]?.lastError).toBe('Duplicate student in class')
    expect(provisionCalls()).toHaveLength(2)
  })

  it('answers a registration with the backend’s provisioningId when it takes the report at once', async () => {
    const outbox = start(openMemoryDatabase())
    outbox.enqueue(registrationFor(school, { employeeNo: '4820193746' }))
    const status = await outbox.deliverSoon('4820193746')
    const [provisioning] = [...sim.state.provisionings.values()]
    expect(status).toEqual({ status: 'sent', provisioningId: provisioning?.id })
  })

  it('answers queued when the backend is slower than the wait, and the report still lands once', async () => {
    await sim.setMode('slow', { slowMs: 400 })
    const outbox = start(openMemoryDatabase())
    outbox.enqueue(registrationFor(school, { employeeNo: '4820193746' }))
    expect(await outbox.deliverSoon('4820193746', 100)).toEqual({ status: 'queued' })
    await until(() => outbox.view().delivered === 3)
    expect(studentsWith('4820193746')).toHaveLength(1)
  })

  it('does not create the student twice when the proxy stops between the server’s work and its answer', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sr-outbox-'))
    await sim.setMode('slow', { slowMs: 300 })
    const clientId = randomUUID()
    const first = openDatabase(dir)
    const cut = start(first)
    cut.enqueue(registrationFor(school, { employeeNo: '4820193746', clientId }))
    await until(() => provisionCalls().length === 1)
    await cut.stop()
    first.close()
    await until(() => studentsWith('4820193746').length === 1)
    await sim.setMode('up')

    const second = openDatabase(dir)
    const restarted = start(second, { sender: { ...fast, backoff: { baseMs: 1, capMs: 1 } } })
    await until(() => restarted.view().delivered === 3)
    expect(studentsWith('4820193746')).toHaveLength(1)
    expect(sim.state.provisionings.size).toBe(1)
    expect(provisionCalls().map((c) => (c.body as { requestId: string }).requestId)).toEqual([
      clientId,
      clientId,
    ])
    second.close()
  })

  it('updates a new student’s photo through the provision’s studentId', async () => {
    const outbox = start(openMemoryDatabase(), { backend: client('admin') })
    const [provisionId] = outbox.enqueue(registrationFor(school, { employeeNo: '4820193746' }))
    const photo = (await faceJpeg(1)).toString('base64')
    outbox.enqueue([
      {
        kind: 'student-update',
        groupKey: '4820193746',
        studentIdFrom: provisionId!,
        body: {
          firstName: 'Sardor',
          lastName: 'Karimov',
          classId: school.classes[0]!.id,
          faceImageBase64: photo,
        },
      },
    ])
    await until(() => outbox.view().delivered === 4)
    const [student] = studentsWith('4820193746')
    expect(student).toMatchObject({
      lastName: 'Karimov',
      photoUrl: `/uploads/student-faces/${student?.id}.jpg`,
    })
    expect(sim.calls.some((c) => c.method === 'PUT' && c.path === `/students/${student?.id}`)).toBe(true)
  })
})
