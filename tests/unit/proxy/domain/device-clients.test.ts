import { afterEach, describe, expect, it } from 'vitest'
import { Outbox } from '../../../../proxy/backend/outbox'
import { createDomain, type Domain } from '../../../../proxy/domain/domain'
import { createLogger } from '../../../../proxy/log'
import { AllowedHosts } from '../../../../proxy/net/allowed-hosts'
import { openMemoryDatabase } from '../../../../proxy/store/db'
import { createRepositories } from '../../../../proxy/store/repositories'
import { startTerminal, type Terminal, type TerminalOptions } from '../../../sim/terminal'
import { failure, SECRETS } from './registration/saga-rig'

const open: Array<{ close(): Promise<void> } | { stop(): Promise<void> }> = []
afterEach(async () => {
  for (const thing of open.splice(0)) await ('close' in thing ? thing.close() : thing.stop())
})

let answer = ['127.0.0.1']
let clock = new Date('2026-09-01T08:00:00Z')

async function setup(
  terminal: TerminalOptions = {},
): Promise<{ domain: Domain; terminal: Terminal; id: string }> {
  const t = await startTerminal(terminal)
  open.push(t)
  const db = openMemoryDatabase()
  answer = ['127.0.0.1']
  clock = new Date('2026-09-01T08:00:00Z')
  const domain = createDomain({
    config: { dataDir: '/nonexistent', deviceNets: ['127.0.0.0/8'] },
    repos: createRepositories(db),
    db,
    logger: createLogger('silent'),
    outbox: new Outbox({ db, backend: null }),
    secrets: SECRETS,
    backend: null,
    now: () => clock,
    // a name that resolves elsewhere later is what DNS rebinding looks like
    allowedHosts: new AllowedHosts(['127.0.0.0/8'], async () => answer),
  })
  open.push(domain)
  const device = await domain.registry.create({
    name: 'Asosiy kirish',
    host: '127.0.0.1',
    port: t.port,
    username: t.username,
    password: t.password,
    ...(terminal.auth === 'basic' ? { allowBasic: true } : {}),
  })
  return { domain, terminal: t, id: device.id }
}

describe('one ISAPI client per device', () => {
  it('keeps the client between calls and makes a new one when the login changes', async () => {
    const { domain, terminal, id } = await setup()
    const first = domain.clients.get(id)
    expect(domain.clients.get(id)).toBe(first)
    await first.deviceInfo()
    await domain.registry.update(id, { password: terminal.password, name: 'Yangi nom' })
    const renewed = domain.clients.get(id)
    expect(renewed).not.toBe(first)
    await domain.registry.update(id, { name: 'Faqat nom' })
    expect(domain.clients.get(id)).toBe(renewed)
  })

  it('checks the address against the allowed networks again right before connecting', async () => {
    const { domain, terminal, id } = await setup()
    await domain.registry.update(id, { host: 'kirish.maktab.lan' })
    answer = ['10.20.30.40']
    terminal.resetStats()
    expect((await failure(domain.clients.get(id).deviceInfo())).code).toBe('host_not_allowed')
    expect(terminal.stats.requests).toBe(0)
  })

  it('refuses a device whose password is older than 30 days before sending anything', async () => {
    const { domain, terminal, id } = await setup()
    clock = new Date(clock.getTime() + 31 * 86_400_000)
    terminal.resetStats()
    expect((await failure(domain.testDevice(id))).code).toBe('credentials_expired')
    expect(terminal.stats.requests).toBe(0)
  })

  it('reports Basic on old firmware, and tries again after a refused login only when an admin forces it', async () => {
    const { domain, terminal, id } = await setup({ auth: 'basic', lockout: false })
    expect(await domain.testDevice(id)).toMatchObject({ ok: true, authScheme: 'basic' })
    const stored = terminal.password
    terminal.setPassword('Yangi#2026')
    expect((await failure(domain.testDevice(id))).code).toBe('device_auth_failed')
    terminal.setPassword(stored)
    terminal.resetStats()
    expect((await failure(domain.testDevice(id))).code).toBe('device_auth_failed')
    expect(terminal.stats.requests).toBe(0)
    expect((await domain.testDevice(id, { force: true })).ok).toBe(true)
    expect(terminal.stats.requests).toBeGreaterThan(0)
  })
})
