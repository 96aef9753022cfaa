import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Outbox } from '../../../proxy/backend/outbox'
import { openDatabase } from '../../../proxy/store/db'
import { OutboxView } from '../../../shared/api/outbox'
import { registrationFor, type SeededSchool } from '../../helpers/outbox-fixtures'
import { startProxy, type RunningProxy } from '../../helpers/proxy-process'
import { startBackend, type SimBackend } from '../../sim/backend'

const STUDENTS = ['5100000001', '5100000002']

async function until(condition: () => Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

describe('the proxy process delivering its outbox to the school backend', () => {
  let sim: SimBackend
  let school: SeededSchool
  let proxy: RunningProxy
  const dataDir = mkdtempSync(join(tmpdir(), 'sr-outbox-proxy-'))

  const view = async () => OutboxView.parse(await (await proxy.adminFetch('/api/outbox')).json())
  const startOurProxy = () =>
    startProxy({
      dataDir,
      tls: 'off',
      env: {
        SR_BACKEND_URL: sim.url,
        SR_SCHOOL_ID: sim.schoolId,
        SR_BACKEND_TOKEN: sim.credentials.provisioningToken,
      },
    })

  beforeAll(async () => {
    sim = await startBackend()
    school = await sim.seedSchool({ classes: 1, devices: 2 })
    // Reports as the registration saga leaves them in the data dir.
    const db = openDatabase(dataDir)
    const outbox = new Outbox({ db })
    for (const employeeNo of STUDENTS) outbox.enqueue(registrationFor(school, { employeeNo }))
    db.close()
  })
  afterAll(async () => {
    await proxy?.stop()
    await sim?.close()
  })

  it('shows the reports pending with the reason while the backend is down', async () => {
    await sim.setMode('down')
    proxy = await startOurProxy()
    await until(async () => (await view()).pending.some((p) => p.lastError !== null), 'an attempt has failed')
    const waiting = await view()
    expect(waiting).toMatchObject({ mode: 'online', delivered: 0, failed: [] })
    expect(waiting.pending).toHaveLength(6)
    expect(waiting.pending.find((p) => p.lastError)).toMatchObject({
      kind: 'provision',
      lastErrorCode: 'backend_unavailable',
      lastError: expect.stringContaining('cannot be reached'),
    })
  })

  it('after kill -9, a restart and the backend back up, delivers every report exactly once', async () => {
    await proxy.kill()
    await sim.setMode('up')
    proxy = await startOurProxy()
    const flushed = await proxy.adminFetch('/api/outbox/flush', { method: 'POST' })
    expect(flushed.status).toBe(200)
    await until(async () => (await view()).delivered === 6, 'all are delivered')
    expect((await view()).pending).toEqual([])
    for (const employeeNo of STUDENTS) {
      expect([...sim.state.students.values()].filter((s) => s.deviceStudentId === employeeNo)).toHaveLength(1)
    }
    expect(sim.state.provisionings.size).toBe(2)
    expect(sim.calls.filter((c) => c.path.endsWith('/students/provision'))).toHaveLength(2)
    expect(sim.calls.filter((c) => c.path.endsWith('/device-result'))).toHaveLength(4)
  })
})
