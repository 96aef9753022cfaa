import { describe, expect, it } from 'vitest'
import { DeviceRegistry } from '../../../../proxy/domain/device-registry'
import { AllowedHosts } from '../../../../proxy/net/allowed-hosts'
import { openMemoryDatabase } from '../../../../proxy/store/db'
import { DevicesRepo } from '../../../../proxy/store/devices-repo'
import { SecretBox } from '../../../../proxy/store/secrets'
import type { AppError } from '../../../../shared/errors'

function setup() {
  const db = openMemoryDatabase()
  let now = new Date('2026-11-01T08:00:00Z')
  const registry = new DeviceRegistry({
    repo: new DevicesRepo(db),
    secrets: SecretBox.withKey(Buffer.alloc(32, 7)),
    allowedHosts: new AllowedHosts(['192.168.0.0/16'], async () => ['203.0.113.9']),
    now: () => now,
  })
  return { db, registry, advance: (days: number) => (now = new Date(now.getTime() + days * 86_400_000)) }
}

const gate = { name: 'Asosiy kirish', host: '192.168.1.20', username: 'admin', password: 'Secret#123' }

async function codeOf(work: () => unknown): Promise<string | undefined> {
  try {
    await work()
    return undefined
  } catch (error) {
    return (error as AppError).code
  }
}

describe('device registry', () => {
  it('adds a device with defaults and never returns the password', async () => {
    const { registry } = setup()
    const device = await registry.create(gate)
    expect(device).toMatchObject({ port: 80, scheme: 'http', hasPassword: true, deviceId: null })
    expect(device.credentialsExpiresAt).toBe('2026-12-01T08:00:00.000Z')
    expect(JSON.stringify(registry.list())).not.toContain('Secret#123')
  })

  it('stores the password encrypted in the database', async () => {
    const { db, registry } = setup()
    await registry.create(gate)
    const dump = JSON.stringify(db.prepare('SELECT * FROM devices').all())
    expect(dump).not.toContain('Secret#123')
  })

  it('refuses a host outside the allowed networks before storing anything', async () => {
    const { registry } = setup()
    expect(await codeOf(() => registry.create({ ...gate, host: '8.8.8.8' }))).toBe('host_not_allowed')
    expect(await codeOf(() => registry.create({ ...gate, host: 'camera.example' }))).toBe('host_not_allowed')
    expect(registry.list()).toHaveLength(0)
  })

  it('refuses the same address twice', async () => {
    const { registry } = setup()
    await registry.create(gate)
    expect(await codeOf(() => registry.create({ ...gate, name: 'Copy' }))).toBe('conflict')
  })

  it('refuses expired credentials and renews them with a new password', async () => {
    const { registry, advance } = setup()
    const device = await registry.create(gate)
    expect(registry.target(device.id).password).toBe('Secret#123')
    advance(31)
    expect(await codeOf(() => registry.target(device.id))).toBe('credentials_expired')
    const renewed = await registry.update(device.id, { password: 'New#456' })
    expect(renewed.credentialsExpiresAt).toBe('2027-01-01T08:00:00.000Z')
    expect(registry.target(device.id).password).toBe('New#456')
  })

  it('tells listeners when the connection details change, not when the name does', async () => {
    const { registry } = setup()
    const device = await registry.create(gate)
    const changed: string[] = []
    registry.onChange((id) => changed.push(id))
    await registry.update(device.id, { name: 'Sport zal' })
    expect(changed).toEqual([])
    await registry.update(device.id, { host: '192.168.1.21' })
    expect(changed).toEqual([device.id])
  })

  it('answers not_found for unknown ids', async () => {
    const { registry } = setup()
    expect(await codeOf(() => registry.get('nope'))).toBe('not_found')
    expect(await codeOf(() => registry.delete('nope'))).toBe('not_found')
  })

  it('remembers what a connection test learned', async () => {
    const { registry } = setup()
    const device = await registry.create(gate)
    const seen = registry.recordSeen(device.id, { deviceId: 'DS-K1T342MWX20230101', model: 'DS-K1T342MWX' })
    expect(seen).toMatchObject({ deviceId: 'DS-K1T342MWX20230101', model: 'DS-K1T342MWX' })
    expect(seen.lastSeenAt).not.toBeNull()
  })
})
