import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { startProxy, type RunningProxy } from '../../helpers/proxy-process'
import { startTerminal, type Terminal } from '../../sim/terminal'
import { addDevice, faceless, finished, getJob, people, startJob, waitFor } from './job-helpers'

describe('a clone job stopped on purpose or by a crash', { timeout: 120_000 }, () => {
  let proxy: RunningProxy | undefined
  const sims: Terminal[] = []
  afterEach(async () => {
    await proxy?.stop()
    proxy = undefined
  })
  afterAll(async () => {
    await Promise.all(sims.map((sim) => sim.close()))
  })

  async function pair(count: number, first: number) {
    const everyone = people(count, first)
    // Face modelling takes time on a terminal; that is the window a cancel or a crash falls into.
    const source = await startTerminal({ seedUsers: everyone })
    const target = await startTerminal({ latency: { faceRecord: 80, userRecord: 10 } })
    sims.push(source, target)
    return { everyone, source, target }
  }

  it('cancel stops after the person being written; what is done stays done', async () => {
    const { source, target } = await pair(40, 4_000_000_001)
    proxy = await startProxy({ tls: 'off' })
    const sourceId = await addDevice(proxy, source, 'Manba')
    const targetId = await addDevice(proxy, target, 'Nishon')
    const job = await startJob(proxy, {
      type: 'clone-device-to-device',
      sourceDeviceId: sourceId,
      targetDeviceId: targetId,
    })
    await waitFor(proxy, job.id, (j) => j.done >= 3)

    const cancel = await proxy.adminFetch(`/api/jobs/${job.id}/cancel`, { method: 'POST' })
    expect(cancel.status).toBe(200)
    expect(await cancel.json()).toMatchObject({ id: job.id, cancelRequested: true })
    const last = await waitFor(proxy, job.id, finished)

    expect(last.state).toBe('cancelled')
    expect(last.finishedAt).toEqual(expect.any(String))
    expect(last.done).toBeLessThan(40)
    expect(target.state.users.size).toBe(last.done)
    expect(faceless(target)).toEqual([])
    // Nothing more is written once it says cancelled.
    const written = target.state.users.size
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(target.state.users.size).toBe(written)
    // Cancelling a finished job changes nothing.
    const again = await proxy.adminFetch(`/api/jobs/${job.id}/cancel`, { method: 'POST' })
    expect(await again.json()).toMatchObject({ state: 'cancelled', done: last.done })
  })

  it('after kill -9 mid-job, the restarted proxy resumes it to the end: no duplicate, no faceless person', async () => {
    const { everyone, source, target } = await pair(40, 4_100_000_001)
    const dataDir = mkdtempSync(join(tmpdir(), 'sr-jobs-crash-'))
    proxy = await startProxy({ tls: 'off', dataDir })
    const sourceId = await addDevice(proxy, source, 'Manba')
    const targetId = await addDevice(proxy, target, 'Nishon')
    const job = await startJob(proxy, {
      type: 'clone-device-to-device',
      sourceDeviceId: sourceId,
      targetDeviceId: targetId,
    })
    await waitFor(proxy, job.id, (j) => j.done >= 8)
    // Killed while a face upload is in flight: that person is on the target without a face for now.
    const deadline = Date.now() + 5_000
    while (target.stats.inFlight === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 2))
    await proxy.kill()
    expect(target.state.users.size).toBeLessThan(40)

    proxy = await startProxy({ tls: 'off', dataDir })
    const last = await waitFor(proxy, job.id, finished)

    expect(last).toMatchObject({ state: 'done', total: 40, failed: 0 })
    expect(last.done + last.skipped).toBe(40)
    expect(target.state.users.size).toBe(40)
    expect(faceless(target)).toEqual([])
    for (const person of everyone) expect(target.state.faces.has(person.employeeNo)).toBe(true)
    // Each person was created once, except one the crash caught half-written (removed and written again).
    const created = target.stats.log.filter((e) => e.op === 'userRecord' && e.status === 200).length
    expect(created - 40).toBeLessThanOrEqual(1)
    expect(proxy.output()).toContain('resuming job')
    expect((await getJob(proxy, job.id)).state).toBe('done')
  })
})
