import { spawn } from 'node:child_process'
import { connect, type Socket } from 'node:net'
import { describe, expect, it } from 'vitest'
import { createIsapiClient, type IsapiClient } from '../../../proxy/isapi'
import { clientFor, failure, jpeg, terminal } from './helpers'

const quick = { timeouts: { readMs: 400, writeMs: 400, faceMs: 400 } }

describe('a device that stops answering is device_unreachable, and nothing is left hanging', () => {
  it('refused connections (device off)', async () => {
    const sim = await terminal()
    const client = clientFor(sim, quick)
    await client.deviceInfo()
    await sim.setOffline('refuse')
    const error = await failure(client.deviceInfo())
    expect(error.code).toBe('device_unreachable')
    expect(error.extra.details).toMatchObject({ endpoint: '/ISAPI/System/deviceInfo', cause: 'ECONNREFUSED' })
    await sim.setOffline(false)
    await expect(client.deviceInfo()).resolves.toMatchObject({ model: 'DS-K1T342MWX' })
  })

  it('a device that accepts the connection and never answers (timeout)', async () => {
    const sim = await terminal()
    const client = clientFor(sim, quick)
    await sim.setOffline('blackhole')
    const error = await failure(client.countUsers())
    expect(error.code).toBe('device_unreachable')
    expect(error.extra.details).toMatchObject({ cause: 'timeout' })
  })

  it('a request that hangs gives up at the timeout and frees the device for the next one', async () => {
    const sim = await terminal()
    const client = clientFor(sim, quick)
    sim.setFault('userSearch', { kind: 'hang' }, { times: 1 })
    expect((await failure(client.searchUsers())).code).toBe('device_unreachable')
    await expect(client.countUsers()).resolves.toMatchObject({ users: 0 })
  })

  it('the device vanishes in the middle of its answer: fails fast, long before the timeout', async () => {
    const sim = await terminal({ seedUsers: 20 })
    const client = clientFor(sim, { timeouts: { readMs: 60_000 } })
    sim.setFault('userSearch', { kind: 'drop-mid-body' }, { times: 1 })
    const error = await failure(client.searchUsers())
    expect(error.code).toBe('device_unreachable')
    expect(error.extra.details).toMatchObject({
      endpoint: '/ISAPI/AccessControl/UserInfo/Search?format=json',
    })
    await expect(client.countUsers()).resolves.toMatchObject({ users: 20 })
  }, 10_000)

  it('the device closes the connection without any answer', async () => {
    const sim = await terminal()
    const client = clientFor(sim, { timeouts: { readMs: 60_000 } })
    sim.setFault('deviceInfo', { kind: 'drop' })
    expect((await failure(client.deviceInfo())).code).toBe('device_unreachable')
  }, 10_000)

  it('a face upload gets the longer face budget; a write does not', async () => {
    const sim = await terminal({ latency: { faceRecord: 700 } })
    const client = clientFor(sim, { timeouts: { readMs: 300, writeMs: 300, faceMs: 5_000 } })
    await client.addUser({ employeeNo: '9', name: 'Slow' })
    await expect(client.addFace('9', await jpeg())).resolves.toBeUndefined()
    sim.setLatency('userSetUp', 700)
    expect((await failure(client.setUpUser({ employeeNo: '9', name: 'Slow' }))).code).toBe(
      'device_unreachable',
    )
  })

  it('a host that never completes the connection: the short connect timeout, not the read budget', async () => {
    // A listener that never accepts, with its one-slot backlog already taken: the next SYN goes unanswered.
    const listener = spawn('python3', [
      '-c',
      "import socket,time\ns=socket.socket()\ns.bind(('127.0.0.1',0))\ns.listen(0)\nprint(s.getsockname()[1],flush=True)\ntime.sleep(60)",
    ])
    const fillers: Socket[] = []
    let isapi: IsapiClient | undefined
    try {
      const port = await new Promise<number>((resolve, reject) => {
        listener.stdout.once('data', (data) => resolve(Number(String(data).trim())))
        listener.once('error', reject)
      })
      for (let i = 0; i < 3; i++) fillers.push(connect(port, '127.0.0.1').on('error', () => undefined))
      await new Promise((resolve) => setTimeout(resolve, 200))
      isapi = createIsapiClient({
        host: '127.0.0.1',
        port,
        scheme: 'http',
        username: 'admin',
        password: 'x',
        timeouts: { connectMs: 300, readMs: 30_000 },
      })
      const error = await failure(isapi.deviceInfo())
      expect(error.code).toBe('device_unreachable')
      expect(error.extra.details).toMatchObject({ cause: 'UND_ERR_CONNECT_TIMEOUT' })
    } finally {
      for (const socket of fillers) socket.destroy()
      listener.kill()
      await isapi?.close()
    }
  }, 15_000)
})
