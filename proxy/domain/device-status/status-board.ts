import type { Device } from '../../../shared/api/devices'
import type { DeviceStatusReport } from '../../../shared/api/status'
import type { DeviceWebhook } from '../../../shared/api/webhooks'
import { AppError } from '../../../shared/errors'
import type { CallOptions, DeviceCapabilities, IsapiClient, UserCount } from '../../isapi'
import { readDeviceClock, type ClockReference } from '../device-time/device-clock'
import type { ClientSource, DeviceSource } from '../device-source'
import type { DeviceWebhooks } from '../webhooks/device-webhooks'
import type { WebhookDirectory } from '../webhooks/webhook-directory'
import { publicDeviceInfo } from './public-info'

export interface StatusBoardDeps {
  devices: DeviceSource & { recordSeen?(id: string, seen: { model?: string; firmware?: string }): unknown }
  clients: ClientSource
  webhooks: Pick<DeviceWebhooks, 'inspect'>
  directory: Pick<WebhookDirectory, 'forCheck'>
  clock: ClockReference
  /** a report younger than this is answered again; default 10 s */
  cacheMs?: number
  /** the most one device's whole check may take once it answered; default 60 s */
  budgetMs?: number
  /** a device that has not answered its first read in this time is offline; default 10 s */
  answerMs?: number
}

export interface StatusOptions {
  /** skip the cache (pull to refresh); a check already running is still shared */
  refresh?: boolean
}

/** Errors that mean "nobody answered": the device is reported offline rather than failing the request. */
const NOT_REACHED = new Set(['device_unreachable', 'credentials_expired', 'host_not_allowed'])

/**
 * Device health for the Check page: one quick look per device (alive, model, people and faces against
 * capacity, clock drift, webhook, last event), shared by everyone asking within `cacheMs`, all devices in
 * parallel. A device silent for `answerMs` is offline; one that answered is let finish (a slow terminal's
 * figures are worth the wait), up to `budgetMs`. An unreachable device is an answer (`online:false`), not an
 * error.
 */
export class DeviceStatusBoard {
  private readonly cacheMs: number
  private readonly budgetMs: number
  private readonly answerMs: number
  private readonly cache = new Map<string, { report: DeviceStatusReport; at: number }>()
  private readonly running = new Map<string, Promise<DeviceStatusReport>>()
  private readonly lastOnline = new Map<string, DeviceStatusReport>()

  constructor(private readonly deps: StatusBoardDeps) {
    this.cacheMs = deps.cacheMs ?? 10_000
    this.budgetMs = deps.budgetMs ?? 60_000
    this.answerMs = Math.min(deps.answerMs ?? 10_000, this.budgetMs)
  }

  async one(deviceId: string, opts: StatusOptions = {}): Promise<DeviceStatusReport> {
    return this.statusOf(this.deps.devices.get(deviceId), opts)
  }

  async all(opts: StatusOptions = {}): Promise<DeviceStatusReport[]> {
    return Promise.all(this.deps.devices.list().map((device) => this.statusOf(device, opts)))
  }

  /**
   * Every device's report as soon as it is ready, fastest first: a slow or silent device holds back only
   * itself. Stops early when `signal` aborts (the screen went away); the checks themselves run on.
   */
  async *each(opts: StatusOptions = {}, signal?: AbortSignal): AsyncGenerator<DeviceStatusReport> {
    const pending = new Map(
      this.deps.devices.list().map((device) => {
        const check = this.statusOf(device, opts).then((report) => ({ id: device.id, report }))
        return [device.id, check] as const
      }),
    )
    const stopped = new Promise<null>((resolve) => {
      if (signal?.aborted) resolve(null)
      signal?.addEventListener('abort', () => resolve(null), { once: true })
    })
    while (pending.size > 0) {
      const next = await Promise.race([...pending.values(), stopped])
      if (next === null) return
      pending.delete(next.id)
      yield next.report
    }
  }

  /** Drops the cached report, e.g. after the clock or the webhook was just changed. */
  forget(deviceId: string): void {
    this.cache.delete(deviceId)
  }

  private statusOf(device: Device, opts: StatusOptions): Promise<DeviceStatusReport> {
    const cached = this.cache.get(device.id)
    if (!opts.refresh && cached && this.deps.clock.now() - cached.at < this.cacheMs) {
      return Promise.resolve(cached.report)
    }
    const running = this.running.get(device.id)
    if (running) return running
    const check = this.check(device)
      .then((report) => {
        this.cache.set(device.id, { report, at: this.deps.clock.now() })
        if (report.online && !report.busy) this.lastOnline.set(device.id, report)
        return report
      })
      .finally(() => this.running.delete(device.id))
    this.running.set(device.id, check)
    return check
  }

