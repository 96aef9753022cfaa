import { describe, expect, it } from 'vitest'
import type { Device } from '../../../../../shared/api/devices'
import { AppError } from '../../../../../shared/errors'
import type { DeviceCapabilities, IsapiClient } from '../../../../../proxy/isapi'
import type { DeviceRegistry } from '../../../../../proxy/domain/device-registry'
import {
  DeviceFactsCache,
  FACTS_TTL_MS,
  FREE_NUMBER_TTL_MS,
  deviceFactsOf,
} from '../../../../../proxy/domain/registration/device-facts-cache'
import { probeAll, type Target } from '../../../../../proxy/domain/registration/targets'

const device: Device = {
  id: 'dev-1',
  name: 'Kirish',
  host: '127.0.0.1',
  port: 8001,
  scheme: 'http',
  username: 'admin',
  hasPassword: true,
  credentialsExpiresAt: '2026-12-25T00:00:00.000Z',
  deviceId: 'DS-K1T342MWX20240528',
  backendId: null,
  model: 'DS-K1T342MWX',
  firmware: 'V3.16.1',
  lastSeenAt: null,
}

/** A device whose name limit is whatever `nameMaxBytes` says when it is asked; counts the asks. */
function fakeClient(nameMaxBytes = 128) {
  const state = { asked: 0, refreshes: 0, nameMaxBytes, fail: null as Error | null }
  const client = {
    async capabilities(call?: { refresh?: boolean }): Promise<DeviceCapabilities> {
      state.asked++
      if (call?.refresh) state.refreshes++
      if (state.fail) throw state.fail
      return { accessControl: null, users: { nameMaxBytes: state.nameMaxBytes } as never, faces: null }
    },
  } as unknown as IsapiClient
  return { client, state }
}

function deferred() {
  let resolve!: () => void
  let reject!: (error: unknown) => void
  const promise = new Promise<void>((ok, fail) => {
    resolve = ok
    reject = fail
  })
  return { promise, resolve, reject }
}

function clock(start = 1_000_000) {
  let now = start
  return { now: () => now, advance: (ms: number) => (now += ms) }
}

describe('the kept device capabilities of the registration pre-flight', () => {
  it('asks a device once for any number of registrations within the lifetime', async () => {
    const { client, state } = fakeClient()
    const cache = new DeviceFactsCache({ now: clock().now })
    for (let i = 0; i < 5; i++) await cache.capabilities(device, client)
    expect(state.asked).toBe(1)
  })

  it('asks with refresh, so a copy the client kept for its whole life is not used instead', async () => {
    const { client, state } = fakeClient()
    await new DeviceFactsCache().capabilities(device, client)
    expect(state.refreshes).toBe(1)
  })

  it('shares one ask between registrations that start together', async () => {
    const { client, state } = fakeClient()
    const cache = new DeviceFactsCache()
    await Promise.all([cache.capabilities(device, client), cache.capabilities(device, client)])
    expect(state.asked).toBe(1)
  })

  it('asks again once the lifetime is over', async () => {
    const { client, state } = fakeClient()
    const time = clock()
    const cache = new DeviceFactsCache({ now: time.now })
    await cache.capabilities(device, client)
    time.advance(FACTS_TTL_MS - 1)
    await cache.capabilities(device, client)
    expect(state.asked).toBe(1)
    time.advance(1)
    await cache.capabilities(device, client)
    expect(state.asked).toBe(2)
  })

  it('picks up new capabilities after a firmware update once the new firmware is recorded', async () => {
    const { client, state } = fakeClient(128)
    const cache = new DeviceFactsCache()
    expect((await cache.capabilities(device, client)).users?.nameMaxBytes).toBe(128)
    state.nameMaxBytes = 32
    expect((await cache.capabilities(device, client)).users?.nameMaxBytes).toBe(128)
    const updated = { ...device, firmware: 'V3.2.30', model: 'DS-K1T341AM' }
    expect((await cache.capabilities(updated, client)).users?.nameMaxBytes).toBe(32)
  })

  it.each([
    ['name', { name: 'Chiqish' }],
    ['address', { host: '127.0.0.2' }],
    ['port', { port: 8002 }],
    ['login', { username: 'operator' }],
    ['password (a new expiry)', { credentialsExpiresAt: '2027-01-24T00:00:00.000Z' }],
    ['serial number', { deviceId: 'OTHER-UNIT' }],
  ])('asks again after the device’s %s was edited', async (_what, change) => {
    const { client, state } = fakeClient()
    const cache = new DeviceFactsCache()
    await cache.capabilities(device, client)
    await cache.capabilities({ ...device, ...change }, client)
    expect(state.asked).toBe(2)
  })

  it('does not ask again only because the device was seen again', async () => {
    const { client, state } = fakeClient()
    const cache = new DeviceFactsCache()
    await cache.capabilities(device, client)
    await cache.capabilities({ ...device, lastSeenAt: '2026-11-25T12:00:00.000Z' }, client)
    expect(state.asked).toBe(1)
  })

  it('asks again after invalidate (a failed request or a refused login)', async () => {
    const { client, state } = fakeClient()
    const cache = new DeviceFactsCache()
    await cache.capabilities(device, client)
    cache.invalidate(device.id)
    await cache.capabilities(device, client)
    expect(state.asked).toBe(2)
  })

  it('keeps no failed answer: the next registration asks again', async () => {
    const { client, state } = fakeClient()
    const cache = new DeviceFactsCache()
    state.fail = new AppError('device_auth_failed', 'The device refused the login')
    await expect(cache.capabilities(device, client)).rejects.toMatchObject({ code: 'device_auth_failed' })
    state.fail = null
    expect((await cache.capabilities(device, client)).users?.nameMaxBytes).toBe(128)
    expect(state.asked).toBe(2)
  })

  it('forgets a device the registry reports changed', async () => {
    const listeners: Array<(id: string) => void> = []
    const registry = { onChange: (listener: (id: string) => void) => listeners.push(listener) }
    const cache = deviceFactsOf(registry as unknown as DeviceRegistry)
    expect(listeners).toHaveLength(1)
    const { client, state } = fakeClient()
    await cache.capabilities(device, client)
    listeners.forEach((listener) => listener(device.id))
    await cache.capabilities(device, client)
    expect(state.asked).toBe(2)
  })
})

