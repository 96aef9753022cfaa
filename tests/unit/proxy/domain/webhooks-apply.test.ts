import { describe, expect, it } from 'vitest'
import { backend, failure, rig, terminal, webhookUrl } from './status-fixture'

const OTHER_VENDOR = {
  id: '1',
  url: '/hik/events',
  protocolType: 'HTTP',
  parameterFormatType: 'JSON',
  addressingFormatType: 'ipaddress',
  ipAddress: '192.168.1.2',
  portNo: 8088,
  httpAuthenticationMethod: 'none',
}

describe('the backend webhook URLs', () => {
  it('come from webhook-info as absolute URLs with secrets, and are kept for when the backend is gone', async () => {
    const b = await backend()
    const { checks, settings } = rig({ backend: b })
    const urls = await checks.directory.current()
    expect(urls).toMatchObject({ in: webhookUrl(b, 'in'), out: webhookUrl(b, 'out'), source: 'backend' })
    expect(urls.in).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/webhook\/school-1\/in\?secret=\w+$/)
    expect(settings.get('webhooks.info')).toContain(urls.in)

    await b.setMode('down')
    const kept = await checks.directory.current()
    expect(kept).toMatchObject({ in: urls.in, out: urls.out, source: 'cache', fetchedAt: urls.fetchedAt })
  })

  it('survive a restart through SQLite', async () => {
    const b = await backend()
    const first = rig({ backend: b })
    await first.checks.directory.current()
    await b.setMode('down')
    const second = rig({ backend: b })
    second.settings.set('webhooks.info', first.settings.get('webhooks.info') as string)
    expect(await second.checks.directory.current()).toMatchObject({
      in: webhookUrl(b, 'in'),
      source: 'cache',
    })
  })

  it('are backend_unavailable with no backend configured, or none reachable and nothing kept', async () => {
    const lanOnly = rig()
    const none = await failure(lanOnly.checks.directory.current())
    expect(none.code).toBe('backend_unavailable')
    expect(none.message).toMatch(/SR_BACKEND_URL/)

    const b = await backend()
    await b.setMode('down')
    expect((await failure(rig({ backend: b }).checks.directory.current())).code).toBe('backend_unavailable')
  })
})

