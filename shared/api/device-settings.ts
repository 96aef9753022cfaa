import { z } from 'zod'
import { DeviceClock } from './status'
import { DeviceWebhook, ResultError } from './webhooks'

/**
 * Why a settings section is shown read-only without data: the model lacks the feature (its capabilities
 * say so, or it refused the endpoint as unsupported), or the device did not answer that part just now.
 */
export const SettingsUnavailableReason = z.enum(['not_supported', 'read_failed'])
export type SettingsUnavailableReason = z.infer<typeof SettingsUnavailableReason>

export const SettingsUnavailable = z.object({
  supported: z.literal(false),
  reason: SettingsUnavailableReason,
  /** a short English note for logs and support; the UI words the reason itself */
  detail: z.string(),
  /** for `read_failed`: what went wrong */
  error: ResultError.optional(),
})
export type SettingsUnavailable = z.infer<typeof SettingsUnavailable>

/** A section: its data with `supported: true`, or why there is none. */
function section<T extends z.ZodRawShape>(shape: T) {
  return z.discriminatedUnion('supported', [
    z.object({ supported: z.literal(true), ...shape }),
    SettingsUnavailable,
  ])
}

/** One NTP server slot as the device keeps it. */
export const NtpServerView = z.object({
  id: z.string(),
  /** host name or IP address; '' when the slot is empty */
  server: z.string(),
  addressingFormatType: z.string(),
  portNo: z.number().nullable(),
  /** minutes between synchronisations, when the device says */
  synchronizeIntervalMin: z.number().nullable(),
})
export type NtpServerView = z.infer<typeof NtpServerView>

export const NtpSection = section({ servers: z.array(NtpServerView) })
export type NtpSection = z.infer<typeof NtpSection>

export const TimeSection = section({
  clock: DeviceClock,
  /** the modes the device offers (`NTP`, `manual`); empty when it does not say */
  timeModes: z.array(z.string()),
  ntp: NtpSection,
})
export type TimeSection = z.infer<typeof TimeSection>

export const NetworkPort = z.object({
  id: z.string(),
  addressingType: z.string().optional(),
  ipAddress: z.string().optional(),
  subnetMask: z.string().optional(),
  gateway: z.string().optional(),
  dns: z.array(z.string()),
  macAddress: z.string().optional(),
  speedMbps: z.number().optional(),
  mtu: z.number().optional(),
})
export type NetworkPort = z.infer<typeof NetworkPort>

export const NetworkSection = section({ interfaces: z.array(NetworkPort) })
export type NetworkSection = z.infer<typeof NetworkSection>

export const EventHostSection = section({ webhook: DeviceWebhook })
export type EventHostSection = z.infer<typeof EventHostSection>

export const FaceLibrarySection = section({
  faces: z.number(),
  /** how many faces fit, when the device says */
  capacity: z.number().nullable(),
  faceLibType: z.string(),
})
export type FaceLibrarySection = z.infer<typeof FaceLibrarySection>

export const DoorSection = section({
  /** doors the terminal drives (`electroLockNum`, 1 when it does not say) */
  doors: z.number(),
})
export type DoorSection = z.infer<typeof DoorSection>

/** `PUT /api/devices/:id/settings/ntp` */
export const NtpSettingsWrite = z.object({
  /** host name or IPv4/IPv6 address */
  server: z.string().trim().min(1).max(64),
  portNo: z.number().int().min(1).max(65535).default(123),
  /** minutes, 1–10800 (the device's range) */
  synchronizeIntervalMin: z.number().int().min(1).max(10_800).default(1440),
  /** NTP: the device follows the server; manual: the server is kept but the device keeps its own clock */
  timeMode: z.enum(['NTP', 'manual']).default('NTP'),
})
export type NtpSettingsWrite = z.input<typeof NtpSettingsWrite>

/** The device's NTP settings as read back after a write (a write is only answered when they match). */
export const NtpSettingsState = z.object({
  server: NtpServerView,
  timeMode: z.string(),
  timeZone: z.string(),
})
export type NtpSettingsState = z.infer<typeof NtpSettingsState>

export const NtpSettingsResult = z.object({
  /** read back from the device after the write */
  after: NtpSettingsState,
  /** the snapshot taken before the write (what an automatic restore would put back) */
  before: NtpSettingsState.nullable(),
  verified: z.literal(true),
})
export type NtpSettingsResult = z.infer<typeof NtpSettingsResult>

/** `POST /api/devices/:id/door/open`; the body may be empty (door 1). */
export const DoorOpenRequest = z.object({ doorId: z.number().int().min(1).max(65_535).default(1) })
export type DoorOpenRequest = z.input<typeof DoorOpenRequest>

export const DoorOpenResult = z.object({
  doorId: z.number(),
  command: z.literal('open'),
  /** the device answered OK */
  sent: z.literal(true),
  /** always false: a door cannot be read back, a person at the door confirms it */
  readBack: z.literal(false),
})
export type DoorOpenResult = z.infer<typeof DoorOpenResult>

/** A value of a door, face-recognition or event setting: a number, a switch, a choice or a set of choices. */
export const SettingValue = z.union([z.number(), z.boolean(), z.string(), z.array(z.string())])
export type SettingValue = z.infer<typeof SettingValue>

