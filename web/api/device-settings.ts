import {
  DeviceSettings,
  DoorOpenResult,
  ExpertDocument,
  ExpertResourceList,
  ExpertWriteResult,
  FieldsWriteResult,
  NetworkWriteResult,
  NtpSettingsResult,
  type FieldsSectionName,
  type NetworkWrite,
  type NtpSettingsWrite,
  type SettingValue,
} from '../../shared/api'
import type { ApiClient } from './client'
import { segment } from './query'

/** A write reads the device back (and may restore it), so it gets more time than a plain read. */
export const SETTINGS_WRITE_TIMEOUT_MS = 60_000

const settingsPath = (deviceId: string) => `/api/devices/${segment(deviceId)}/settings`

/** `GET /api/devices/:id/settings`: every section the terminal answers, probed by the proxy. */
export function deviceSettings(api: ApiClient, deviceId: string): Promise<DeviceSettings> {
  return api.request('GET', settingsPath(deviceId), {
    schema: DeviceSettings,
    timeoutMs: SETTINGS_WRITE_TIMEOUT_MS,
  })
}

export function writeNtp(
  api: ApiClient,
  deviceId: string,
  body: NtpSettingsWrite,
): Promise<NtpSettingsResult> {
  return api.request('PUT', `${settingsPath(deviceId)}/ntp`, {
    schema: NtpSettingsResult,
    body,
    timeoutMs: SETTINGS_WRITE_TIMEOUT_MS,
  })
}

/** The terminal may move to its new address first: `extraMs` waits for it to answer there. */
export function writeNetwork(
  api: ApiClient,
  deviceId: string,
  body: NetworkWrite,
  extraMs: number,
): Promise<NetworkWriteResult> {
  return api.request('PUT', `${settingsPath(deviceId)}/network`, {
    schema: NetworkWriteResult,
    body,
    timeoutMs: SETTINGS_WRITE_TIMEOUT_MS + extraMs,
  })
}

export function writeFields(
  api: ApiClient,
  deviceId: string,
  section: FieldsSectionName,
  values: Record<string, SettingValue>,
): Promise<FieldsWriteResult> {
  return api.request('PUT', `${settingsPath(deviceId)}/${section}`, {
    schema: FieldsWriteResult,
    body: { values },
    timeoutMs: SETTINGS_WRITE_TIMEOUT_MS,
  })
}

/** `POST /api/devices/:id/door/open`: opens the door once, as a test. */
export function openDoor(api: ApiClient, deviceId: string, doorId: number): Promise<DoorOpenResult> {
  return api.request('POST', `/api/devices/${segment(deviceId)}/door/open`, {
    schema: DoorOpenResult,
    body: { doorId },
    timeoutMs: SETTINGS_WRITE_TIMEOUT_MS,
  })
}

/** The expert editor: the terminal's own settings documents, listed, read and written as text. */
export function expertResources(api: ApiClient, deviceId: string): Promise<ExpertResourceList> {
  return api.request('GET', `${settingsPath(deviceId)}/expert`, { schema: ExpertResourceList })
}

export function expertDocument(api: ApiClient, deviceId: string, path: string): Promise<ExpertDocument> {
  return api.request('GET', `${settingsPath(deviceId)}/expert/document`, {
    schema: ExpertDocument,
    query: { path },
  })
}

export function writeExpertDocument(
  api: ApiClient,
  deviceId: string,
  body: { path: string; text: string },
): Promise<ExpertWriteResult> {
  return api.request('PUT', `${settingsPath(deviceId)}/expert`, {
    schema: ExpertWriteResult,
    body,
    timeoutMs: SETTINGS_WRITE_TIMEOUT_MS,
  })
}
