import { DeviceTestResult } from '../../shared/api/devices'
import { DeviceStatusReport, TimeSyncResult } from '../../shared/api/status'
import type { ApiClient } from './client'
import { segment } from './query'

/** `GET /api/devices/:id/status?refresh=1`: the terminal asked again now, not the last answer kept. */
export function freshDeviceStatus(api: ApiClient, deviceId: string): Promise<DeviceStatusReport> {
  return api.request('GET', `/api/devices/${segment(deviceId)}/status`, {
    schema: DeviceStatusReport,
    query: { refresh: 1 },
  })
}

/** `POST /api/devices/:id/test`: a round trip to the terminal, timed. */
export function testConnection(api: ApiClient, deviceId: string): Promise<DeviceTestResult> {
  return api.request('POST', `/api/devices/${segment(deviceId)}/test`, { schema: DeviceTestResult })
}

/** `POST /api/devices/:id/time/sync`: the terminal's clock set from the proxy's (or its time server). */
export function syncDeviceTime(api: ApiClient, deviceId: string): Promise<TimeSyncResult> {
  return api.request('POST', `/api/devices/${segment(deviceId)}/time/sync`, { schema: TimeSyncResult })
}
