import type { DeviceClock, TimeSyncNtp, TimeSyncResult } from '../../../shared/api/status'
import { AppError } from '../../../shared/errors'
import { posixTimeZone, type IsapiClient } from '../../isapi'
import type { ClientSource, DeviceSource } from '../device-source'
import { readDeviceClock, syncDeviceClock, type ClockReference } from './device-clock'
import { applyNtp } from './ntp-apply'
import { probeNtp } from './ntp-support'
import { utcOffsetMinutesAt } from './school-zone'

export interface DeviceClocksDeps {
  devices: DeviceSource
  clients: ClientSource
  clock: ClockReference
  /** the school's NTP server (SR_NTP_SERVER): written into devices that have an NTP client; null = none */
  ntpServer?: string | null
  /** told after a clock was set, so cached status reports do not show the old drift */
  onChanged?: (deviceId: string) => void
}

/** Minutes between NTP synchronisations when the device had none set: daily. */
const DEFAULT_SYNC_INTERVAL_MIN = 1440

/** Reading and setting the clocks of registered devices. */
export class DeviceClocks {
  constructor(private readonly deps: DeviceClocksDeps) {}

  async read(deviceId: string): Promise<DeviceClock> {
    this.deps.devices.get(deviceId)
    return readDeviceClock(this.deps.clients.get(deviceId), this.deps.clock)
  }

  /**
   * Sets the clock by hand first (right at once, whatever happens next), then, where the school has an NTP
   * server and the model an NTP client, writes that server and lets the device follow it. The answer says
   * which of those happened; an NTP write the device did not keep leaves the clock set and says `failed`.
   */
  async sync(deviceId: string): Promise<TimeSyncResult> {
    this.deps.devices.get(deviceId)
    const client = this.deps.clients.get(deviceId)
    try {
      const result = await syncDeviceClock(client, this.deps.clock)
      const ntp = await this.syncNtp(client)
      if (ntp.status !== 'set') return { ...result, ntp }
      const clock = await readDeviceClock(client, this.deps.clock)
      return { timeDriftSec: clock.driftSec, clock, ntp }
    } finally {
      this.deps.onChanged?.(deviceId)
    }
  }

  private async syncNtp(client: IsapiClient): Promise<TimeSyncNtp> {
    const server = this.deps.ntpServer
    if (!server) return { status: 'not_configured' }
    try {
      const support = await probeNtp(client)
      if (!support.supported) return { status: 'not_supported' }
      const offset = utcOffsetMinutesAt(this.deps.clock.timeZone, this.deps.clock.now())
      const applied = await applyNtp(client, {
        server,
        portNo: 123,
        synchronizeIntervalMin: support.servers[0]?.synchronizeInterval ?? DEFAULT_SYNC_INTERVAL_MIN,
        timeMode: 'NTP',
        timeZone: posixTimeZone(offset),
      })
      return { status: 'set', server, timeMode: applied.after.timeMode }
    } catch (error) {
      if (!(error instanceof AppError)) throw error
      return { status: 'failed', server, error: { code: error.code, message: error.message } }
    }
  }
}
