import type { Device } from '../../../shared/api/devices'
import type {
  DeviceSettings,
  DoorSection,
  EventHostSection,
  FaceLibrarySection,
  FieldsSection,
  Ipv4Section,
  NetworkSection,
  TimeSection,
} from '../../../shared/api/device-settings'
import type { DeviceWebhook } from '../../../shared/api/webhooks'
import { ipv4Of, type DeviceCapabilities, type DeviceInfoResult, type IsapiClient } from '../../isapi'
import { readDeviceClock, type ClockReference } from '../device-time/device-clock'
import { serverView } from '../device-time/ntp-apply'
import { probeNtp } from '../device-time/ntp-support'
import { readFieldsSection } from './field-sections'
import { sectionSpecs, type ResourceSpec } from './field-specs'
import { notSupported, quietly, readSection } from './sections'

export interface OverviewDeps {
  clock: ClockReference
  /** the event host section: what the device posts to against what it should (DeviceWebhooks.read fits) */
  webhook: (deviceId: string) => Promise<DeviceWebhook>
  schoolNtpServer: string | null
  /** the listening slot whose event subscription the events section edits */
  eventSlot: () => Promise<string>
  moveWaitMs: number
}

/**
 * Everything the settings page shows about one device. deviceInfo must answer (an unreachable device fails
 * the whole read); each other section is probed by capability first and stands on its own.
 */
export async function readSettings(
  client: IsapiClient,
  device: Device,
  deps: OverviewDeps,
): Promise<DeviceSettings> {
  const info = await client.deviceInfo()
  const caps = await quietly(() => client.capabilities())
  const users = await quietly(() => client.countUsers())
  const faceLibrary = await readFaceLibrary(client, caps)
  return {
    deviceId: device.id,
    name: device.name,
    checkedAt: new Date(deps.clock.now()).toISOString(),
    overview: overviewOf(info),
    capacity: {
      users: { used: users?.users ?? null, max: caps?.users?.maxRecords ?? null },
      faces: {
        used: faceLibrary.supported ? faceLibrary.faces : (users?.usersWithFace ?? null),
        max: caps?.faces?.maxRecords ?? null,
      },
    },
    time: await readTime(client, deps.clock),
    network: await readSection<Extract<NetworkSection, { supported: true }>>(
      'The device does not report its network interfaces',
      async () => {
        const ports = await client.getNetworkInterfaces()
        return (
          ports && { supported: true, interfaces: ports.map(({ ipVersion: _, duplex: __, ...port }) => port) }
        )
      },
    ),
    eventHost: await readSection<Extract<EventHostSection, { supported: true }>>(
      'The device has no event listening host (httpHosts)',
      async () => ({ supported: true, webhook: await deps.webhook(device.id) }),
    ),
    faceLibrary,
    door: doorSection(info, caps),
    doorParams: await fieldsOf(client, sectionSpecs('door', '1')),
    faceRecognition: await fieldsOf(client, sectionSpecs('face', '1')),
    eventTypes: await fieldsOf(client, sectionSpecs('events', await deps.eventSlot())),
    ipv4: await readIpv4(client, deps.moveWaitMs),
    schoolNtpServer: deps.schoolNtpServer,
  }
}

/** A fields section; a device error in it is this section's own (`read_failed`). */
function fieldsOf(client: IsapiClient, specs: ResourceSpec[]): Promise<FieldsSection> {
  return readSection<Extract<FieldsSection, { supported: true }>>(
    'The device offers none of these settings',
    async () => {
      const section = await readFieldsSection(client, specs)
      return section.supported ? section : null
    },
  )
}

async function readIpv4(client: IsapiClient, moveWaitMs: number): Promise<Ipv4Section> {
  return readSection<Extract<Ipv4Section, { supported: true }>>(
    'The device does not let its network be set remotely',
    async () => {
      const resource = await client.getIpv4('1')
      if (!resource) return null
      const caps = await quietly(() => client.ipv4Capabilities('1'))
      return {
        supported: true,
        portId: '1',
        settings: ipv4Of(resource),
        addressingTypes: caps?.addressingTypes ?? [],
        moveWaitSec: Math.round(moveWaitMs / 1000),
      }
    },
  )
}

function overviewOf(info: DeviceInfoResult): DeviceSettings['overview'] {
  return {
    model: info.model ?? null,
    firmwareVersion: info.firmwareVersion ?? null,
    firmwareReleasedDate: info.firmwareReleasedDate ?? null,
    serialNumber: info.serialNumber ?? null,
    macAddress: info.macAddress ?? null,
    deviceType: info.deviceType ?? null,
    deviceName: info.deviceName ?? null,
  }
}

async function readTime(client: IsapiClient, clock: ClockReference): Promise<TimeSection> {
  return readSection<Extract<TimeSection, { supported: true }>>(
    'The device does not report its clock',
    async () => {
      const deviceClock = await readDeviceClock(client, clock)
      const support = await probeNtp(client)
      return {
        supported: true,
        clock: deviceClock,
        timeModes: support.timeModes,
        ntp: support.supported
          ? { supported: true, servers: support.servers.map(serverView) }
          : notSupported(support.detail),
      }
    },
  )
}

async function readFaceLibrary(
  client: IsapiClient,
  caps: DeviceCapabilities | null,
): Promise<FaceLibrarySection> {
  if (caps?.accessControl && !caps.accessControl.faceLib) {
    return notSupported('Access-control capabilities say isSupportFDLib false')
  }
  return readSection<Extract<FaceLibrarySection, { supported: true }>>(
    'The device has no face library',
    async () => {
      const count = await client.countFaceLibrary()
      return (
        count && {
          supported: true,
          faces: count.faces,
          capacity: caps?.faces?.maxRecords ?? null,
          faceLibType: count.faceLibType,
        }
      )
    },
  )
}

function doorSection(info: DeviceInfoResult, caps: DeviceCapabilities | null): DoorSection {
  const remoteDoor = caps?.accessControl?.remoteDoor
  if (remoteDoor === undefined) return notSupported('The device does not report access-control capabilities')
  if (!remoteDoor) return notSupported('Access-control capabilities say isSupportRemoteControlDoor false')
  return { supported: true, doors: info.doorCount ?? 1 }
}
