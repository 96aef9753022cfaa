import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Device } from '../../../shared/api/devices'
import { startProxy, type RunningProxy } from '../../helpers/proxy-process'
import { startTerminal, type Terminal } from '../../sim/terminal'
import { call } from '../registration/rig'

interface Answer {
  error?: { code: string }
  ok?: boolean
}

// The attack review: each press of "Test" sent the refused password again (five presses locked the terminal
// for 30 minutes) and each restart tried stale passwords once more. The real proxy, restarted on its data
// dir, and a simulated terminal that locks after failed logins as real ones do.
describe('one login budget per device, across presses, background work and restarts', () => {
  let terminal: Terminal
  let proxy: RunningProxy
  let device: Device
  beforeAll(async () => {
    terminal = await startTerminal({
      password: 'Togri#Parol-2026',
      lockout: { maxFailures: 5, lockSeconds: 1800 },
    })
    proxy = await startProxy({ tls: 'off' })
    const added = await call<Device>(proxy, 'POST', '/api/devices', {
      name: 'Kirish',
      host: terminal.host,
      port: terminal.port,
      username: terminal.username,
      password: 'Eski#Parol-2025',
    })
    expect(added.status).toBe(201)
    device = added.body
  }, 60_000)
  afterAll(async () => {
    await proxy?.stop()
    await terminal?.close()
  })

  it('sends a refused password once, however often Test is pressed', async () => {
    for (let i = 0; i < 6; i += 1) {
      const tested = await call<Answer>(proxy, 'POST', `/api/devices/${device.id}/test`)
      expect(tested.body.error?.code).toBe('device_auth_failed')
    }
    expect(terminal.stats.failedLogins).toBe(1)
    expect(terminal.lockRemainingSec).toBe(0)
  })

  it('keeps the budget across a restart: no new attempt with the stale password', async () => {
    const dataDir = proxy.dataDir
    await proxy.stop()
    proxy = await startProxy({ tls: 'off', dataDir })
    const tested = await call<Answer>(proxy, 'POST', `/api/devices/${device.id}/test`)
    expect(tested.body.error?.code).toBe('device_auth_failed')
    expect(terminal.stats.failedLogins).toBe(1)
  }, 60_000)

  it('tries once more only when an admin forces it, and freely once the password is changed', async () => {
    const forced = await call<Answer>(proxy, 'POST', `/api/devices/${device.id}/test?force=1`)
    expect(forced.body.error?.code).toBe('device_auth_failed')
    expect(terminal.stats.failedLogins).toBe(2)
    expect(
      (await call(proxy, 'PATCH', `/api/devices/${device.id}`, { password: terminal.password })).status,
    ).toBe(200)
    const tested = await call<Answer>(proxy, 'POST', `/api/devices/${device.id}/test`)
    expect(tested.status).toBe(200)
  })

  it('notices a terminal unlocked on its own with an unauthenticated probe instead of waiting 30 minutes', async () => {
    terminal.setPassword('Yangi#Parol-2027')
    // five wrong passwords, each typed in anew (a new password is a new budget), lock the terminal
    for (const password of ['Xato#1-aaaa', 'Xato#2-bbbb', 'Xato#3-cccc', 'Xato#4-dddd', 'Xato#5-eeee']) {
      await call(proxy, 'PATCH', `/api/devices/${device.id}`, { password })
      await call(proxy, 'POST', `/api/devices/${device.id}/test`)
    }
    expect(terminal.lockRemainingSec).toBeGreaterThan(0)
    const locked = await call<Answer>(proxy, 'POST', `/api/devices/${device.id}/test`)
    expect(locked.body.error?.code).toBe('device_locked')

    terminal.unlock()
    await call(proxy, 'PATCH', `/api/devices/${device.id}`, { password: 'Yangi#Parol-2027' })
    const tested = await call<Answer>(proxy, 'POST', `/api/devices/${device.id}/test`)
    expect(tested.status).toBe(200)
  })
})
