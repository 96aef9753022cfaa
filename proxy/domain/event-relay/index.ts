import type { RelayMode, RelaySearchResult, RelayView } from '../../../shared/api/event-relay'
import type { WebhookApplyItem } from '../../../shared/api/webhooks'
import { postAttendance } from '../../backend/attendance-webhook'
import type { EventsRepo } from '../../store/events-repo'
import type { ClientSource, DeviceSource } from '../device-source'
import type { DeviceWebhooks } from '../webhooks/device-webhooks'
import type { SettingsStore, WebhookDirectory } from '../webhooks/webhook-directory'
import { EventIntake } from './event-intake'
import { LogSearch } from './log-search'
import { MergeGate } from './merge-gate'
import { PictureStore } from './picture-store'
import { RelayAddress } from './relay-address'
import { RelaySender, type RelaySenderDeps } from './relay-sender'
import { relayView } from './relay-view'

export interface EventRelayOptions {
  repo: EventsRepo
  dataDir: string
  timeZone: string
  settings: SettingsStore
  devices: DeviceSource
  clients: ClientSource
  directory: Pick<WebhookDirectory, 'known' | 'current'>
  webhooks: Pick<DeviceWebhooks, 'read' | 'apply' | 'applyAll'>
  address: RelayAddress
  picturesMaxBytes: number
  /** how often every terminal's log is searched and its webhook checked, in relay mode */
  searchEveryMs: number
  /** how long a terminal that is behind may hold the others back */
  holdMs?: number
  /** relayed (and skipped) events kept for the view and the dedup of late repeats; default 200,000 */
  keepFinished?: number
  post?: RelaySenderDeps['post']
  log?: RelaySenderDeps['log']
  now?: () => number
}

export interface EventRelay {
  address: RelayAddress
  intake: EventIntake
  sender: RelaySender
  search: LogSearch
  view(): RelayView
  /** switches the mode and writes every device's webhook for it */
  setMode(mode: RelayMode): Promise<WebhookApplyItem[]>
  /** searches every terminal's log now, and in relay mode puts back a webhook a terminal lost */
  sweep(): Promise<RelaySearchResult>
  /** refused events go back in line; returns how many */
  retryRefused(): number
  start(): void
  stop(): Promise<void>
}

// A school of 1,500 with four terminals records about 6,000 events a day: a month of history.
const KEEP_FINISHED = 200_000

/** The attendance relay: terminals post to the proxy, which delivers to the school server in time order. */
export function createEventRelay(options: EventRelayOptions): EventRelay {
  const { devices, clients, address } = options
  const { repo } = options
  const pictures = new PictureStore(options.dataDir, repo, options.picturesMaxBytes)
  const gate = new MergeGate(options.holdMs ?? 2 * 60_000)
  const participants = () => {
    const marks = new Map(repo.terminals().map((row) => [row.deviceId, row.watermarkMs]))
    return devices
      .list()
      .filter((device) => device.direction && marks.has(device.id))
      .map((device) => ({ deviceId: device.id, watermarkMs: marks.get(device.id) ?? 0 }))
  }
  const sender = new RelaySender({
    repo,
    pictures,
    gate,
    urls: options.directory,
    post: options.post ?? ((post) => postAttendance(post)),
    terminals: participants,
    // a school server back from an outage gets its morning within half a minute, not the outbox's ten
    backoff: { baseMs: 1_000, capMs: 30_000 },
    ...(options.log ? { log: options.log } : {}),
    ...(options.now ? { now: options.now } : {}),
  })
  const queued = new Set<string>()
  let stopped = false
  const intake = new EventIntake({
    repo,
    devices,
    address,
    pictures,
    ...(options.now ? { now: options.now } : {}),
    onChanged: () => sender.wake(),
    onNeedsSearch: (deviceId) => {
      if (stopped || !address.on || queued.has(deviceId)) return
      queued.add(deviceId)
      setImmediate(() => {
        queued.delete(deviceId)
        if (!stopped) void search.search(deviceId)
      })
    },
  })
  // the intake's callback above runs only after start, once `search` exists
  const search = new LogSearch({
    repo,
    devices,
    clients,
    intake,
    timeZone: options.timeZone,
    onChanged: () => sender.wake(),
    ...(options.now ? { now: options.now } : {}),
  })
  let timer: NodeJS.Timeout | null = null

  /** The history is bounded too: the oldest relayed events go first, their captures with them. */
  function prune(): void {
    for (const row of repo.pruneFinished(options.keepFinished ?? KEEP_FINISHED)) {
      if (row.picture) pictures.remove(row.picture)
    }
    pictures.enforce()
  }

  async function sweep(): Promise<RelaySearchResult> {
    const terminals = devices.list().filter((device) => device.direction)
    return Promise.all(
      terminals.map(async (device) => {
        if (address.on) await keepWebhook(device.id)
        const outcome = await search.search(device.id)
        return outcome
      }),
    )
  }

  /** A terminal that lost its listening slot (a reboot, a reset) gets it back. */
  async function keepWebhook(deviceId: string): Promise<void> {
    try {
      const view = await options.webhooks.read(deviceId)
      if (!view.inSync && view.expected) {
        await options.webhooks.apply(deviceId)
        options.log?.info({ deviceId }, 'terminal had lost its event address; written again')
      }
    } catch (error) {
      options.log?.warn({ deviceId, error: String(error) }, 'terminal webhook could not be checked')
    }
  }

  return {
    address,
    intake,
    sender,
    search,
    view: () =>
      relayView({
        repo,
        devices,
        gate,
        sender,
        mode: () => (address.on ? 'relay' : 'direct'),
        address: address.origin,
        timeZone: options.timeZone,
        ...(options.now ? { now: options.now } : {}),
      }),
    async setMode(mode) {
      address.on = mode === 'relay'
      const results = await options.webhooks.applyAll()
      if (address.on) void sweep()
      return results
    },
    sweep,
    retryRefused() {
      const count = repo.requeueRefused()
      sender.flush()
      return count
    },
    start() {
      prune()
      sender.start()
      if (address.on) void sweep()
      timer = setInterval(() => {
        prune()
        if (address.on) void sweep()
      }, options.searchEveryMs)
      timer.unref()
    },
    async stop() {
      stopped = true
      if (timer) clearInterval(timer)
      timer = null
      await sender.stop()
    },
  }
}
