import ipaddr from 'ipaddr.js'
import type { Device, DeviceCreate, DevicePatch } from '../../../shared/api'
import type { ApiError } from '../../api/errors'

/** What the person fills in on the device form; text inputs keep strings until sent. */
export interface DeviceFormValues {
  name: string
  host: string
  port: string
  scheme: 'http' | 'https'
  username: string
  /** empty while editing means "keep the stored password" */
  password: string
  direction: 'in' | 'out' | ''
  backendId: string
  /** let the proxy log in with Basic if the device offers nothing else */
  allowBasic: boolean
}

export type DeviceField = 'name' | 'host' | 'port' | 'username' | 'password' | 'backendId'

/** An i18n key (and its values) per field that is not right. */
export type DeviceFormErrors = Partial<Record<DeviceField, { key: string; values?: Record<string, unknown> }>>

export const FIELD_ORDER: readonly DeviceField[] = [
  'name',
  'host',
  'port',
  'username',
  'password',
  'backendId',
]

const HOSTNAME =
  /^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/

export function emptyDeviceForm(): DeviceFormValues {
  return {
    name: '',
    host: '',
    port: '',
    scheme: 'http',
    username: 'admin',
    password: '',
    direction: 'in',
    backendId: '',
    allowBasic: false,
  }
}

/** The form filled from a stored device; the password stays empty, since it never leaves the proxy. */
export function formFromDevice(device: Device): DeviceFormValues {
  return {
    name: device.name,
    host: device.host,
    port: String(device.port),
    scheme: device.scheme,
    username: device.username,
    password: '',
    direction: device.direction ?? '',
    backendId: device.backendId ?? '',
    allowBasic: device.allowBasic ?? false,
  }
}

/** An address as pasted, taken apart: `http://127.0.0.1:8080/` → http, 127.0.0.1, 8080. */
export interface PastedAddress {
  host: string
  scheme?: 'http' | 'https'
  port?: string
}

/**
 * Whatever address a person pastes into the host field, split into its parts: a scheme, a port, a path,
 * brackets round IPv6. `127.0.0.1:8000` → host 127.0.0.1, port 8000; a bare IPv6 address stays whole.
 */
export function splitAddress(input: string): PastedAddress {
  const text = input.trim()
  const scheme = /^(https?):\/\//i.exec(text)?.[1]?.toLowerCase() as 'http' | 'https' | undefined
  const rest = text.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/[/?#].*$/, '')
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(rest)
  const hostPort = /^([^:]+):(\d+)$/.exec(rest)
  const [host, port] = bracketed
    ? [bracketed[1] ?? '', bracketed[2]]
    : hostPort
      ? [hostPort[1] ?? '', hostPort[2]]
      : [rest, undefined]
  return { host, ...(scheme ? { scheme } : {}), ...(port ? { port } : {}) }
}

/** The host alone, whatever else came with it. `http://192.168.1.20/` → `192.168.1.20`. */
export function cleanHost(input: string): string {
  return splitAddress(input).host
}

export function isHost(value: string): boolean {
  if (ipaddr.isValid(value)) return true
  return HOSTNAME.test(value) && !/^[\d.]+$/.test(value)
}

/**
 * Every problem at once, in the order the fields appear. `passwordRequired`: a new device, or a stored
 * password that expired (the proxy then refuses to use it until a new one is typed).
 */
export function validateDeviceForm(values: DeviceFormValues, passwordRequired: boolean): DeviceFormErrors {
  const errors: DeviceFormErrors = {}
  const name = values.name.trim()
  if (name === '') errors.name = { key: 'deviceForm.errors.required' }
  else if (name.length > 80) errors.name = { key: 'deviceForm.errors.tooLong', values: { max: 80 } }

  const host = cleanHost(values.host)
  if (host === '') errors.host = { key: 'deviceForm.errors.required' }
  else if (!isHost(host)) errors.host = { key: 'deviceForm.errors.host' }

  const port = values.port.trim()
  if (port !== '' && !(/^\d{1,5}$/.test(port) && Number(port) >= 1 && Number(port) <= 65535)) {
    errors.port = { key: 'deviceForm.errors.port' }
  }

  const username = values.username.trim()
  if (username === '') errors.username = { key: 'deviceForm.errors.required' }
  else if (username.length > 64) errors.username = { key: 'deviceForm.errors.tooLong', values: { max: 64 } }

  if (values.password === '' && passwordRequired) errors.password = { key: 'deviceForm.errors.required' }
  else if (values.password.length > 128) {
    errors.password = { key: 'deviceForm.errors.tooLong', values: { max: 128 } }
  }

  if (values.backendId.trim().length > 64) {
    errors.backendId = { key: 'deviceForm.errors.tooLong', values: { max: 64 } }
  }
  return errors
}

export function toDeviceCreate(values: DeviceFormValues): DeviceCreate {
  const port = values.port.trim()
  return {
    name: values.name.trim(),
    host: cleanHost(values.host),
    scheme: values.scheme,
    username: values.username.trim(),
    password: values.password,
    ...(port ? { port: Number(port) } : {}),
    ...(values.direction ? { direction: values.direction } : {}),
    backendId: values.backendId.trim() || null,
    allowBasic: values.allowBasic,
  }
}

/**
 * Whether the form asks about Basic: always for a new device, and for a stored one when its address is
 * being changed (the proxy forgets the allowance with the old address) or Basic is allowed now.
 */
export function asksAboutBasic(values: DeviceFormValues, device: Device | null): boolean {
  return device === null || addressChanged(values, device) || device.allowBasic === true
}

function addressChanged(values: DeviceFormValues, device: Device): boolean {
  const port = values.port.trim() ? Number(values.port.trim()) : values.scheme === 'https' ? 443 : 80
  return cleanHost(values.host) !== device.host || port !== device.port || values.scheme !== device.scheme
}

/** Only what changed against the stored device; a password only when one was typed. */
export function toDevicePatch(values: DeviceFormValues, device: Device): DevicePatch {
  const next = toDeviceCreate(values)
  const patch: DevicePatch = {}
  if (next.name !== device.name) patch.name = next.name
  if (next.host !== device.host) patch.host = next.host
  const port = next.port ?? (next.scheme === 'https' ? 443 : 80)
  if (port !== device.port) patch.port = port
  if (next.scheme !== device.scheme) patch.scheme = next.scheme
  if (next.username !== device.username) patch.username = next.username
  if (values.password !== '') patch.password = values.password
  if (next.direction !== undefined && next.direction !== device.direction) patch.direction = next.direction
  if ((next.backendId ?? null) !== device.backendId) patch.backendId = next.backendId ?? null
  // a new address clears the allowance unless it is given again; said each time so nothing is implied
  if (addressChanged(values, device) || values.allowBasic !== (device.allowBasic ?? false)) {
    patch.allowBasic = values.allowBasic
  }
  return patch
}

/** Which field a refusal from the proxy is about, so the message appears under it. */
export function fieldOfError(error: ApiError): DeviceField | null {
  switch (error.code) {
    case 'validation_failed':
      return FIELD_ORDER.find((field) => field === error.field) ?? null
    case 'host_not_allowed':
    case 'conflict':
      return 'host'
    case 'device_auth_failed':
    case 'credentials_expired':
      return 'password'
    default:
      return null
  }
}

/** True when the stored password may no longer be used: the form must ask for it again. */
export function passwordExpired(device: Device | null, now: Date = new Date()): boolean {
  if (!device) return false
  if (!device.hasPassword) return true
  return device.credentialsExpiresAt !== null && Date.parse(device.credentialsExpiresAt) <= now.getTime()
}
