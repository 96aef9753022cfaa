import { randomUUID } from 'node:crypto'
import { AttendanceBook } from './attendance'

export type Role = 'SUPER_ADMIN' | 'SCHOOL_ADMIN' | 'TEACHER' | 'GUARD'
export type Gender = 'MALE' | 'FEMALE'
export type LinkStatus = 'PENDING' | 'SUCCESS' | 'FAILED'
export type ProvisioningStatus = 'PENDING' | 'PROCESSING' | 'PARTIAL' | 'CONFIRMED' | 'FAILED'

export interface School {
  id: string
  name: string
  address: string | null
  webhookSecretIn: string
  webhookSecretOut: string
}

export interface User {
  id: string
  email: string
  password: string
  name: string
  role: Role
  schoolId: string | null
  createdAt: string
  updatedAt: string
}

export interface ClassRecord {
  id: string
  name: string
  gradeLevel: number
  schoolId: string
  startTime: string
  endTime: string | null
  createdAt: string
}

export interface DeviceRecord {
  id: string
  name: string
  deviceId: string
  type: 'ENTRANCE' | 'EXIT'
  location: string | null
  isActive: boolean
  lastSeenAt: string | null
  schoolId: string
  createdAt: string
  updatedAt: string
}

export interface StudentRecord {
  id: string
  deviceStudentId: string | null
  name: string
  firstName: string
  lastName: string
  fatherName: string | null
  gender: Gender
  schoolId: string
  classId: string | null
  parentPhone: string | null
  photoUrl: string | null
  isActive: boolean
  deviceSyncStatus: ProvisioningStatus | null
  deviceSyncUpdatedAt: string | null
  createdAt: string
  updatedAt: string
}

/** `StudentDeviceLink`: one student on one device, within one provisioning. */
export interface DeviceLink {
  id: string
  studentId: string
  deviceId: string
  provisioningId: string
  status: LinkStatus
  employeeNoOnDevice: string | null
  attemptCount: number
  lastError: string | null
  lastAttemptAt: string | null
  updatedAt: string
}

export interface Provisioning {
  id: string
  status: ProvisioningStatus
  studentId: string
  schoolId: string
  requestId: string | null
  lastError: string | null
  createdAt: string
  updatedAt: string
  links: DeviceLink[]
}

export interface ProvisioningLog {
  id: string
  createdAt: string
  level: 'INFO' | 'WARN' | 'ERROR'
  eventType: string
  stage: string | null
  status: string | null
  message: string | null
  payload: unknown
  schoolId: string
  provisioningId: string | null
  studentId: string | null
  deviceId: string | null
  actorId: string | null
  actorName: string | null
  actorRole: string | null
}

export interface ImportJob {
  id: string
  schoolId: string
  status: 'PROCESSING' | 'SUCCESS' | 'FAILED'
  retryCount: number
  lastError: string | null
  startedAt: string
  finishedAt: string | null
  totalRows: number
  processed: number
  success: number
  failed: number
  synced: number
}

export interface AttendanceEvent {
  schoolId: string
  direction: 'in' | 'out'
  employeeNo: string | null
  studentId: string | null
  receivedAt: string
  /** the terminal's time of the scan and its serial, as the event said */
  dateTime: string
  deviceID: string
  /** bytes of the capture that came with it (0: none) */
  pictureBytes: number
}

/** Everything the simulated server knows; tests read it directly to check what a call changed. */
export interface BackendState {
  schools: Map<string, School>
  users: Map<string, User>
  classes: Map<string, ClassRecord>
  devices: Map<string, DeviceRecord>
  students: Map<string, StudentRecord>
  /** the stored photo files, by student id (`/uploads/student-faces/<id>.jpg`) */
  photos: Map<string, Buffer>
  provisionings: Map<string, Provisioning>
  logs: ProvisioningLog[]
  importJobs: Map<string, ImportJob>
  /** commit answers by idempotencyKey: a repeated commit gets the first one back */
  importCommits: Map<string, unknown>
  attendance: AttendanceEvent[]
  /** dedup keys and per-student day records of the attendance webhook */
  attendanceBook: AttendanceBook
}

export function createState(): BackendState {
  return {
    schools: new Map(),
    users: new Map(),
    classes: new Map(),
    devices: new Map(),
    students: new Map(),
    photos: new Map(),
    provisionings: new Map(),
    logs: [],
    importJobs: new Map(),
    importCommits: new Map(),
    attendance: [],
    attendanceBook: new AttendanceBook(),
  }
}

export function newId(): string {
  return randomUUID()
}

export function nowIso(): string {
  return new Date().toISOString()
}
