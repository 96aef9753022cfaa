import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Device } from '../../../shared/api/devices'
import { DiscoveryResult, type FoundTerminal } from '../../../shared/api/discovery'
import type { Registration } from '../../../shared/api/registrations'
import { startProxy, type RunningProxy } from '../../helpers/proxy-process'
import { startSadpResponder, type SadpResponder } from '../../sim/sadp'
import { startTerminal, type Terminal } from '../../sim/terminal'
import { call, operatorToken, photo } from '../registration/rig'

const NEW_PASSWORD = 'Maktab2026!'

describe('Search the network: four terminals answer SADP on loopback', () => {
  let terminals: Terminal[]
  let sadp: SadpResponder
  let proxy: RunningProxy
  let added: Device

  const serials = [
    'DS-K1T342MWX0120260101AAWRA00000001',
    'DS-K1T342MWX0120260101AAWRA00000002',
    'DS-K1A340FWX0120260101AAWRA00000003',
    'DS-K1T341AM0120260101AAWRA00000004',
  ]

  beforeAll(async () => {
    terminals = await Promise.all([
      startTerminal({ serialNumber: serials[0] }),
      startTerminal({ serialNumber: serials[1] }),
      startTerminal({ serialNumber: serials[2], model: 'ds-k1a340fwx' }),
      startTerminal({ serialNumber: serials[3], activated: false, password: 'unset-yet' }),
    ])
    sadp = await startSadpResponder(() =>
      terminals.map((t, i) => ({
        serial: serials[i] as string,
        model: t.profile.id.toUpperCase(),
        mac: `ac:b9:2f:00:00:0${i + 1}`,
        ipv4: t.host,
        httpPort: t.port,
        firmware: 'V3.16.1 build 240528',
        activated: t.activated,
      })),
    )
    proxy = await startProxy({
      tls: 'off',
      env: { SR_SADP_ADDRESS: sadp.address, SR_SADP_PORT: String(sadp.port) },
    })
    const answer = await call<Device>(proxy, 'POST', '/api/devices', {
      name: 'Kirish 1',
      host: terminals[1]?.host,
      port: terminals[1]?.port,
      username: 'admin',
      password: terminals[1]?.password,
    })
    expect(answer.status).toBe(201)
    added = answer.body
  })
  afterAll(async () => {
    await proxy?.stop()
    await sadp?.close()
    await Promise.all((terminals ?? []).map((t) => t.close()))
  })

  const search = async (): Promise<FoundTerminal[]> => {
    const answer = await call(proxy, 'GET', '/api/discovery')
    expect(answer.status, JSON.stringify(answer.body)).toBe(200)
    return DiscoveryResult.parse(answer.body).terminals
  }
  const found = (list: FoundTerminal[], index: number) => list.find((t) => t.serial === serials[index])

  it('lists two new, one already added and one inactive, each with its address from the probe', async () => {
    const list = await search()
    expect(list).toHaveLength(4)
    expect(found(list, 0)).toMatchObject({
      state: 'new',
      host: '127.0.0.1',
      port: terminals[0]?.port,
      reachable: true,
    })
    expect(found(list, 2)).toMatchObject({ state: 'new', port: terminals[2]?.port })
    expect(found(list, 1)).toMatchObject({ state: 'added', deviceId: added.id })
    expect(found(list, 3)).toMatchObject({ state: 'inactive', reachable: true, mac: 'AC:B9:2F:00:00:04' })
    // the inactive one comes first: it is the one that needs someone
    expect(list[0]?.serial).toBe(serials[3])
    expect(sadp.probes[0]).toMatch(/<Types>inquiry<\/Types>/)
  })

  it('is for admins only', async () => {
    const operator = await operatorToken(proxy)
    expect((await call(proxy, 'GET', '/api/discovery', undefined, operator)).status).toBe(403)
    const activate = await call(
      proxy,
      'POST',
      '/api/discovery/activate',
      { host: '127.0.0.1', port: 1, password: NEW_PASSWORD },
      operator,
    )
    expect(activate.status).toBe(403)
  })

  it('refuses a password the terminal would refuse before sending anything, naming the rule', async () => {
    const inactive = terminals[3] as Terminal
    const before = inactive.stats.requests
    const answer = await call<{ error: { code: string; field: string } }>(
      proxy,
      'POST',
      '/api/discovery/activate',
      {
        host: inactive.host,
        port: inactive.port,
        password: 'admin123',
      },
    )
    expect(answer.status).toBe(400)
    expect(answer.body.error).toMatchObject({ code: 'validation_failed', field: 'password' })
    expect(inactive.stats.requests).toBe(before)
    expect(inactive.activated).toBe(false)
  })

  it('activates the inactive one, then it is added with that password and registers a student', async () => {
    const inactive = terminals[3] as Terminal
    const activated = await call(proxy, 'POST', '/api/discovery/activate', {
      host: inactive.host,
      port: inactive.port,
      password: NEW_PASSWORD,
    })
    expect(activated.status, JSON.stringify(activated.body)).toBe(200)
    expect(inactive.activated).toBe(true)
    expect(inactive.password).toBe(NEW_PASSWORD)
    expect(found(await search(), 3)?.state).toBe('new')

    const again = await call<{ error: { code: string } }>(proxy, 'POST', '/api/discovery/activate', {
      host: inactive.host,
      port: inactive.port,
      password: NEW_PASSWORD,
    })
    expect(again.body.error.code).toBe('conflict')

    const device = await call<Device>(proxy, 'POST', '/api/devices', {
      name: 'Yangi terminal',
      host: inactive.host,
      port: inactive.port,
      username: 'admin',
      password: NEW_PASSWORD,
    })
    expect(device.status).toBe(201)
    const registered = await call<Registration>(proxy, 'POST', '/api/registrations', {
      clientId: randomUUID(),
      student: { firstName: 'Dilnoza', lastName: 'Karimova', gender: 'female' },
      face: (await photo()).toString('base64'),
      deviceIds: [device.body.id],
    })
    expect(registered.status, JSON.stringify(registered.body)).toBe(201)
    expect(inactive.state.users.has(registered.body.employeeNo)).toBe(true)
    expect(found(await search(), 3)).toMatchObject({ state: 'added', deviceId: device.body.id })
  })

  it('lists a terminal outside the allowed networks without ever contacting it', async () => {
    const fenced = await startProxy({
      tls: 'off',
      env: {
        SR_SADP_ADDRESS: sadp.address,
        SR_SADP_PORT: String(sadp.port),
        SR_DEVICE_NETS: '10.0.0.0/8',
      },
    })
    try {
      const before = terminals.map((t) => t.stats.requests)
      const answer = await call(fenced, 'GET', '/api/discovery')
      const list = DiscoveryResult.parse(answer.body).terminals
      expect(list.map((t) => t.state)).toEqual(['outside', 'outside', 'outside', 'outside'])
      expect(list.every((t) => t.reachable === null)).toBe(true)
      expect(terminals.map((t) => t.stats.requests)).toEqual(before)
    } finally {
      await fenced.stop()
    }
  })
})
