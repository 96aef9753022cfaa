import {
  DeviceImportCommitRequest,
  DeviceImportCommitResult,
  DeviceImportPreview,
  DeviceImportPreviewRequest,
  DeviceImportReportRequest,
  ImportCandidateList,
} from '../device-import'
import type { RouteDeclaration } from './route'

export const listImportCandidates = {
  method: 'GET',
  path: '/api/devices/:id/import-candidates',
  access: 'admin',
  what: "the people on the device whom the school database lacks (employeeNo ≠ any student's deviceStudentId), with a first guess at their names",
  status: 200,
  answer: ImportCandidateList,
} as const satisfies RouteDeclaration

export const previewDeviceImport = {
  method: 'POST',
  path: '/api/device-import/preview',
  access: 'admin',
  what: 'what the school server would do with each row: CREATE, UPDATE or INVALID with reasons',
  status: 200,
  body: DeviceImportPreviewRequest,
  answer: DeviceImportPreview,
  audit: 'device-import.preview',
} as const satisfies RouteDeclaration

export const commitDeviceImport = {
  method: 'POST',
  path: '/api/device-import/commit',
  access: 'admin',
  what: "import the rows into the school database keeping each employeeNo as deviceStudentId, then copy each face from the device into the student's photo; per-row results",
  status: 200,
  body: DeviceImportCommitRequest,
  answer: DeviceImportCommitResult,
  audit: 'device-import.commit',
} as const satisfies RouteDeclaration

export const retryDeviceImport = {
  method: 'POST',
  path: '/api/device-import/retry',
  access: 'admin',
  what: 'the failed rows of an import again (a row with its `studentId` gets only its photo)',
  status: 200,
  body: DeviceImportCommitRequest,
  answer: DeviceImportCommitResult,
  audit: 'device-import.retry',
} as const satisfies RouteDeclaration

export const deviceImportReport = {
  method: 'POST',
  path: '/api/device-import/report.csv',
  access: 'admin',
  what: "an import's per-row results as CSV (employeeNo, name, action, result, studentId, code, reason)",
  status: 200,
  body: DeviceImportReportRequest,
  format: '`text/csv`',
  audit: 'device-import.report',
} as const satisfies RouteDeclaration

/** The device-import routes, in the order the API doc lists them. */
export const deviceImportGroup = [
  listImportCandidates,
  previewDeviceImport,
  commitDeviceImport,
  retryDeviceImport,
  deviceImportReport,
] as const
