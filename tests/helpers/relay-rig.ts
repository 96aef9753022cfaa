import type { AttendancePost } from '../../proxy/backend/attendance-webhook'
import { createEventRelay, type EventRelay } from '../../proxy/domain/event-relay'
import { RelayAddress } from '../../proxy/domain/event-relay/relay-address'
import type { Db } from '../../proxy/store/db'
import { EventsRepo } from '../../proxy/store/events-repo'
import { SettingsRepo } from '../../proxy/store/settings-repo'
import type { Device } from '../../shared/api/devices'
import type { WebhookUrls } from '../../shared/api/webhooks'

/** A registered terminal with its serial learned, at the entrance or the exit. */
export function relayDevice(id: string, direction: 'in' | 'out'): Device {
  return {
    id,
    name: id,
    host: '127.0.0.1',
    port: 80,
    scheme: 'http',
    username: 'admin',
    hasPassword: true,
    credentialsExpiresAt: null,
    deviceId: `SERIAL-${id}`,
    backendId: null,
    direction,
  }
}

export interface RelayRigOptions {
  db: Db
  dataDir: string
  /** the school server's webhook URLs; null: none known and none to be had */
  urls: WebhookUrls | null
  post?: (post: AttendancePost) => Promise<{ ignored: string | null }>
  picturesMaxBytes?: number
  /** how long a terminal that is behind holds the others; default a minute */
  holdMs?: number
}

/**
 * The relay in this process for an entrance and an exit terminal, without devices to search: both logs
 * start known at serial 1 (as a first search leaves them), so the events a test feeds alone decide
 * what may go.
 */
export function relayRig(options: RelayRigOptions): { relay: EventRelay; devices: [Device, Device] } {
  const { db, urls } = options
  const settings = new SettingsRepo(db)
  const devices: [Device, Device] = [relayDevice('entrance', 'in'), relayDevice('exit', 'out')]
  const relay = createEventRelay({
    repo: new EventsRepo(db),
    dataDir: options.dataDir,
    timeZone: 'Asia/Tashkent',
    settings,
    devices: { list: () => devices, get: (id) => devices.find((d) => d.id === id) as Device },
    clients: { get: () => ({}) as never },
    directory: {
      known: () => urls,
      current: async () => {
        if (!urls) throw new Error('no school server')
        return urls
      },
    },
    webhooks: { read: async () => ({}) as never, apply: async () => ({}) as never, applyAll: async () => [] },
    address: new RelayAddress({ settings, defaultOn: true, origin: 'http://10.0.0.2:8080' }),
    picturesMaxBytes: options.picturesMaxBytes ?? 2 * 1024 ** 3,
    searchEveryMs: 3_600_000,
    holdMs: options.holdMs ?? 60_000,
    ...(options.post ? { post: options.post } : {}),
  })
  for (const d of devices) {
    relay.intake.found(d, { major: 3, minor: 112, time: '2026-09-01T06:00:00+05:00', serialNo: 1 })
  }
  db.prepare('UPDATE relay_terminals SET contiguous_serial = 1').run()
  return { relay, devices }
}
