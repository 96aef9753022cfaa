import type { Device } from '../../shared/api/devices'

/** A registry device as the API shows it, for code that only reads devices (no terminal behind it). */
export function deviceFixture(id: string, name: string, over: Partial<Device> = {}): Device {
  return {
    id,
    name,
    host: '127.0.0.1',
    port: 80,
    scheme: 'http',
    username: 'admin',
    hasPassword: true,
    credentialsExpiresAt: null,
    deviceId: null,
    backendId: null,
    ...over,
  }
}
