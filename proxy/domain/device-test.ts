import type { Device, DeviceTestResult } from '../../shared/api/devices'
import type { DeviceInfoResult } from '../isapi'
import type { DeviceClients } from './device-clients'
import type { DeviceRegistry } from './device-registry'

/**
 * The connection test a person asks for: `deviceInfo` with the stored login. It shares the device's one
 * login budget with all other work: after a refused login it sends nothing with the same credentials
 * (each press would bring the terminal nearer to locking itself for 30 minutes) until they are changed or
 * an admin forces one more attempt. What it learns — the serial, model, firmware and how the device wants
 * the login — is stored with the device.
 */
export async function testDeviceConnection(
  registry: DeviceRegistry,
  clients: DeviceClients,
  deviceId: string,
  options: { force?: boolean } = {},
): Promise<DeviceTestResult> {
  const client = clients.get(deviceId)
  if (options.force) {
    registry.forgetRefusedLogin(deviceId)
    client.resetAuth()
  }
  const started = performance.now()
  const info = await client.deviceInfo()
  const latencyMs = Math.round(performance.now() - started)
  const authScheme = client.authScheme ?? 'none'
  const device: Device = registry.recordSeen(deviceId, {
    ...optional('deviceId', serialOf(info)),
    ...optional('model', info.model),
    ...optional('firmware', info.firmwareVersion),
    ...(authScheme === 'none' ? {} : { authScheme }),
  })
  return { ok: true, authScheme, deviceInfo: publicInfo(info), latencyMs, device }
}

/** `deviceID` is a small number on terminals (often 255); the serial is what identifies the unit. */
function serialOf(info: DeviceInfoResult): string | undefined {
  return info.serialNumber?.trim() || info.deviceId?.trim() || undefined
}

/** The fields of `deviceInfo` the connection test answers with. */
const PUBLIC_INFO = [
  'deviceName',
  'deviceId',
  'model',
  'serialNumber',
  'macAddress',
  'firmwareVersion',
  'firmwareReleasedDate',
  'deviceType',
] as const

function publicInfo(info: DeviceInfoResult): DeviceTestResult['deviceInfo'] {
  return Object.fromEntries(PUBLIC_INFO.flatMap((key) => (info[key] === undefined ? [] : [[key, info[key]]])))
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value ? ({ [key]: value } as Record<K, string>) : {}
}
