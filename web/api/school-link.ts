import { Device } from '../../shared/api/devices'
import { SchoolLinkView, type SchoolLinkRequest } from '../../shared/api/school-link'
import type { ApiClient } from './client'

export function schoolLinkView(api: ApiClient, deviceId: string): Promise<SchoolLinkView> {
  return api.request('GET', `/api/devices/${encodeURIComponent(deviceId)}/school-link`, {
    schema: SchoolLinkView,
    timeoutMs: 30_000,
  })
}

export function linkToSchoolServer(
  api: ApiClient,
  deviceId: string,
  body: SchoolLinkRequest,
): Promise<Device> {
  return api.request('POST', `/api/devices/${encodeURIComponent(deviceId)}/school-link`, {
    schema: Device,
    body,
    timeoutMs: 30_000,
  })
}
