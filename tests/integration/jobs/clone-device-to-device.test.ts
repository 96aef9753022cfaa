import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startProxy, type RunningProxy } from '../../helpers/proxy-process'
import { startTerminal, type Terminal } from '../../sim/terminal'
import { addDevice, faceless, people, readEvents, startJob, waitFor, finished } from './job-helpers'

describe('clone device → device through the proxy process', { timeout: 120_000 }, () => {
  let proxy: RunningProxy
  const sims: Terminal[] = []
  const terminal = async (options: Parameters<typeof startTerminal>[0]) => {
    const sim = await startTerminal(options)
    sims.push(sim)
    return sim
  }

  beforeAll(async () => {
    proxy = await startProxy({ tls: 'off' })
  })
  afterAll(async () => {
    await proxy?.stop()
    await Promise.all(sims.map((sim) => sim.close()))
  })

  it('copies 40 people, skips the 5 the target already has, and leaves every person with a face', async () => {
    const everyone = people(40)
    const source = await terminal({ seedUsers: everyone })
    const target = await terminal({ seedUsers: everyone.slice(10, 15) })
    const sourceId = await addDevice(proxy, source, 'Eski terminal')
    const targetId = await addDevice(proxy, target, 'Sport zal')
    target.resetStats()

    const started = await startJob(proxy, {
      type: 'clone-device-to-device',
      sourceDeviceId: sourceId,
      targetDeviceId: targetId,
    })
    expect(started).toMatchObject({ type: 'clone-device-to-device', targetDeviceId: targetId })
    expect(started.capacity).toMatchObject({ onDevice: 5, incoming: 40, fits: true })
    const events = await readEvents(proxy, started.id)
    const last = events.at(-1)

    expect(last).toMatchObject({ state: 'done', total: 40, done: 35, skipped: 5, failed: 0, errors: [] })
    expect(events.length).toBeGreaterThan(2)
    expect(target.state.users.size).toBe(40)
    expect(faceless(target)).toEqual([])
    for (const person of everyone) expect(target.state.users.get(person.employeeNo)?.name).toBe(person.name)
    // Which people the target has: one EmployeeNoList search per 30, not one per person; then the people
    // written are read back ten to a search.
    const answered = (sim: Terminal, op: string) =>
      sim.stats.log.filter((entry) => entry.op === op && entry.status === 200).length
    expect(answered(target, 'userSearch')).toBe(2 + Math.ceil(35 / 10))
    expect(answered(target, 'userRecord')).toBe(35)
    expect(answered(target, 'faceRecord')).toBe(35)
    expect(answered(source, 'facePicture')).toBe(35)
  })

  it('reports a face the target refuses with the device reason, and removes that person again', async () => {
    const everyone = people(6, 3_100_000_001)
    const source = await terminal({ seedUsers: everyone })
    const target = await terminal({})
    const sourceId = await addDevice(proxy, source, 'Manba')
    const targetId = await addDevice(proxy, target, 'Nishon')
    target.setFault('faceRecord', { kind: 'error', subStatusCode: 'faceLowQulity' }, { times: 1 })

    const job = await startJob(proxy, {
      type: 'clone-device-to-device',
      sourceDeviceId: sourceId,
      targetDeviceId: targetId,
    })
    const last = await waitFor(proxy, job.id, finished)

    expect(last).toMatchObject({ state: 'done', total: 6, done: 5, failed: 1 })
    expect(last.errors).toEqual([
      expect.objectContaining({
        employeeNo: everyone[0]?.employeeNo,
        code: 'device_rejected',
        subStatusCode: 'faceLowQulity',
      }),
    ])
    expect(target.state.users.size).toBe(5)
    expect(faceless(target)).toEqual([])

    const csv = await (await proxy.adminFetch(`/api/jobs/${job.id}/report.csv`)).text()
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
    expect(lines[0]).toBe('employeeNo,studentId,name,outcome,code,reason,deviceReason')
    expect(lines).toHaveLength(7)
    expect(lines[1]).toContain(`${everyone[0]?.employeeNo},,${everyone[0]?.name},failed,device_rejected`)
    expect(lines[1]).toContain('faceLowQulity')
  })

  it('refuses a job it cannot start: unknown device, same device twice, unreachable target', async () => {
    const source = await terminal({ seedUsers: people(2, 3_200_000_001) })
    const sourceId = await addDevice(proxy, source, 'Bor')
    const post = (body: unknown) =>
      proxy.adminFetch('/api/jobs', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })

    const unknown = await post({
      type: 'clone-device-to-device',
      sourceDeviceId: sourceId,
      targetDeviceId: 'nope',
    })
    expect(unknown.status).toBe(404)
    const same = await post({
      type: 'clone-device-to-device',
      sourceDeviceId: sourceId,
      targetDeviceId: sourceId,
    })
    expect(same.status).toBe(400)
    expect(await same.json()).toMatchObject({ error: { code: 'validation_failed', field: 'sourceDeviceId' } })
    const bad = await post({ type: 'clone-everything' })
    expect(bad.status).toBe(400)

    const gone = await terminal({})
    const goneId = await addDevice(proxy, gone, 'Oʻchgan')
    await gone.setOffline('refuse')
    const offline = await post({
      type: 'clone-device-to-device',
      sourceDeviceId: sourceId,
      targetDeviceId: goneId,
    })
    expect(offline.status).toBe(504)
    expect(await offline.json()).toMatchObject({ error: { code: 'device_unreachable' } })

    const noBackend = await post({ type: 'clone-db-to-device', targetDeviceId: sourceId })
    expect(noBackend.status).toBe(409)
    expect((await proxy.adminFetch('/api/jobs/nope')).status).toBe(404)
  })

  it('warns before start when the target may not have room, and stops once the target is full', async () => {
    const incoming = people(3, 3_300_000_001)
    const source = await terminal({ seedUsers: incoming })
    const target = await terminal({ seedUsers: 1_499 })
    const sourceId = await addDevice(proxy, source, 'Katta')
    const targetId = await addDevice(proxy, target, 'Kichik')

    const check = await proxy.adminFetch(
      `/api/jobs/capacity?targetDeviceId=${targetId}&sourceDeviceId=${sourceId}`,
    )
    expect(check.status).toBe(200)
    const body = (await check.json()) as { capacity: unknown; warning?: string }
    expect(body.capacity).toEqual({ max: 1500, onDevice: 1499, incoming: 3, fits: false })
    expect(body.warning).toContain('room for 1 more')

    const job = await startJob(proxy, {
      type: 'clone-device-to-device',
      sourceDeviceId: sourceId,
      targetDeviceId: targetId,
    })
    expect(job.warning).toContain('room for 1 more')
    const last = await waitFor(proxy, job.id, finished)
    expect(last).toMatchObject({ state: 'failed', done: 1, lastError: { code: 'capacity_exceeded' } })
    expect(target.state.users.size).toBe(1500)
    for (const person of incoming) {
      if (target.state.users.has(person.employeeNo))
        expect(target.state.faces.has(person.employeeNo)).toBe(true)
    }
    const list = (await (await proxy.adminFetch('/api/jobs')).json()) as Array<{ id: string }>
    expect(list[0]?.id).toBe(job.id)
  })
})
