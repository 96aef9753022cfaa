import {
  DeviceImportCommitResult,
  DeviceImportPreview,
  ImportCandidateList,
  type DeviceImportCommitRequest,
  type DeviceImportRow,
} from '../../shared/api'
import type { ApiClient } from './client'

/** The proxy's device-import routes as the page uses them. */
export interface DeviceImportApi {
  candidates(deviceId: string): Promise<ImportCandidateList>
  preview(deviceId: string, rows: DeviceImportRow[]): Promise<DeviceImportPreview>
  commit(request: DeviceImportCommitRequest): Promise<DeviceImportCommitResult>
  retry(request: DeviceImportCommitRequest): Promise<DeviceImportCommitResult>
}

// The device is searched page by page and each face is copied one by one: slower than a plain read.
const SLOW_MS = 120_000

export function deviceImportApi(api: ApiClient): DeviceImportApi {
  return {
    candidates: (deviceId) =>
      api.request('GET', `/api/devices/${encodeURIComponent(deviceId)}/import-candidates`, {
        schema: ImportCandidateList,
        timeoutMs: SLOW_MS,
      }),
    preview: (deviceId, rows) =>
      api.request('POST', '/api/device-import/preview', {
        schema: DeviceImportPreview,
        body: { deviceId, rows },
        timeoutMs: SLOW_MS,
      }),
    commit: (body) =>
      api.request('POST', '/api/device-import/commit', {
        schema: DeviceImportCommitResult,
        body,
        timeoutMs: SLOW_MS,
      }),
    retry: (body) =>
      api.request('POST', '/api/device-import/retry', {
        schema: DeviceImportCommitResult,
        body,
        timeoutMs: SLOW_MS,
      }),
  }
}