describe('writing the webhook into a device', () => {
  it('uses the free second slot of a two-slot terminal and leaves the other vendor in slot 1 alone', async () => {
    const b = await backend()
    const t = await terminal({ model: 'ds-k1t342mwx' })
    t.state.httpHosts[0] = { ...OTHER_VENDOR }
    const { devices, checks } = rig({ backend: b })
    devices.add('gate', t, { direction: 'in' })

    const before = await checks.webhooks.read('gate')
    expect(before).toMatchObject({
      expected: webhookUrl(b, 'in'),
      actual: ['http://192.168.1.2:8088/hik/events'],
      inSync: false,
      slots: 2,
    })

    const after = await checks.webhooks.apply('gate')
    expect(after).toMatchObject({ inSync: true, slotId: '2', expected: webhookUrl(b, 'in') })
    expect(after.actual).toEqual(['http://192.168.1.2:8088/hik/events', webhookUrl(b, 'in')])
    expect(t.state.httpHosts[0]).toEqual(OTHER_VENDOR)
    expect(t.state.httpHosts[1]).toMatchObject({
      id: '2',
      url: `/webhook/school-1/in?secret=${b.state.schools.get('school-1')?.webhookSecretIn}`,
      ipAddress: '127.0.0.1',
      portNo: b.port,
      protocolType: 'HTTP',
      parameterFormatType: 'JSON',
    })
  })

  it('writes the only slot of a one-slot terminal', async () => {
    const b = await backend()
    const t = await terminal({ model: 'ds-k1t341am' })
    const { devices, checks } = rig({ backend: b })
    devices.add('exit', t, { direction: 'out' })
    const view = await checks.webhooks.apply('exit')
    expect(view).toMatchObject({ inSync: true, slotId: '1', slots: 1, actual: [webhookUrl(b, 'out')] })
  })

  it('finds the drift after the backend changed its secret, and rewrites the same slot', async () => {
    const b = await backend()
    const t = await terminal({ model: 'ds-k1t342mwx' })
    const { devices, checks } = rig({ backend: b })
    devices.add('gate', t, { direction: 'in' })
    await checks.webhooks.apply('gate')
    const old = webhookUrl(b, 'in')

    const school = b.state.schools.get('school-1')
    if (school) school.webhookSecretIn = 'rotated0secret'
    await checks.directory.current()
    const drift = await checks.webhooks.read('gate')
    expect(drift).toMatchObject({ inSync: false, actual: [old], expected: webhookUrl(b, 'in') })

    const fixed = await checks.webhooks.apply('gate')
    expect(fixed).toMatchObject({ inSync: true, slotId: '1', actual: [webhookUrl(b, 'in')] })
    expect(fixed.expected).toContain('secret=rotated0secret')
  })

  it('moves a device to the other URL when its direction changes, in the slot it already uses', async () => {
    const b = await backend()
    const t = await terminal({ model: 'ds-k1t342mwx' })
    t.state.httpHosts[1] = { ...OTHER_VENDOR, id: '2' }
    const { devices, checks } = rig({ backend: b })
    devices.add('gate', t, { direction: 'in' })
    await checks.webhooks.apply('gate')
    devices.update('gate', { direction: 'out' })
    const view = await checks.webhooks.apply('gate')
    expect(view).toMatchObject({ inSync: true, slotId: '1' })
    expect(view.actual).toEqual([webhookUrl(b, 'out'), 'http://192.168.1.2:8088/hik/events'])
  })

  it('names, before any write, the address a fix would overwrite on a one-slot terminal', async () => {
    const b = await backend()
    const t = await terminal({ model: 'ds-k1t341am' })
    t.state.httpHosts[0] = { ...OTHER_VENDOR, url: '/hik/events?token=abc' }
    const { devices, checks } = rig({ backend: b })
    devices.add('exit', t, { direction: 'out' })
    const view = await checks.webhooks.read('exit')
    // the other system's query (its secret) is not shown
    expect(view).toMatchObject({ inSync: false, replaces: 'http://192.168.1.2:8088/hik/events?…' })
    expect(t.state.httpHosts[0]).toMatchObject({ url: '/hik/events?token=abc' })
  })

  it('names nothing to overwrite where a free slot takes the address, or the address is already there', async () => {
    const b = await backend()
    const t = await terminal({ model: 'ds-k1t342mwx' })
    t.state.httpHosts[0] = { ...OTHER_VENDOR }
    const { devices, checks } = rig({ backend: b })
    devices.add('gate', t, { direction: 'in' })
    expect(await checks.webhooks.read('gate')).toMatchObject({ inSync: false, replaces: null })
    await checks.webhooks.apply('gate')
    expect(await checks.webhooks.read('gate')).toMatchObject({ inSync: true, replaces: null })
  })

  it('calls it a failure when the device answers OK but drops the path (DS-K1A340)', async () => {
    const b = await backend()
    const t = await terminal({ model: 'ds-k1a340fwx' })
    const { devices, checks } = rig({ backend: b })
    devices.add('gate', t, { direction: 'in' })
    const error = await failure(checks.webhooks.apply('gate'))
    expect(error.code).toBe('device_not_applied')
    // the slot was empty: there is no address to put back
    expect(error.extra.details).toMatchObject({ reason: 'not_kept', slotId: '1', restored: false })
    expect(JSON.stringify(error.extra)).not.toContain('secret=')
    expect(error.message).not.toContain('secret=')
  })

  it('calls it a failure when the device ignores the write altogether', async () => {
    const b = await backend()
    const t = await terminal({ model: 'ds-k1t341am' })
    const { devices, checks } = rig({ backend: b })
    devices.add('gate', t, { direction: 'in' })
    t.setFault('httpHost', { kind: 'not-applied' })
    expect((await failure(checks.webhooks.apply('gate'))).code).toBe('device_not_applied')
  })

  it('puts back the address a slot held when the device did not keep the new one', async () => {
    const b = await backend()
    const t = await terminal({ model: 'ds-k1t341am' })
    const { devices, checks } = rig({ backend: b })
    devices.add('gate', t, { direction: 'in' })
    const old = (await checks.webhooks.apply('gate')).actual
    const school = b.state.schools.get('school-1')
    if (school) school.webhookSecretIn = 'rotated0secret'
    await checks.directory.current()
    const before = structuredClone(t.state.httpHosts)
    t.resetStats()
    t.setFault('httpHost', { kind: 'not-applied' }, { times: 1 })

    const error = await failure(checks.webhooks.apply('gate'))
    expect(error.code).toBe('device_not_applied')
    expect(error.extra.details).toMatchObject({ reason: 'not_kept', restored: true })
    const writes = t.stats.log.filter((e) => e.op === 'httpHost' && e.method === 'PUT' && e.status === 200)
    expect(writes).toHaveLength(2)
    expect(t.state.httpHosts).toEqual(before)
    expect((await checks.webhooks.read('gate')).actual).toEqual(old)
  })

  it('refuses to take a slot from another system when every slot is used', async () => {
    const b = await backend()
    const t = await terminal({ model: 'ds-k1t342mwx' })
    t.state.httpHosts[0] = { ...OTHER_VENDOR }
    t.state.httpHosts[1] = { ...OTHER_VENDOR, id: '2', ipAddress: '192.168.1.3' }
    const { devices, checks } = rig({ backend: b })
    devices.add('gate', t, { direction: 'in' })
    const error = await failure(checks.webhooks.apply('gate'))
    expect(error.code).toBe('conflict')
    expect(t.state.httpHosts[0]).toEqual(OTHER_VENDOR)
  })

  it('needs the device direction before writing, and says why nothing is expected', async () => {
    const b = await backend()
    const t = await terminal()
    const { devices, checks } = rig({ backend: b })
    devices.add('gate', t)
    const error = await failure(checks.webhooks.apply('gate'))
    expect(error).toMatchObject({ code: 'validation_failed' })
    expect(error.extra.field).toBe('direction')
    expect(await checks.webhooks.read('gate')).toMatchObject({
      expected: null,
      inSync: false,
      gap: 'no_direction',
    })

    const lanOnly = rig()
    lanOnly.devices.add('gate', t, { direction: 'in' })
    expect(await lanOnly.checks.webhooks.read('gate')).toMatchObject({ expected: null, gap: 'no_backend' })
  })

  it('applies to every device at once and reports each one, failures included', async () => {
    const b = await backend()
    const one = await terminal({ model: 'ds-k1t341am' })
    const two = await terminal({ model: 'ds-k1t342mwx' })
    const off = await terminal({ model: 'ds-k1t341am' })
    const { devices, checks } = rig({ backend: b })
    devices.add('a', one, { direction: 'in' })
    devices.add('b', two, { direction: 'out' })
    devices.add('c', off, { direction: 'in' })
    await off.setOffline(true)

    const results = await checks.webhooks.applyAll()
    expect(results).toEqual([
      expect.objectContaining({ deviceId: 'a', inSync: true }),
      expect.objectContaining({ deviceId: 'b', inSync: true }),
      expect.objectContaining({
        deviceId: 'c',
        inSync: false,
        error: expect.objectContaining({ code: 'device_unreachable' }),
      }),
    ])
  })

  it('falls back to writing the list on firmware without the per-slot path, other slots kept', async () => {
    const b = await backend()
    // firmware that takes the list as its whole configuration: the other system's slot must travel along
    const t = await terminal({ model: 'ds-k1t342mwx', httpHostsListReplaces: true })
    t.state.httpHosts[0] = { ...OTHER_VENDOR }
    const { devices, checks } = rig({ backend: b })
    devices.add('gate', t, { direction: 'in' })
    t.setFault('httpHost', { kind: 'error', subStatusCode: 'methodNotAllowed', httpStatus: 405 })
    const view = await checks.webhooks.apply('gate')
    expect(view).toMatchObject({ inSync: true, slotId: '2' })
    expect(t.state.httpHosts[0]).toEqual(OTHER_VENDOR)
    const puts = t.stats.log.filter((e) => e.method === 'PUT' && e.status !== 401)
    expect(puts.map((e) => [e.url, e.status])).toEqual([
      ['/ISAPI/Event/notification/httpHosts/2', 405],
      ['/ISAPI/Event/notification/httpHosts', 200],
    ])
  })

  it('refuses the list write rather than wipe another system’s slot that has its own login', async () => {
    const b = await backend()
    const t = await terminal({ model: 'ds-k1t342mwx', httpHostsListReplaces: true })
    const guarded = { ...OTHER_VENDOR, httpAuthenticationMethod: 'MD5digest', userName: 'hik' }
    t.state.httpHosts[0] = { ...guarded }
    const { devices, checks } = rig({ backend: b })
    devices.add('gate', t, { direction: 'in' })
    t.setFault('httpHost', { kind: 'error', subStatusCode: 'methodNotAllowed', httpStatus: 405 })
    const error = await failure(checks.webhooks.apply('gate'))
    expect(error).toMatchObject({ code: 'conflict', extra: { details: { reason: 'other_slot_has_login' } } })
    expect(t.state.httpHosts[0]).toEqual(guarded)
    expect(
      t.stats.log.filter((e) => e.url === '/ISAPI/Event/notification/httpHosts' && e.method === 'PUT'),
    ).toEqual([])
  })

  it('passes on any other refusal of the write without trying again', async () => {
    const b = await backend()
    const t = await terminal({ model: 'ds-k1t341am' })
    const { devices, checks } = rig({ backend: b })
    devices.add('gate', t, { direction: 'in' })
    t.setFault('httpHost', { kind: 'error', subStatusCode: 'badXmlContent', errorMsg: 'ipAddress' })
    const error = await failure(checks.webhooks.apply('gate'))
    expect(error).toMatchObject({ code: 'device_rejected' })
    expect(error.extra.subStatusCode).toBe('badXmlContent')
    expect(t.stats.log.filter((e) => e.method === 'PUT' && e.status !== 401)).toHaveLength(1)
  })
})

describe('reading a device webhook against the school server', () => {
  it('uses the copy kept for 60 s, and asks the school server again when refresh is asked', async () => {
    const b = await backend()
    const t = await terminal()
    const { devices, checks } = rig({ backend: b })
    devices.add('gate', t, { direction: 'in' })
    const first = await checks.webhooks.read('gate')
    expect(first.expected).toBe(webhookUrl(b, 'in'))

    const school = b.state.schools.get('school-1')!
    school.webhookSecretIn = 'rotated0secret'
    expect((await checks.webhooks.read('gate')).expected).toBe(first.expected)
    const fresh = await checks.webhooks.read('gate', undefined, { refresh: true })
    expect(fresh.expected).toMatch(/secret=rotated0secret$/)
    expect(fresh.expected).not.toBe(first.expected)
  })
})
