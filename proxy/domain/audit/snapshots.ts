/**
 * What the audit trail may keep of each thing it sees. Each snapshot copies only the fields named here
 * (an allow-list): a field added to a device, a registration or an answer later stays out of the trail
 * until someone decides it is safe, so a password, a token, a pairing code, a webhook secret or a photo
 * can never slip in by being new.
 */

import { cutText } from '../../store/text-cut'

type Fields = readonly string[]
type Plain = Record<string, unknown>

const MAX_TEXT = 300
const MAX_ITEMS = 100

const DEVICE: Fields = [
  'id',
  'name',
  'host',
  'port',
  'scheme',
  'username',
  'hasPassword',
  'credentialsExpiresAt',
  'deviceId',
  'backendId',
  'direction',
  'model',
  'firmware',
]
const STUDENT: Fields = ['firstName', 'lastName', 'fatherName', 'gender', 'classId', 'backendStudentId']
const OUTCOME_ERROR: Fields = ['code', 'message', 'subStatusCode']
const TOKEN: Fields = ['id', 'name', 'role', 'createdAt', 'revokedAt']
const JOB: Fields = [
  'id',
  'type',
  'state',
  'total',
  'done',
  'skipped',
  'failed',
  'sourceDeviceId',
  'targetDeviceId',
  'startedAt',
  'finishedAt',
  'warning',
]

/** Copies the named fields that hold plain values (text, numbers, yes/no, null); nothing nested. */
export function pick(value: unknown, fields: Fields): Plain | null {
  if (!isObject(value)) return null
  const out: Plain = {}
  for (const field of fields) {
    const item = value[field]
    if (item === undefined) continue
    const plain = plainValue(item)
    if (plain !== undefined) out[field] = plain
  }
  return out
}

export function deviceSnapshot(device: unknown): Plain | null {
  return pick(device, DEVICE)
}

/** The fields a device create or change asked for: never the password, only whether one was given. */
export function deviceInputSnapshot(body: unknown): Plain | null {
  const fields = pick(body, DEVICE)
  if (!fields || !isObject(body)) return fields
  return 'password' in body ? { ...fields, passwordChanged: true } : fields
}

export function studentSnapshot(student: unknown): Plain | null {
  return pick(student, STUDENT)
}

/** A registration's answer: the number, the name and each device's outcome (never the photo). */
export function registrationSnapshot(registration: unknown): Plain | null {
  if (!isObject(registration)) return null
  const backend = pick(registration.backend, ['status', 'provisioningId'])
  return {
    ...pick(registration, ['employeeNo', 'clientId', 'status', 'name']),
    devices: list(registration.devices).map((outcome) => ({
      ...pick(outcome, ['deviceId', 'status']),
      ...(isObject(outcome) && outcome.error ? { error: pick(outcome.error, OUTCOME_ERROR) } : {}),
    })),
    ...(backend ? { backend } : {}),
  }
}

/** A stored registration: the student's fields and the devices holding it. */
export function storedRegistrationSnapshot(
  record: { employeeNo: string; student: unknown; deviceIds: readonly string[] } | undefined,
): Plain | null {
  if (!record) return null
  return {
    employeeNo: record.employeeNo,
    student: studentSnapshot(record.student),
    deviceIds: record.deviceIds.slice(0, MAX_ITEMS),
  }
}

export function tokenSnapshot(token: unknown): Plain | null {
  return pick(token, TOKEN)
}

export function jobSnapshot(job: unknown): Plain | null {
  if (!isObject(job)) return null
  const lastError = pick(job.lastError, ['code', 'message', 'employeeNo'])
  return { ...pick(job, JOB), ...(lastError ? { lastError } : {}) }
}

/** A device's event host: whether it points at the school server and which slot; never the URL (it holds the secret). */
export function webhookSnapshot(view: unknown): Plain | null {
  return pick(view, ['inSync', 'direction', 'gap', 'slots', 'slotId'])
}

