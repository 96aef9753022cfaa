import type { DeviceClock, TimeSyncResult } from '../../../shared/api/status'
import type { ClientSource, DeviceSource } from '../device-source'
import { readDeviceClock, syncDeviceClock, type ClockReference } from './device-clock'

export interface DeviceClocksDeps {
  devices: DeviceSource
  clients: ClientSource
  clock: ClockReference
  /** told after a clock was set, so cached status reports do not show the old drift */
  onChanged?: (deviceId: string) => void
}

/** Reading and setting the clocks of registered devices. */
export class DeviceClocks {
  constructor(private readonly deps: DeviceClocksDeps) {}

  async read(deviceId: string): Promise<DeviceClock> {
    this.deps.devices.get(deviceId)
    return readDeviceClock(this.deps.clients.get(deviceId), this.deps.clock)
  }

  async sync(deviceId: string): Promise<TimeSyncResult> {
    this.deps.devices.get(deviceId)
    try {
      return await syncDeviceClock(this.deps.clients.get(deviceId), this.deps.clock)
    } finally {
      this.deps.onChanged?.(deviceId)
    }
  }
}
