import type { Device } from '../../shared/api/devices'
import { linkToSchool, readSchoolLink } from '../../shared/api/routes/school-link'
import type { SchoolLinkRequest, SchoolLinkView } from '../../shared/api/school-link'
import { callRoute } from './call'
import type { ApiClient } from './client'

export function schoolLinkView(api: ApiClient, deviceId: string): Promise<SchoolLinkView> {
  return callRoute(api, readSchoolLink, { params: { id: deviceId } }, { timeoutMs: 30_000 })
}

export function linkToSchoolServer(
  api: ApiClient,
  deviceId: string,
  body: SchoolLinkRequest,
): Promise<Device> {
  return callRoute(api, linkToSchool, { params: { id: deviceId }, body }, { timeoutMs: 30_000 })
}
