import { describe, expect, it } from 'vitest'
import { clientFor, terminal } from './helpers'

describe('one request at a time per device, devices in parallel', () => {
  it('concurrent operations on one device reach it one after another', async () => {
    const sim = await terminal({ latency: { default: 40 } })
    const client = clientFor(sim)
    await Promise.all([
      client.deviceInfo(),
      client.countUsers(),
      client.addUser({ employeeNo: '1', name: 'Ali' }),
      client.addUser({ employeeNo: '2', name: 'Vali' }),
      client.searchUsers(),
      client.getTime(),
    ])
    expect(sim.stats.maxConcurrent).toBe(1)
    expect(sim.stats.failedLogins).toBe(0)
  })

  it('keeps first-in first-out order', async () => {
    const sim = await terminal({ latency: { default: 20 } })
    const client = clientFor(sim)
    const ids = ['31', '32', '33', '34', '35']
    await Promise.all(ids.map((id) => client.addUser({ employeeNo: id, name: `N${id}` })))
    expect([...sim.state.users.keys()]).toEqual(ids)
  })

  it('different devices are served at the same time', async () => {
    const sims = await Promise.all([1, 2, 3].map(() => terminal({ latency: { deviceInfo: 300 } })))
    const clients = sims.map((sim) => clientFor(sim))
    await Promise.all(clients.map((c) => c.deviceInfo()))
    const served = sims.map((sim) => sim.stats.log.find((e) => e.status === 200))
    const latestStart = Math.max(...served.map((e) => e?.startedAt ?? Infinity))
    const earliestEnd = Math.min(...served.map((e) => e?.finishedAt ?? -Infinity))
    expect(latestStart).toBeLessThan(earliestEnd)
  })

  it('an operation waiting its turn is not timed out by the time it spent waiting', async () => {
    const sim = await terminal({ latency: { userCheck: 0, deviceInfo: 600 } })
    const client = clientFor(sim)
    const slow = client.deviceInfo()
    const quick = client.countUsers({ timeoutMs: 400 })
    await expect(quick).resolves.toMatchObject({ users: 0 })
    await slow
  })

  it('the caller can withdraw a queued operation; it is never sent', async () => {
    const sim = await terminal({ latency: { deviceInfo: 300 } })
    const client = clientFor(sim)
    const running = client.deviceInfo()
    const cancel = new AbortController()
    const queued = client.addUser({ employeeNo: '77', name: 'X' }, { signal: cancel.signal })
    cancel.abort(new Error('user pressed cancel'))
    await expect(queued).rejects.toThrow('user pressed cancel')
    await running
    expect(sim.stats.byOp.userRecord).toBeUndefined()
    expect(client.pending).toBe(0)
  })
})
