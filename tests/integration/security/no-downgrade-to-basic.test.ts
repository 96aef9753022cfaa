import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Device } from '../../../shared/api/devices'
import { startTerminal, type Terminal } from '../../sim/terminal'
import { call, startRig, type Rig } from '../registration/rig'

const PASSWORD = 'Kirish#Parol-7781'

// The attack review: after only a port change to a listener that challenges with Basic, a device test sent
// the stored admin password in Basic, though the device had used Digest. The real proxy, two simulators.
describe('the proxy never downgrades a device to Basic unless the admin allowed it', () => {
  let rig: Rig
  let digest: Terminal
  let basic: Terminal
  let device: Device
  beforeAll(async () => {
    rig = await startRig()
    digest = await startTerminal({ password: PASSWORD })
    basic = await startTerminal({ password: PASSWORD, auth: 'basic' })
    const added = await call<Device>(rig.proxy, 'POST', '/api/devices', {
      name: 'Kirish',
      host: digest.host,
      port: digest.port,
      username: digest.username,
      password: PASSWORD,
      // allowed on the form, but this device speaks Digest: the allowance goes once it has
      allowBasic: true,
    })
    expect(added.status).toBe(201)
    expect(added.body.allowBasic).toBe(true)
    device = added.body
  }, 60_000)
  afterAll(async () => {
    await rig?.close()
    await Promise.all([digest?.close(), basic?.close()])
  })

  it('drops an allowance for Basic once the device has logged in with Digest', async () => {
    const tested = await call<{ authScheme: string; device: Device }>(
      rig.proxy,
      'POST',
      `/api/devices/${device.id}/test`,
    )
    expect(tested.status).toBe(200)
    expect(tested.body.authScheme).toBe('digest')
    expect(tested.body.device.allowBasic).toBe(false)
  })

  it('refuses to send Basic after a port change to a Basic listener: device_auth_failed with the reason', async () => {
    expect((await call(rig.proxy, 'PATCH', `/api/devices/${device.id}`, { port: basic.port })).status).toBe(
      200,
    )
    const tested = await call<{ error: { code: string; details: { reason: string } } }>(
      rig.proxy,
      'POST',
      `/api/devices/${device.id}/test`,
    )
    expect(tested.status).toBe(502)
    expect(tested.body.error).toMatchObject({
      code: 'device_auth_failed',
      details: { reason: 'basic_not_allowed' },
    })
    expect(basic.stats.basicAttempts).toBe(0)
    expect(basic.stats.log.every((entry) => entry.auth !== 'basic')).toBe(true)
  })

  it('sends Basic once the admin allows it again for this address, and asks again when the address changes', async () => {
    const allowed = await call<Device>(rig.proxy, 'PATCH', `/api/devices/${device.id}`, { allowBasic: true })
    expect(allowed.body.allowBasic).toBe(true)
    const tested = await call<{ authScheme: string }>(rig.proxy, 'POST', `/api/devices/${device.id}/test`)
    expect(tested).toMatchObject({ status: 200, body: { authScheme: 'basic' } })

    const moved = await call<Device>(rig.proxy, 'PATCH', `/api/devices/${device.id}`, { port: digest.port })
    expect(moved.body.allowBasic).toBe(false)
  })
})
