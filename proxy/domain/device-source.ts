import type { Device } from '../../shared/api/devices'
import type { IsapiClient } from '../isapi'

/** The registry as the check, webhook and clock use cases see it (DeviceRegistry fits). */
export interface DeviceSource {
  list(): Device[]
  /** throws `not_found` */
  get(id: string): Device
}

/** One long-lived ISAPI client per device (DeviceClients fits). Throws `not_found` or `credentials_expired`. */
export interface ClientSource {
  get(deviceId: string): IsapiClient
}