export function webhookApplyAllSnapshot(results: unknown): Plain[] {
  return list(results).map((item) => ({
    ...pick(item, ['deviceId', 'name', 'inSync']),
    ...(isObject(item) && item.error ? { error: pick(item.error, OUTCOME_ERROR) } : {}),
  }))
}

export function clockSnapshot(result: unknown): Plain | null {
  if (!isObject(result)) return null
  return {
    ...pick(result, ['timeDriftSec', 'previousTimeMode']),
    clock: pick(result.clock, ['deviceTime', 'timeZone', 'timeMode', 'driftSec', 'zoneMatches']),
    ...(isObject(result.ntp) ? { ntp: pick(result.ntp, ['status', 'server', 'timeMode']) } : {}),
  }
}

/** A device's NTP settings (`NtpSettingsState`): server slot, time mode and zone. */
export function ntpSettingsSnapshot(state: unknown): Plain | null {
  if (!isObject(state)) return null
  return {
    ...pick(state, ['timeMode', 'timeZone']),
    server: pick(state.server, ['id', 'server', 'portNo', 'synchronizeIntervalMin']),
  }
}

/** What an NTP settings write asked for. */
export function ntpWriteSnapshot(body: unknown): Plain | null {
  return pick(body, ['server', 'portNo', 'synchronizeIntervalMin', 'timeMode'])
}

export function doorOpenSnapshot(result: unknown): Plain | null {
  return pick(result, ['doorId', 'command', 'sent', 'readBack'])
}

export function deviceTestSnapshot(result: unknown): Plain | null {
  if (!isObject(result)) return null
  return {
    ...pick(result, ['ok', 'authScheme', 'latencyMs']),
    deviceInfo: pick(result.deviceInfo, ['model', 'serialNumber', 'firmwareVersion', 'deviceName']),
  }
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value.slice(0, MAX_ITEMS) : []
}

function plainValue(value: unknown): unknown {
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return value
  if (typeof value === 'string') return cutText(value, MAX_TEXT)
  if (Array.isArray(value) && value.every((item) => typeof item === 'string' || typeof item === 'number')) {
    return value.slice(0, MAX_ITEMS)
  }
  return undefined
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

const IPV4: Fields = ['addressingType', 'ipAddress', 'subnetMask', 'gateway', 'dns']
const ADDRESS: Fields = ['host', 'port']

/** A port's IPv4 settings, with the address the proxy spoke to it at when known. */
export function ipv4Snapshot(state: unknown, address?: unknown): Plain | null {
  const picked = pick(state, IPV4)
  if (!picked) return null
  const at = pick(address, ADDRESS)
  return at ? { ...picked, address: at } : picked
}

export function networkWriteSnapshot(body: unknown): Plain | null {
  return pick(body, ['dhcp', 'ipAddress', 'subnetMask', 'gateway', 'dns'])
}

/** Door, face-recognition or event values: device member names with plain values only. */
export function settingValuesSnapshot(values: unknown): Plain | null {
  if (!isObject(values)) return null
  const keys = Object.keys(values)
    .filter((key) => /^[A-Za-z][A-Za-z0-9]{0,63}$/.test(key))
    .slice(0, MAX_ITEMS)
  return pick(values, keys)
}

const MAX_DOCUMENT = 16 * 1024

/**
 * A settings document the expert editor wrote, kept whole (up to 16 KB) so the trail shows the change
 * itself; any password member is blanked, in XML and in JSON.
 */
export function expertDocumentSnapshot(text: unknown): string | null {
  if (typeof text !== 'string') return null
  const blanked = text
    .replace(/(<(\w*password\w*)>)[^<]*(<\/\2>)/gi, '$1******$3')
    .replace(/("\w*password\w*"\s*:\s*)"(?:[^"\\]|\\.)*"/gi, '$1"******"')
  return blanked.length > MAX_DOCUMENT ? `${blanked.slice(0, MAX_DOCUMENT)}…` : blanked
}