/** One setting with the range or choices the device's capability document allows. */
export const SettingField = z.object({
  /** the device's own member name (`openDuration`, `faceMatchThresholdN`, `eventTypes`) */
  key: z.string(),
  kind: z.enum(['int', 'bool', 'enum', 'set']),
  value: SettingValue,
  min: z.number().optional(),
  max: z.number().optional(),
  options: z.array(z.string()).optional(),
})
export type SettingField = z.infer<typeof SettingField>

export const FieldsSection = section({ fields: z.array(SettingField) })
export type FieldsSection = z.infer<typeof FieldsSection>

export const FieldsSectionName = z.enum(['door', 'face', 'events'])
export type FieldsSectionName = z.infer<typeof FieldsSectionName>

/** `PUT /api/devices/:id/settings/{door,face,events}`: only the values to change. */
export const FieldsWrite = z.object({
  values: z.record(z.string().max(64), SettingValue).refine((values) => Object.keys(values).length > 0, {
    message: 'give at least one value',
  }),
})
export type FieldsWrite = z.infer<typeof FieldsWrite>

export const FieldsWriteResult = z.object({
  /** the snapshot taken before the write */
  before: z.record(z.string(), SettingValue),
  /** read back from the device after the write */
  after: z.record(z.string(), SettingValue),
  verified: z.literal(true),
})
export type FieldsWriteResult = z.infer<typeof FieldsWriteResult>

const ipv4 = z.ipv4()

/** A port's IPv4 settings as the device keeps them. */
export const Ipv4State = z.object({
  addressingType: z.string(),
  ipAddress: z.string(),
  subnetMask: z.string(),
  gateway: z.string(),
  dns: z.array(z.string()),
})
export type Ipv4State = z.infer<typeof Ipv4State>

export const Ipv4Section = section({
  portId: z.string(),
  settings: Ipv4State,
  /** `static`, `dynamic` (DHCP): what the capability document offers; empty when it does not say */
  addressingTypes: z.array(z.string()),
  /** how long the proxy looks for the terminal at its new address */
  moveWaitSec: z.number(),
})
export type Ipv4Section = z.infer<typeof Ipv4Section>

/** `PUT /api/devices/:id/settings/network` */
export const NetworkWrite = z
  .object({
    dhcp: z.boolean().default(false),
    ipAddress: ipv4,
    subnetMask: ipv4,
    gateway: ipv4,
    dns: z.array(ipv4).max(2).default([]),
  })
  .strict()
export type NetworkWrite = z.input<typeof NetworkWrite>

const Address = z.object({ host: z.string(), port: z.number() })

export const NetworkWriteResult = z.object({
  before: Ipv4State,
  after: Ipv4State,
  /** where the proxy now speaks to the terminal (the registry was updated) */
  address: Address,
  previousAddress: Address,
  serialNumber: z.string().nullable(),
  verified: z.literal(true),
})
export type NetworkWriteResult = z.infer<typeof NetworkWriteResult>

/** One resource the expert editor may open: listed because the device's capabilities name it. */
export const ExpertResource = z.object({
  path: z.string(),
  /** the capability flag that lists it */
  flag: z.string(),
})
export type ExpertResource = z.infer<typeof ExpertResource>

export const ExpertResourceList = z.object({ resources: z.array(ExpertResource) })
export type ExpertResourceList = z.infer<typeof ExpertResourceList>

export const ExpertDocument = z.object({
  path: z.string(),
  format: z.enum(['xml', 'json']),
  text: z.string(),
})
export type ExpertDocument = z.infer<typeof ExpertDocument>

/** `PUT /api/devices/:id/settings/expert` */
export const ExpertWrite = z.object({
  path: z.string().min(1).max(200),
  text: z
    .string()
    .min(1)
    .max(256 * 1024),
})
export type ExpertWrite = z.infer<typeof ExpertWrite>

export const ExpertWriteResult = z.object({
  path: z.string(),
  format: z.enum(['xml', 'json']),
  /** the snapshot taken before the write, as the device printed it (what one-tap restore sends) */
  before: z.string(),
  /** read back after the write */
  after: z.string(),
  verified: z.literal(true),
})
export type ExpertWriteResult = z.infer<typeof ExpertWriteResult>

const Used = z.object({ used: z.number().nullable(), max: z.number().nullable() })

/** `GET /api/devices/:id/settings`: everything the settings page shows, each part probed first. */
export const DeviceSettings = z.object({
  deviceId: z.string(),
  name: z.string(),
  checkedAt: z.string(),
  overview: z.object({
    model: z.string().nullable(),
    firmwareVersion: z.string().nullable(),
    firmwareReleasedDate: z.string().nullable(),
    serialNumber: z.string().nullable(),
    macAddress: z.string().nullable(),
    deviceType: z.string().nullable(),
    deviceName: z.string().nullable(),
  }),
  /** people and faces on the device against what fits */
  capacity: z.object({ users: Used, faces: Used }),
  time: TimeSection,
  network: NetworkSection,
  eventHost: EventHostSection,
  faceLibrary: FaceLibrarySection,
  door: DoorSection,
  /** door open duration, magnetic contact, verification mode */
  doorParams: FieldsSection,
  /** face match thresholds and liveness */
  faceRecognition: FieldsSection,
  /** which notifications the terminal posts to its event host */
  eventTypes: FieldsSection,
  /** the first port's IPv4 settings, writable */
  ipv4: Ipv4Section,
  /** the school's NTP server (SR_NTP_SERVER), offered as the default in the form; null when not set */
  schoolNtpServer: z.string().nullable(),
})
export type DeviceSettings = z.infer<typeof DeviceSettings>
