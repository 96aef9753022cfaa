import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AuditPage } from '../../../shared/api/audit'
import { Device } from '../../../shared/api/devices'
import { DeviceSettings, NetworkWriteResult } from '../../../shared/api/device-settings'
import { startProxy, type RunningProxy } from '../../helpers/proxy-process'
import { startTerminal, type Terminal } from '../../sim/terminal'
import { addDevice, call } from '../check/rig'
import { operatorToken } from '../registration/rig'

/** A loopback address of its own per run, so parallel suites never meet on it. */
function freshLoopback(): string {
  return `127.${20 + Math.floor(Math.random() * 200)}.${Math.floor(Math.random() * 250) + 1}.${Math.floor(Math.random() * 250) + 2}`
}

// One proxy that looks for a moved terminal for 3 s; terminals on 127.0.0.1 moved to other loopback addresses.
describe('network settings: written, then the terminal is followed to its new address', () => {
  let proxy: RunningProxy
  const terminals: Terminal[] = []
  const start = async (options: Parameters<typeof startTerminal>[0]) => {
    const t = await startTerminal(options)
    terminals.push(t)
    return t
  }

  beforeAll(async () => {
    proxy = await startProxy({ tls: 'off', env: { SR_DEVICE_MOVE_WAIT_SEC: '3' } })
  })

  afterAll(async () => {
    await proxy?.stop()
    await Promise.all(terminals.map((t) => t.close()))
  })

  const deviceOf = async (id: string) => {
    const list = Device.array().parse((await call(proxy, 'GET', '/api/devices')).body)
    return list.find((device) => device.id === id) as Device
  }
  const puts = (t: Terminal) =>
    t.stats.log.filter((entry) => entry.method === 'PUT' && entry.op === 'ipAddress')
  const target = (ip: string) => ({
    ipAddress: ip,
    subnetMask: '255.0.0.0',
    gateway: '127.0.0.254',
    dns: ['127.0.0.53'],
  })

  it('moves a terminal to a new address, finds the same serial there and moves the registry', async () => {
    const t = await start({ model: 'ds-k1t342mwx' })
    const device = await addDevice(proxy, t, 'gate')
    const settings = DeviceSettings.parse(
      (await call(proxy, 'GET', `/api/devices/${device.id}/settings`)).body,
    )
    expect(settings.ipv4).toMatchObject({
      supported: true,
      settings: { addressingType: 'static', ipAddress: '127.0.0.1', gateway: '127.0.0.254' },
      addressingTypes: ['static', 'dynamic'],
      moveWaitSec: 3,
    })
    const next = freshLoopback()
    const answer = await call(proxy, 'PUT', `/api/devices/${device.id}/settings/network`, target(next))
    expect(answer.status).toBe(200)
    const result = NetworkWriteResult.parse(answer.body)
    expect(result).toMatchObject({
      before: { ipAddress: '127.0.0.1' },
      after: { ipAddress: next, addressingType: 'static', dns: ['127.0.0.53'] },
      address: { host: next, port: t.port },
      previousAddress: { host: '127.0.0.1', port: t.port },
      serialNumber: expect.stringContaining('DS-K1T342MWX'),
    })
    expect(t.host).toBe(next)
    expect((await deviceOf(device.id)).host).toBe(next)
    // the proxy speaks to it at its new address from now on
    const again = DeviceSettings.parse((await call(proxy, 'GET', `/api/devices/${device.id}/settings`)).body)
    expect(again.ipv4).toMatchObject({ supported: true, settings: { ipAddress: next } })
  })

  it('checks the new address before sending: subnet, SR_DEVICE_NETS, another terminal’s address', async () => {
    const t = await start({ model: 'ds-k1t342mwx' })
    const device = await addDevice(proxy, t, 'checked')
    const path = `/api/devices/${device.id}/settings/network`
    const gateway = await call(proxy, 'PUT', path, {
      ...target('127.0.0.9'),
      subnetMask: '255.255.255.0',
      gateway: '127.0.1.1',
    })
    expect(gateway).toMatchObject({
      status: 400,
      body: { error: { code: 'validation_failed', field: 'gateway' } },
    })
    const outside = await call(proxy, 'PUT', path, {
      ipAddress: '8.8.8.9',
      subnetMask: '255.255.255.0',
      gateway: '8.8.8.1',
    })
    expect(outside).toMatchObject({ status: 403, body: { error: { code: 'host_not_allowed' } } })
    // a terminal registered at the address asked for (same port): refused before anything is sent
    const takenIp = freshLoopback()
    const registered = await call(proxy, 'POST', '/api/devices', {
      name: 'registered there',
      host: takenIp,
      port: t.port,
      scheme: 'http',
      username: 'admin',
      password: 'Admin12345',
    })
    expect(registered.status).toBe(201)
    const taken = await call(proxy, 'PUT', path, target(takenIp))
    expect(taken).toMatchObject({ status: 409, body: { error: { code: 'conflict', field: 'ipAddress' } } })
    const bad = await call(proxy, 'PUT', path, { ...target('127.0.0.9'), ipAddress: '127.0.0.300' })
    expect(bad).toMatchObject({ status: 400, body: { error: { code: 'validation_failed' } } })
    expect(puts(t)).toEqual([])
  })

  it('switches to DHCP where the capabilities offer it, and refuses it before sending where they do not', async () => {
    const t = await start({ model: 'ds-k1t342mwx' })
    const device = await addDevice(proxy, t, 'dhcp')
    const answer = await call(proxy, 'PUT', `/api/devices/${device.id}/settings/network`, {
      ...target('127.0.0.1'),
      dhcp: true,
    })
    expect(answer.status).toBe(200)
    expect(NetworkWriteResult.parse(answer.body)).toMatchObject({
      after: { addressingType: 'dynamic', ipAddress: '127.0.0.1' },
      address: { host: '127.0.0.1', port: t.port },
    })
    expect(t.state.network.addressingType).toBe('dynamic')

    const staticOnly = await start({ model: 'ds-k1a340fwx' })
    const fixed = await addDevice(proxy, staticOnly, 'static only')
    const refused = await call(proxy, 'PUT', `/api/devices/${fixed.id}/settings/network`, {
      ...target('127.0.0.1'),
      dhcp: true,
    })
    expect(refused).toMatchObject({
      status: 400,
      body: { error: { code: 'validation_failed', field: 'dhcp' } },
    })
    expect(puts(staticOnly)).toEqual([])
  })

  it('passes a refusal on with the device’s own reason, and leaves the registry alone', async () => {
    const t = await start({ model: 'ds-k1t342mwx' })
    const device = await addDevice(proxy, t, 'refusing')
    t.setFault(
      'ipAddress',
      { kind: 'error', subStatusCode: 'badXmlContent', errorMsg: 'ipAddress' },
      { method: 'PUT' },
    )
    const answer = await call(
      proxy,
      'PUT',
      `/api/devices/${device.id}/settings/network`,
      target(freshLoopback()),
    )
    t.clearFaults()
    expect(answer).toMatchObject({
      status: 422,
      body: {
        error: {
          code: 'device_rejected',
          subStatusCode: 'badXmlContent',
          details: { errorMsg: 'ipAddress' },
        },
      },
    })
    expect((await deviceOf(device.id)).host).toBe('127.0.0.1')
    expect(t.host).toBe('127.0.0.1')
  })

  it('says device_not_applied when the terminal answers OK and stays where it was', async () => {
    const t = await start({ model: 'ds-k1t342mwx' })
    const device = await addDevice(proxy, t, 'stubborn')
    t.setFault('ipAddress', { kind: 'not-applied' }, { method: 'PUT' })
    const answer = await call<{ error: { code: string; details: Record<string, unknown> } }>(
      proxy,
      'PUT',
      `/api/devices/${device.id}/settings/network`,
      target(freshLoopback()),
    )
    t.clearFaults()
    expect(answer.status).toBe(502)
    expect(answer.body.error).toMatchObject({
      code: 'device_not_applied',
      details: { restored: true, actual: { ipAddress: '127.0.0.1' }, previousAddress: { host: '127.0.0.1' } },
    })
    expect((await deviceOf(device.id)).host).toBe('127.0.0.1')
  })

  it('reports a terminal that stops answering after the change as lost, with both addresses, registry unchanged', async () => {
    const t = await start({ model: 'ds-k1t342mwx', afterAddressChange: 'vanish' })
    const device = await addDevice(proxy, t, 'vanishing')
    const next = freshLoopback()
    const answer = await call<{ error: { code: string; message: string; details: Record<string, unknown> } }>(
      proxy,
      'PUT',
      `/api/devices/${device.id}/settings/network`,
      target(next),
    )
    expect(answer.status).toBe(504)
    expect(answer.body.error).toMatchObject({
      code: 'device_lost_after_move',
      details: {
        previousAddress: { host: '127.0.0.1', port: t.port },
        newAddress: { host: next, port: t.port },
        before: { ipAddress: '127.0.0.1' },
        serialNumber: expect.stringContaining('DS-K1T342MWX'),
      },
    })
    expect(answer.body.error.message).toContain('do not go back by themselves')
    expect((await deviceOf(device.id)).host).toBe('127.0.0.1')
  })

  it('keeps a terminal without remote network settings read-only and refuses the write before sending', async () => {
    const t = await start({ model: 'ds-k1t341am' })
    const device = await addDevice(proxy, t, 'screen-only')
    const settings = DeviceSettings.parse(
      (await call(proxy, 'GET', `/api/devices/${device.id}/settings`)).body,
    )
    expect(settings.ipv4).toMatchObject({ supported: false, reason: 'not_supported' })
    const answer = await call(
      proxy,
      'PUT',
      `/api/devices/${device.id}/settings/network`,
      target(freshLoopback()),
    )
    expect(answer).toMatchObject({
      status: 422,
      body: { error: { code: 'device_rejected', subStatusCode: 'notSupport' } },
    })
    expect(puts(t)).toEqual([])
  })

  it('keeps every network write in the audit, the old address included; operators get 403', async () => {
    const page = AuditPage.parse((await call(proxy, 'GET', '/api/audit?limit=200')).body)
    const writes = page.data.filter((entry) => entry.action === 'device.settings.network')
    const moved = writes.find((entry) => entry.result === 'ok')
    expect(moved?.before).toMatchObject({ ipAddress: '127.0.0.1', address: { host: '127.0.0.1' } })
    expect(JSON.stringify(moved?.after)).toMatch(/"ipAddress":"127\./)
    const lost = writes.find((entry) => entry.error?.code === 'device_lost_after_move')
    expect(lost?.before).toMatchObject({ ipAddress: '127.0.0.1', address: { host: '127.0.0.1' } })
    expect(lost?.after).toBeDefined()

    const token = await operatorToken(proxy)
    const response = await proxy.fetch(`/api/devices/${moved?.target?.id}/settings/network`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(target('127.0.0.9')),
    })
    expect(response.status).toBe(403)
  })
})
