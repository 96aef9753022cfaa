import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Device } from '../../../shared/api/devices'
import { startTerminal, type Terminal } from '../../sim/terminal'
import { call, startRig, type Rig } from '../registration/rig'

interface Refusal {
  error: { code: string; message: string; details?: { deviceId?: string; name?: string } }
}

// The attack review: `localhost`, `127.1`, `2130706433`, `127.0.0.01` and `::ffff:127.0.0.1` were all accepted
// for one terminal. The real proxy and simulated terminals on loopback.
describe('one terminal, one device entry', () => {
  let rig: Rig
  let twin: Terminal
  beforeAll(async () => {
    rig = await startRig({ terminals: [{ serialNumber: 'DS-K1T342MWX20240528V031601EN00001234' }] })
    // another listener that is the same unit (a second network interface): same serial, another port
    twin = await startTerminal({ serialNumber: 'DS-K1T342MWX20240528V031601EN00001234' })
  }, 60_000)
  afterAll(async () => {
    await rig?.close()
    await twin?.close()
  })

  it('refuses every other spelling of the same address, naming the entry that has it', async () => {
    const terminal = rig.terminals[0] as Terminal
    for (const host of ['localhost', '127.1', '2130706433', '127.0.0.01', '::ffff:127.0.0.1']) {
      const answer = await call<Refusal>(rig.proxy, 'POST', '/api/devices', {
        name: `Alias ${host}`,
        host,
        port: terminal.port,
        username: terminal.username,
        password: terminal.password,
      })
      expect(answer.status, host).toBe(409)
      expect(answer.body.error.code).toBe('conflict')
      expect(answer.body.error.message).toContain('Kirish 1')
      expect(answer.body.error.details?.deviceId).toBe(rig.devices[0]?.id)
    }
    expect((await call<Device[]>(rig.proxy, 'GET', '/api/devices')).body).toHaveLength(1)
  })

  it('refuses an address change onto a terminal another entry has', async () => {
    const terminal = rig.terminals[0] as Terminal
    const other = await call<Device>(rig.proxy, 'POST', '/api/devices', {
      name: 'Ikkinchi',
      host: twin.host,
      port: twin.port,
      username: twin.username,
      password: twin.password,
    })
    expect(other.status).toBe(201)
    const moved = await call<Refusal>(rig.proxy, 'PATCH', `/api/devices/${other.body.id}`, {
      host: '127.1',
      port: terminal.port,
    })
    expect(moved.status).toBe(409)
    expect(moved.body.error.message).toContain('Kirish 1')
  })

  it('refuses a second entry for a unit once its serial number is known', async () => {
    const first = await call(rig.proxy, 'POST', `/api/devices/${rig.devices[0]?.id}/test`)
    expect(first.status).toBe(200)
    const all = (await call<Device[]>(rig.proxy, 'GET', '/api/devices')).body
    const second = all.find((device) => device.name === 'Ikkinchi') as Device
    const tested = await call<Refusal>(rig.proxy, 'POST', `/api/devices/${second.id}/test`)
    expect(tested.status).toBe(409)
    expect(tested.body.error).toMatchObject({ code: 'conflict', details: { name: 'Kirish 1' } })
  })
})