  private async check(device: Device): Promise<DeviceStatusReport> {
    const { clock, directory, webhooks } = this.deps
    const started = clock.now()
    const budget = AbortSignal.timeout(this.budgetMs)
    const call = (): CallOptions => ({
      signal: budget,
      timeoutMs: Math.max(1, started + this.budgetMs - clock.now()),
    })
    // the first read: silence for answerMs means offline, however long the budget
    const firstAnswer = AbortSignal.any([budget, AbortSignal.timeout(this.answerMs)])
    const answerCall = (): CallOptions => ({
      signal: firstAnswer,
      timeoutMs: Math.max(1, started + this.answerMs - clock.now()),
    })
    const base: DeviceStatusReport = {
      id: device.id,
      name: device.name,
      direction: device.direction ?? null,
      online: false,
      checkedAt: new Date(started).toISOString(),
      clock: null,
      webhook: null,
    }
    const took = () => ({ tookMs: Math.round(clock.now() - started) })

    let client: IsapiClient
    try {
      client = this.deps.clients.get(device.id)
    } catch (error) {
      return { ...base, ...failure(error, budget), ...took() }
    }
    // Busy with an enrolment: queuing behind a minute of face uploads would blow the budget.
    const last = this.lastOnline.get(device.id)
    if (client.pending > 0 && last) return { ...last, busy: true }

    const urls = directory.forCheck(Math.min(1_500, this.budgetMs / 2))
    let info
    try {
      info = await client.deviceInfo(answerCall())
    } catch (error) {
      return { ...base, ...failure(error, firstAnswer), ...took() }
    }
    this.deps.devices.recordSeen?.(device.id, {
      ...(info.model ? { model: info.model } : {}),
      ...(info.firmwareVersion ? { firmware: info.firmwareVersion } : {}),
    })

    const [time, counts, caps, webhook, lastEvent] = await Promise.allSettled([
      readDeviceClock(client, clock, call()),
      countPeople(client, call),
      client.capabilities(call()),
      urls.then((known) => webhooks.inspect(client, device, known, call())),
      client.searchEvents({ max: 1, timeReverseOrder: true }, call()).then((page) => page.events[0] ?? null),
    ])
    const capabilities = value(caps)
    const people = value(counts)
    const hook: DeviceWebhook | null = value(webhook)
    const clockRead = value(time)
    const outcomes = [time, counts, caps, webhook, lastEvent]
    return {
      ...base,
      online: true,
      deviceInfo: publicDeviceInfo(info),
      userCount: people?.users ?? null,
      faceCount: people?.faces ?? null,
      userCapacity: capabilities?.users?.maxRecords ?? null,
      faceCapacity: faceCapacity(capabilities),
      timeDriftSec: clockRead?.driftSec ?? null,
      clock: clockRead,
      webhook: hook,
      webhookInSync: hook?.expected ? hook.inSync : null,
      lastEventAt: value(lastEvent)?.time ?? null,
      ...(outcomes.some((o) => o.status === 'rejected' && cutOffByTime(o.reason, budget))
        ? { partial: true }
        : {}),
      ...took(),
    }
  }
}

/** People, and faces: from the people count where the firmware counts them, else from the face library. */
async function countPeople(
  client: IsapiClient,
  call: () => CallOptions,
): Promise<{ users: number; faces: number | null }> {
  const count: UserCount = await client.countUsers(call())
  if (count.usersWithFace !== undefined) return { users: count.users, faces: count.usersWithFace }
  const faces = await client.searchFaces({ max: 1 }, call()).then(
    (page) => page.total,
    () => null,
  )
  return { users: count.users, faces }
}

function faceCapacity(caps: DeviceCapabilities | null): number | null {
  if (!caps) return null
  if (caps.accessControl && !caps.accessControl.faceLib && !caps.faces) return null
  return caps.faces?.maxRecords ?? caps.users?.maxRecords ?? null
}

const TIMEOUT_CAUSES = new Set(['timeout', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT'])

/**
 * A read that failed for want of time: the budget ran out, or the read's own deadline (the budget left)
 * fired. The two may fire in either order, and a timer may even fire early against the wall clock (libuv
 * starts it from the loop's cached time), so the error is asked what stopped it, not the clock.
 */
function cutOffByTime(reason: unknown, budget: AbortSignal): boolean {
  if (budget.aborted) return true
  if (reason instanceof AppError) {
    const cause = (reason.extra.details as { cause?: unknown } | undefined)?.cause
    return reason.code === 'device_unreachable' && typeof cause === 'string' && TIMEOUT_CAUSES.has(cause)
  }
  return reason instanceof Error && reason.name === 'TimeoutError'
}

function value<T>(outcome: PromiseSettledResult<T>): T | null {
  return outcome.status === 'fulfilled' ? outcome.value : null
}

function failure(error: unknown, budget: AbortSignal): Pick<DeviceStatusReport, 'online' | 'error'> {
  if (error instanceof AppError) {
    return { online: !NOT_REACHED.has(error.code), error: { code: error.code, message: error.message } }
  }
  if (budget.aborted) {
    return {
      online: false,
      error: { code: 'device_unreachable', message: 'The device did not answer within the check time' },
    }
  }
  return { online: false, error: { code: 'internal', message: 'The device could not be checked' } }
}
