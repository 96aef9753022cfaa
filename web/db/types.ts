import type { FaceCheckRecord, Registration } from '../../shared/api'

/**
 * - `waiting`: saved, goes out when the proxy is reachable (after `nextAttemptAt`)
 * - `sending`: handed to the proxy, which is writing it to the devices now (or next, after the one before)
 * - `done`: on every chosen device
 * - `failed`: refused for a reason in the draft itself (a bad photo, a duplicate); fix it, then retry
 * - `attention`: refused for a reason outside the draft (an expired device password); a person must act
 */
export const DRAFT_STATUSES = ['waiting', 'sending', 'done', 'failed', 'attention'] as const
export type DraftStatus = (typeof DRAFT_STATUSES)[number]

export interface DraftStudent {
  firstName: string
  lastName: string
  fatherName?: string
  gender?: 'male' | 'female'
  /** the backend's class id, when the class came from the class list */
  classId?: string
  /** the class as a person reads it (picked or typed) */
  className?: string
  parentPhone?: string
  /** the number the student already has on the devices (re-enrolling a known student) */
  employeeNo?: string
  backendStudentId?: string
}

export interface DraftError {
  /** a stable code: the proxy's (shared/errors.ts) or the client's (proxy_unreachable…) */
  code: string
  /** for developers and logs; people read the translated code */
  message: string
  field?: string
  retryAfterSec?: number
  subStatusCode?: string
  details?: unknown
}

export interface DraftPhotoInfo {
  type: string
  size: number
}

export interface Draft {
  /** the local key; stays the same for the draft's whole life */
  id: string
  /** the UUID sent as the registration's `clientId`: the same on every retry, so the proxy never writes twice */
  clientId: string
  student: DraftStudent
  deviceIds: string[]
  status: DraftStatus
  /** how many times it was handed to the proxy */
  attempts: number
  lastError: DraftError | null
  /** the proxy's answer: on success, and on a refusal that carried per-device outcomes */
  result: Registration | null
  photo: DraftPhotoInfo
  /** how the photo got past the tablet's face check (absent on drafts saved before it existed) */
  faceCheck?: FaceCheckRecord
  /** epoch milliseconds */
  createdAt: number
  updatedAt: number
  /** a waiting draft is not sent before this moment (backoff after a retryable failure) */
  nextAttemptAt: number
}

/** The photo bytes, kept apart from the draft so that lists never load them. */
export interface DraftPhoto {
  draftId: string
  /** an ArrayBuffer, not a Blob: WebKit fails to store Blobs intermittently, and tests run without a DOM */
  bytes: ArrayBuffer
  type: string
}

export interface PhotoBytes {
  bytes: ArrayBuffer
  type: string
}

export interface NewDraft {
  student: DraftStudent
  deviceIds: string[]
  photo: PhotoBytes
  faceCheck?: FaceCheckRecord
}

export interface DraftChanges {
  student?: DraftStudent
  deviceIds?: string[]
  photo?: PhotoBytes
  /** comes with a new photo */
  faceCheck?: FaceCheckRecord
}
