import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Device, DeviceTestResult } from '../../../shared/api/devices'
import { startTerminal, type Terminal } from '../../sim/terminal'
import { addDevice, call, operatorToken, startRig, type Rig } from '../registration/rig'

describe('the device registry over HTTP, with the real proxy and simulated terminals', () => {
  let rig: Rig
  let gate: Terminal
  beforeAll(async () => {
    rig = await startRig({ terminals: [{ model: 'ds-k1t342mwx', password: 'Kirish#2026' }] })
    gate = rig.terminals[0] as Terminal
  })
  afterAll(() => rig?.close())

  it('adds, lists, changes and deletes a device, and never returns or logs its password', async () => {
    const extra = await startTerminal({ password: 'Yashirin#77' })
    try {
      const added = await addDevice(rig.proxy, extra, 'Chiqish')
      expect(added).toMatchObject({ name: 'Chiqish', host: '127.0.0.1', port: extra.port, scheme: 'http' })
      expect(added).toMatchObject({ hasPassword: true, deviceId: null, username: 'admin' })
      expect(Date.parse(added.credentialsExpiresAt as string)).toBeGreaterThan(Date.now() + 29 * 86_400_000)

      const listed = await call<Device[]>(rig.proxy, 'GET', '/api/devices')
      expect(listed.body.map((d) => d.id)).toContain(added.id)
      const patched = await call<Device>(rig.proxy, 'PATCH', `/api/devices/${added.id}`, {
        name: 'Chiqish eshigi',
        direction: 'out',
      })
      expect(patched.body).toMatchObject({ name: 'Chiqish eshigi', direction: 'out' })

      expect((await call(rig.proxy, 'DELETE', `/api/devices/${added.id}`)).status).toBe(204)
      const gone = await call(rig.proxy, 'PATCH', `/api/devices/${added.id}`, { name: 'x' })
      expect(gone).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } })
      const everything = JSON.stringify((await call(rig.proxy, 'GET', '/api/devices')).body)
      expect(everything).not.toContain('Yashirin#77')
      expect(everything).not.toContain('Kirish#2026')
      expect(rig.proxy.output()).not.toContain('Yashirin#77')
    } finally {
      await extra.close()
    }
  })

  it('refuses changes from a screen that is not an admin, but lets it list and test', async () => {
    const token = await operatorToken(rig.proxy)
    const body = { name: 'X', host: '127.0.0.1', port: 1, username: 'admin', password: 'p' }
    expect(await call(rig.proxy, 'POST', '/api/devices', body, token)).toMatchObject({
      status: 403,
      body: { error: { code: 'forbidden' } },
    })
    const id = rig.devices[0]?.id
    expect((await call(rig.proxy, 'DELETE', `/api/devices/${id}`, undefined, token)).status).toBe(403)
    expect((await call(rig.proxy, 'GET', '/api/devices', undefined, token)).status).toBe(200)
    expect((await call(rig.proxy, 'POST', `/api/devices/${id}/test`, undefined, token)).status).toBe(200)
  })

  it('refuses hosts outside SR_DEVICE_NETS with host_not_allowed, and bad bodies with the field', async () => {
    const base = { name: 'Tashqi', port: 80, username: 'admin', password: 'p' }
    for (const host of ['8.8.8.8', '169.254.169.254', 'no-such-host.invalid']) {
      const answer = await call(rig.proxy, 'POST', '/api/devices', { ...base, host })
      expect(answer).toMatchObject({
        status: 403,
        body: { error: { code: 'host_not_allowed', field: 'host' } },
      })
    }
    const cases: Array<[unknown, string]> = [
      [{ ...base, host: 'http://10.0.0.5/' }, 'host'],
      [{ ...base, host: '10.0.0.5', port: 70000 }, 'port'],
      [{ ...base, host: '10.0.0.5', name: '' }, 'name'],
      [{ host: '10.0.0.5', name: 'x', username: 'admin' }, 'password'],
    ]
    for (const [body, field] of cases) {
      const answer = await call(rig.proxy, 'POST', '/api/devices', body)
      expect(answer, JSON.stringify(body)).toMatchObject({
        status: 400,
        body: { error: { code: 'validation_failed', field } },
      })
    }
  })

  it('tests the connection and stores the serial, model and firmware', async () => {
    const id = rig.devices[0]?.id as string
    const answer = await call<DeviceTestResult>(rig.proxy, 'POST', `/api/devices/${id}/test`)
    expect(answer.status).toBe(200)
    expect(answer.body).toMatchObject({
      ok: true,
      authScheme: 'digest',
      deviceInfo: { model: 'DS-K1T342MWX', firmwareVersion: 'V3.16.1' },
      latencyMs: expect.any(Number),
    })
    const stored = (await call<Device[]>(rig.proxy, 'GET', '/api/devices')).body.find((d) => d.id === id)
    expect(stored).toMatchObject({
      deviceId: expect.stringMatching(/^DS-K1T342MWX20240528V031601EN\d{8}$/),
      model: 'DS-K1T342MWX',
      firmware: 'V3.16.1',
      lastSeenAt: expect.any(String),
    })
  })

  it('answers a wrong password with device_auth_failed, and works again once the password is fixed', async () => {
    const id = rig.devices[0]?.id as string
    gate.setPassword('Boshqa#2026')
    const refused = await call(rig.proxy, 'POST', `/api/devices/${id}/test`)
    expect(refused).toMatchObject({ status: 502, body: { error: { code: 'device_auth_failed' } } })
    const patched = await call<Device>(rig.proxy, 'PATCH', `/api/devices/${id}`, { password: 'Boshqa#2026' })
    expect(patched.status).toBe(200)
    expect((await call(rig.proxy, 'POST', `/api/devices/${id}/test`)).status).toBe(200)
  })

  it('reports a locked account with device_locked and the seconds until it unlocks', async () => {
    const locking = await startTerminal({ lockout: { maxFailures: 1, lockSeconds: 600 } })
    try {
      const device = await addDevice(rig.proxy, locking, 'Qulflanadigan')
      locking.setPassword('Ozgardi#1')
      const answer = await call(rig.proxy, 'POST', `/api/devices/${device.id}/test`)
      expect(answer).toMatchObject({ status: 423, body: { error: { code: 'device_locked' } } })
      expect((answer.body as { error: { retryAfterSec: number } }).error.retryAfterSec).toBeGreaterThan(500)
    } finally {
      await locking.close()
    }
  })

  it('reports a device that is off with device_unreachable, and an unknown id with not_found', async () => {
    const off = await startTerminal()
    const device = await addDevice(rig.proxy, off, 'Ochirilgan')
    await off.close()
    const answer = await call(rig.proxy, 'POST', `/api/devices/${device.id}/test`)
    expect(answer).toMatchObject({ status: 504, body: { error: { code: 'device_unreachable' } } })
    const unknown = await call(rig.proxy, 'POST', '/api/devices/no-such-device/test')
    expect(unknown).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } })
  })
})
