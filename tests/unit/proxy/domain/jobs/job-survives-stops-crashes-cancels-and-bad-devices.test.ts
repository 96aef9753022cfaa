import { afterEach, describe, expect, it } from 'vitest'
import { openMemoryDatabase } from '../../../../../proxy/store/db'
import { startTerminal, type Terminal } from '../../../../sim/terminal'
import { jobsOn, until } from './harness'

const seed = (count: number, from = 7_000_000_001) =>
  Array.from({ length: count }, (_, i) => ({
    employeeNo: String(from + i),
    name: `Oʻquvchi ${i}`,
    withFace: true,
  }))

describe('a clone job across a stop and a start', () => {
  const sims: Terminal[] = []
  const terminal = async (options: Parameters<typeof startTerminal>[0]) => {
    const sim = await startTerminal(options)
    sims.push(sim)
    return sim
  }
  afterEach(async () => {
    await Promise.all(sims.splice(0).map((sim) => sim.close()))
  })

  it('stays running when the proxy stops, and the next start finishes it without redoing anyone', async () => {
    const db = openMemoryDatabase()
    const sims = {
      a: await terminal({ seedUsers: seed(12) }),
      b: await terminal({ latency: { faceRecord: 15 } }),
    }
    const first = jobsOn(db, sims)
    const job = await first.jobs.create({
      type: 'clone-device-to-device',
      sourceDeviceId: 'a',
      targetDeviceId: 'b',
    })
    await until(first.jobs, job.id, (j) => j.done >= 3)
    await first.close()
    const stopped = first.jobs.get(job.id)
    expect(stopped.state).toBe('running')
    expect(stopped.done).toBeLessThan(12)

    const second = jobsOn(db, sims)
    second.jobs.start()
    const last = await until(second.jobs, job.id)
    await second.close()
    expect(last).toMatchObject({ state: 'done', total: 12, done: 12, skipped: 0, failed: 0 })
    const created = sims.b.stats.log.filter((e) => e.op === 'userRecord' && e.status === 200).length
    expect(created).toBe(12)
  })

  it('removes the person a crash left half-written, then writes it again with its face', async () => {
    const db = openMemoryDatabase()
    const people = seed(4, 7_100_000_001)
    const sims = { a: await terminal({ seedUsers: people }), b: await terminal({}) }
    const { jobs, repo, close } = jobsOn(db, sims)
    const job = await jobs.create({
      type: 'clone-device-to-device',
      sourceDeviceId: 'a',
      targetDeviceId: 'b',
    })
    await until(jobs, job.id)
    await close()
    // What a kill -9 between "person created" and "face uploaded" leaves: a row in `writing`, no face.
    const victim = people[1]?.employeeNo as string
    sims.b.state.faces.delete(victim)
    repo.setItem(job.id, { key: victim, employeeNo: victim }, 'writing', new Date().toISOString())
    repo.setState(job.id, 'running')

    const again = jobsOn(db, sims)
    again.jobs.start()
    const last = await until(again.jobs, job.id)
    await again.close()
    expect(last).toMatchObject({ state: 'done', done: 4, failed: 0 })
    expect(sims.b.state.faces.has(victim)).toBe(true)
    expect(sims.b.state.users.size).toBe(4)
  })

  it('waits for a target that went away, then fails with its reason once the pauses are used up', async () => {
    const db = openMemoryDatabase()
    const sims = {
      a: await terminal({ seedUsers: seed(30, 7_200_000_001) }),
      b: await terminal({ latency: { faceRecord: 10 } }),
    }
    const { jobs, close } = jobsOn(db, sims)
    const job = await jobs.create({
      type: 'clone-device-to-device',
      sourceDeviceId: 'a',
      targetDeviceId: 'b',
    })
    await until(jobs, job.id, (j) => j.done >= 2)
    await sims.b.setOffline('refuse')
    const last = await until(jobs, job.id)
    await close()
    expect(last.state).toBe('failed')
    expect(last.lastError).toMatchObject({ code: 'device_unreachable' })
    expect(last.done).toBeGreaterThanOrEqual(2)
  })

  it('passes over a source person without a face, saying so, and does not write it', async () => {
    const db = openMemoryDatabase()
    const people = [...seed(2, 7_300_000_001), { employeeNo: '7300000009', name: 'Yuzsiz', withFace: false }]
    const sims = { a: await terminal({ seedUsers: people }), b: await terminal({}) }
    const { jobs, close } = jobsOn(db, sims)
    const job = await jobs.create({
      type: 'clone-device-to-device',
      sourceDeviceId: 'a',
      targetDeviceId: 'b',
    })
    const last = await until(jobs, job.id)
    await close()
    expect(last).toMatchObject({ state: 'done', done: 2, skipped: 1, noPhoto: 1, failed: 0 })
    expect(last.errors).toEqual([expect.objectContaining({ employeeNo: '7300000009', code: 'no_photo' })])
    expect(sims.b.state.users.has('7300000009')).toBe(false)
  })

  it('reports each person of a source that cannot hand out faces with its reason, and writes nobody', async () => {
    const db = openMemoryDatabase()
    // An intercom: lists people without faceURL and refuses FDSearch (notSupport).
    const sims = {
      a: await terminal({ model: 'ds-kv6124-e1', seedUsers: seed(3, 7_400_000_001) }),
      b: await terminal({}),
    }
    const { jobs, close } = jobsOn(db, sims)
    const job = await jobs.create({
      type: 'clone-device-to-device',
      sourceDeviceId: 'a',
      targetDeviceId: 'b',
    })
    const last = await until(jobs, job.id)
    await close()
    expect(last).toMatchObject({ state: 'done', done: 0, failed: 3 })
    for (const error of last.errors)
      expect(error).toMatchObject({ code: 'device_rejected', subStatusCode: 'notSupport' })
    expect(sims.b.state.users.size).toBe(0)
  })

  it('gives a face to a person the target has without one, and skips those that have theirs', async () => {
    const db = openMemoryDatabase()
    const people = seed(3, 7_700_000_001)
    const onTarget = people.slice(0, 2).map((p, i) => ({ ...p, withFace: i === 0 }))
    const sims = { a: await terminal({ seedUsers: people }), b: await terminal({ seedUsers: onTarget }) }
    const { jobs, close } = jobsOn(db, sims)
    const job = await jobs.create({
      type: 'clone-device-to-device',
      sourceDeviceId: 'a',
      targetDeviceId: 'b',
    })
    const last = await until(jobs, job.id)
    await close()
    expect(last).toMatchObject({ state: 'done', done: 2, skipped: 1, failed: 0 })
    expect(sims.b.state.users.size).toBe(3)
    expect(sims.b.state.faces.size).toBe(3)
    const created = sims.b.stats.log.filter((e) => e.op === 'userRecord' && e.status === 200).length
    expect(created).toBe(1)
  })

  it('cancels a job still waiting behind another on the same target at once', async () => {
    const db = openMemoryDatabase()
    const sims = {
      a: await terminal({ seedUsers: seed(10, 7_500_000_001) }),
      c: await terminal({ seedUsers: seed(3, 7_600_000_001) }),
      b: await terminal({ latency: { faceRecord: 20 } }),
    }
    const { jobs, close } = jobsOn(db, sims)
    const first = await jobs.create({
      type: 'clone-device-to-device',
      sourceDeviceId: 'a',
      targetDeviceId: 'b',
    })
    const second = await jobs.create({
      type: 'clone-device-to-device',
      sourceDeviceId: 'c',
      targetDeviceId: 'b',
    })
    expect(jobs.get(second.id).state).toBe('queued')
    expect(jobs.cancel(second.id)).toMatchObject({ state: 'cancelled', done: 0 })
    expect(await until(jobs, first.id)).toMatchObject({ state: 'done', done: 10 })
    await close()
    expect(sims.b.state.users.size).toBe(10)
  })
})
