import type {
  DeviceSettings as DeviceSettingsView,
  DoorOpenRequest,
  DoorOpenResult,
  NtpSettingsResult,
  NtpSettingsWrite,
} from '../../../shared/api/device-settings'
import {
  DoorOpenRequest as DoorOpenSchema,
  NtpSettingsWrite as NtpWriteSchema,
} from '../../../shared/api/device-settings'
import type { DeviceWebhook } from '../../../shared/api/webhooks'
import { AppError } from '../../../shared/errors'
import type { ClockReference } from '../device-time/device-clock'
import { applyNtp } from '../device-time/ntp-apply'
import { probeNtp } from '../device-time/ntp-support'
import type { ClientSource, DeviceSource } from '../device-source'
import { readSettings } from './overview'

export interface DeviceSettingsDeps {
  devices: DeviceSource
  clients: ClientSource
  clock: ClockReference
  webhook: (deviceId: string) => Promise<DeviceWebhook>
  schoolNtpServer: string | null
  /** told after a write, so cached status reports are read again */
  onChanged?: (deviceId: string) => void
}

/** The device settings page: read everything, write NTP safely, test the door. */
export class DeviceSettings {
  constructor(private readonly deps: DeviceSettingsDeps) {}

  async read(deviceId: string): Promise<DeviceSettingsView> {
    const device = this.deps.devices.get(deviceId)
    return readSettings(this.deps.clients.get(deviceId), device, this.deps)
  }

  /**
   * NTP server, interval and time mode, kept only when the device reads back what was written; otherwise
   * the snapshot taken first is put back and the answer is `device_not_applied`.
   */
  async writeNtp(deviceId: string, input: NtpSettingsWrite): Promise<NtpSettingsResult> {
    this.deps.devices.get(deviceId)
    const want = NtpWriteSchema.parse(input)
    const client = this.deps.clients.get(deviceId)
    const support = await probeNtp(client)
    if (!support.supported) throw notSupported('This device model has no NTP client', support.detail)
    if (!support.timeModes.includes(want.timeMode) && support.timeModes.length > 0) {
      throw new AppError(
        'validation_failed',
        `This device offers the time modes ${support.timeModes.join(', ')}`,
        {
          field: 'timeMode',
        },
      )
    }
    try {
      const { before, after } = await applyNtp(client, want)
      return { before, after, verified: true }
    } finally {
      this.deps.onChanged?.(deviceId)
    }
  }

  /**
   * Sends "open" to a door relay. Nothing about a door can be read back: the device's OK is all there is,
   * and a person at the door confirms that it opened. A model without a relay is refused before sending.
   */
  async openDoor(deviceId: string, input: DoorOpenRequest = {}): Promise<DoorOpenResult> {
    this.deps.devices.get(deviceId)
    const { doorId } = DoorOpenSchema.parse(input)
    const client = this.deps.clients.get(deviceId)
    const caps = await client.capabilities()
    if (caps.accessControl && !caps.accessControl.remoteDoor) {
      throw notSupported(
        'This device model cannot open its door remotely',
        'isSupportRemoteControlDoor false',
      )
    }
    await client.remoteControlDoor(doorId, 'open')
    return { doorId, command: 'open', sent: true, readBack: false }
  }
}

function notSupported(message: string, detail: string): AppError {
  return new AppError('device_rejected', message, {
    subStatusCode: 'notSupport',
    details: { reason: 'not_supported', detail },
  })
}
