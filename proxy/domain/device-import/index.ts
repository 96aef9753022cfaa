import {
  deviceImportReportCsv,
  type DeviceImportCommitRequest,
  type DeviceImportCommitResult,
  type DeviceImportPreview,
  type DeviceImportRow,
  type DeviceImportRowResult,
  type ImportCandidateList,
} from '../../../shared/api/device-import'
import { importCandidates } from './candidates'
import { commitImport } from './commit'
import type { DeviceImportDeps } from './deps'
import { previewImport } from './preview'

export type { DeviceImportDeps } from './deps'
export { guessGender, guessNames, type NameGuess } from './name-guess'
export { unlinkedPeople, type UnlinkedDeps } from './unlinked'

/** Device → school import: what the device-import routes call. */
export interface DeviceImport {
  candidates(deviceId: string): Promise<ImportCandidateList>
  preview(deviceId: string, rows: readonly DeviceImportRow[]): Promise<DeviceImportPreview>
  /** a commit and a retry of failed rows are the same call: rows with a `studentId` get only their photo */
  commit(request: DeviceImportCommitRequest): Promise<DeviceImportCommitResult>
  reportCsv(rows: readonly DeviceImportRowResult[]): string
}

export function createDeviceImport(deps: DeviceImportDeps): DeviceImport {
  return {
    candidates: (deviceId) => importCandidates(deps, deviceId),
    preview: (deviceId, rows) => previewImport(deps, deviceId, rows),
    commit: (request) => commitImport(deps, request),
    reportCsv: deviceImportReportCsv,
  }
}
