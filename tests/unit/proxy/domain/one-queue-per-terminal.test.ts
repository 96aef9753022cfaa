import { afterEach, describe, expect, it } from 'vitest'
import { DeviceClients } from '../../../../proxy/domain/device-clients'
import { DeviceRegistry } from '../../../../proxy/domain/device-registry'
import { AllowedHosts } from '../../../../proxy/net/allowed-hosts'
import { openMemoryDatabase } from '../../../../proxy/store/db'
import { DevicesRepo, type DeviceRow } from '../../../../proxy/store/devices-repo'
import { startTerminal, type Terminal } from '../../../sim/terminal'
import { SECRETS } from './registration/saga-rig'

const open: Array<{ close(): Promise<void> }> = []
afterEach(async () => {
  for (const thing of open.splice(0)) await thing.close()
})

function row(id: string, host: string, terminal: Terminal): DeviceRow {
  return {
    id,
    name: id,
    host,
    port: terminal.port,
    scheme: 'http',
    username: terminal.username,
    passwordSealed: SECRETS.seal(terminal.password),
    credentialsExpiresAt: '2099-01-01T00:00:00.000Z',
    deviceId: null,
    backendId: null,
    direction: null,
    model: null,
    firmware: null,
    authScheme: null,
    allowBasic: false,
    loginRefusedAt: null,
    lockedUntil: null,
    lastSeenAt: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  }
}

describe('entries that reach one terminal', () => {
  it('share its one queue, so a terminal that serves one request at a time is never asked two at once', async () => {
    const terminal = await startTerminal({ concurrency: 'busy', latency: { default: 30 } })
    open.push(terminal)
    const repo = new DevicesRepo(openMemoryDatabase())
    // two entries stored before duplicates were refused: two spellings of one address
    repo.insert(row('a', '127.0.0.1', terminal))
    repo.insert(row('b', '127.1', terminal))
    const allowedHosts = new AllowedHosts(['127.0.0.0/8'], async () => ['127.0.0.1'])
    const registry = new DeviceRegistry({ repo, secrets: SECRETS, allowedHosts })
    const clients = new DeviceClients({ registry, allowedHosts })
    open.push(clients)
    const calls = ['a', 'b', 'a', 'b', 'a', 'b'].map((id) => clients.get(id).deviceInfo())
    await expect(Promise.all(calls)).resolves.toHaveLength(6)
  })
})