describe('the pre-flight with kept capabilities', () => {
  function target(searchFails: () => Error | null) {
    const { client, state } = fakeClient()
    const searches: string[] = []
    Object.assign(client, {
      async searchUsers(query: { employeeNos: string[] }) {
        searches.push(...query.employeeNos)
        const error = searchFails()
        if (error) throw error
        return { users: query.employeeNos[0] === '1000000007' ? [{ employeeNo: '1000000007' }] : [] }
      },
    })
    const t: Target = { deviceId: device.id, device, client, facts: new DeviceFactsCache() }
    return { target: t, state, searches }
  }

  it('asks the number on every student while the capabilities are asked once', async () => {
    const { target: t, state, searches } = target(() => null)
    const first = await probeAll([t], '1000000001')
    const second = await probeAll([t], '1000000007')
    expect(first.get(device.id)).toMatchObject({ ok: true, probe: { present: false } })
    expect(second.get(device.id)).toMatchObject({ ok: true, probe: { present: true } })
    expect(searches).toEqual(['1000000001', '1000000007'])
    expect(state.asked).toBe(1)
  })

  it('forgets the capabilities of a device that refused the login', async () => {
    let refuse = false
    const { target: t, state } = target(() =>
      refuse ? new AppError('device_auth_failed', 'The device refused the login') : null,
    )
    await probeAll([t], '1000000001')
    refuse = true
    const refused = await probeAll([t], '1000000002')
    expect(refused.get(device.id)).toMatchObject({ ok: false, error: { code: 'device_auth_failed' } })
    refuse = false
    await probeAll([t], '1000000003')
    expect(state.asked).toBe(2)
  })

  it('does not ask a number the device said was free seconds ago, and asks it again once that is old', async () => {
    const time = clock()
    const { target: t, searches } = target(() => null)
    t.facts = new DeviceFactsCache({ now: time.now })
    t.facts.noteFree(device.id, '1000000005')
    await probeAll([t], '1000000005')
    await probeAll([t], '1000000006')
    time.advance(FREE_NUMBER_TTL_MS)
    await probeAll([t], '1000000005')
    expect(searches).toEqual(['1000000006', '1000000005'])
  })

  it('waits for a write under way that asks about the same number, and then does not ask it again', async () => {
    const { target: t, searches } = target(() => null)
    const write = deferred()
    t.facts.askingAhead(device.id, '1000000005', write.promise)
    const probe = probeAll([t], '1000000005')
    await Promise.resolve()
    expect(searches).toEqual([])
    t.facts.noteFree(device.id, '1000000005')
    write.resolve()
    expect((await probe).get(device.id)).toMatchObject({ ok: true, probe: { present: false } })
    expect(searches).toEqual([])
  })

  it('asks the number itself when the write under way ended without an answer about it', async () => {
    const { target: t, searches } = target(() => null)
    const write = deferred()
    t.facts.askingAhead(device.id, '1000000005', write.promise)
    const probe = probeAll([t], '1000000005')
    write.reject(new AppError('device_unreachable', 'gone'))
    expect((await probe).get(device.id)).toMatchObject({ ok: true, probe: { present: false } })
    expect(searches).toEqual(['1000000005'])
  })

  it('does not wait for a write under way that asks about another number', async () => {
    const { target: t, searches } = target(() => null)
    t.facts.askingAhead(device.id, '1000000005', new Promise(() => undefined))
    await probeAll([t], '1000000006')
    expect(searches).toEqual(['1000000006'])
  })

  it('forgets a free number with the rest of the device when the device fails or changes', async () => {
    const { target: t, searches } = target(() => null)
    t.facts.noteFree(device.id, '1000000005')
    t.facts.invalidate(device.id)
    await probeAll([t], '1000000005')
    expect(searches).toEqual(['1000000005'])
  })
})
