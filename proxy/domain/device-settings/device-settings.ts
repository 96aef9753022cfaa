import type {
  DeviceSettings as DeviceSettingsView,
  DoorOpenRequest,
  DoorOpenResult,
  ExpertDocument,
  ExpertResourceList,
  ExpertWrite,
  ExpertWriteResult,
  FieldsSectionName,
  FieldsWrite,
  FieldsWriteResult,
  NetworkWrite,
  NetworkWriteResult,
  NtpSettingsResult,
  NtpSettingsWrite,
} from '../../../shared/api/device-settings'
import {
  DoorOpenRequest as DoorOpenSchema,
  ExpertWrite as ExpertWriteSchema,
  FieldsWrite as FieldsWriteSchema,
  NtpSettingsWrite as NtpWriteSchema,
} from '../../../shared/api/device-settings'
import type { Device } from '../../../shared/api/devices'
import type { IsapiClient, IsapiTimeouts } from '../../isapi'
import type { DeviceWebhook } from '../../../shared/api/webhooks'
import { AppError } from '../../../shared/errors'
import type { ClockReference } from '../device-time/device-clock'
import { applyNtp } from '../device-time/ntp-apply'
import { probeNtp } from '../device-time/ntp-support'
import type { ClientSource, DeviceSource } from '../device-source'
import { expertResources, readExpert, writeExpert } from './expert'
import { writeFieldsSection } from './field-sections'
import { sectionSpecs } from './field-specs'
import { moveNetwork } from './network-move'
import { readSettings } from './overview'

export interface DeviceSettingsDeps {
  devices: DeviceSource
  clients: ClientSource
  clock: ClockReference
  webhook: (deviceId: string) => Promise<DeviceWebhook>
  schoolNtpServer: string | null
  /** told after a write, so cached status reports are read again */
  onChanged?: (deviceId: string) => void
  /** a throw-away client to a device at another address (after a network change) */
  clientAt: (deviceId: string, host: string, timeouts: Partial<IsapiTimeouts>) => IsapiClient
  /** `host_not_allowed` unless the address lies in SR_DEVICE_NETS */
  checkHost: (host: string) => Promise<void>
  /** points the registry at the device's new address */
  moveDevice: (deviceId: string, host: string) => Promise<Device>
  /** how long the proxy looks for a terminal at its new address (SR_DEVICE_MOVE_WAIT_SEC) */
  moveWaitMs: number
  sleep?: (ms: number) => Promise<void>
}

/** The device settings page: read everything, write NTP safely, test the door. */
export class DeviceSettings {
  constructor(private readonly deps: DeviceSettingsDeps) {}

  async read(deviceId: string): Promise<DeviceSettingsView> {
    const device = this.deps.devices.get(deviceId)
    return readSettings(this.deps.clients.get(deviceId), device, {
      ...this.deps,
      eventSlot: () => this.eventSlot(deviceId),
    })
  }

  /**
   * A port's IPv4 settings, following the terminal to its new address (see moveNetwork); the registry moves
   * only when the same serial number answered there and read back what was asked.
   */
  async writeNetwork(deviceId: string, input: NetworkWrite): Promise<NetworkWriteResult> {
    const device = this.deps.devices.get(deviceId)
    const sleep = this.deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)))
    try {
      return await moveNetwork(device, input, {
        client: this.deps.clients.get(deviceId),
        clientAt: (host, timeouts) => this.deps.clientAt(deviceId, host, timeouts),
        others: this.deps.devices.list().filter((other) => other.id !== deviceId),
        checkHost: this.deps.checkHost,
        moveRegistry: async (host) => {
          await this.deps.moveDevice(deviceId, host)
        },
        waitMs: this.deps.moveWaitMs,
        now: this.deps.clock.now,
        sleep,
      })
    } finally {
      this.deps.onChanged?.(deviceId)
    }
  }

  /** Door, face-recognition or event values, each resource verified and put back on a mismatch. */
  async writeFields(
    deviceId: string,
    section: FieldsSectionName,
    input: FieldsWrite,
  ): Promise<FieldsWriteResult> {
    this.deps.devices.get(deviceId)
    const { values } = FieldsWriteSchema.parse(input)
    const specs = sectionSpecs(section, await this.eventSlot(deviceId))
    try {
      return await writeFieldsSection(this.deps.clients.get(deviceId), specs, values)
    } finally {
      this.deps.onChanged?.(deviceId)
    }
  }

  async expertList(deviceId: string): Promise<ExpertResourceList> {
    this.deps.devices.get(deviceId)
    return { resources: await expertResources(this.deps.clients.get(deviceId)) }
  }

  async expertRead(deviceId: string, path: string): Promise<ExpertDocument> {
    this.deps.devices.get(deviceId)
    return readExpert(this.deps.clients.get(deviceId), path)
  }

  async expertWrite(deviceId: string, input: ExpertWrite): Promise<ExpertWriteResult> {
    this.deps.devices.get(deviceId)
    try {
      return await writeExpert(this.deps.clients.get(deviceId), ExpertWriteSchema.parse(input))
    } finally {
      this.deps.onChanged?.(deviceId)
    }
  }

  /** The listening slot the school's webhook uses (or would): its event subscription is the one edited. */
  private async eventSlot(deviceId: string): Promise<string> {
    const webhook = await this.deps.webhook(deviceId).catch(() => null)
    return webhook?.slotId ?? '1'
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
