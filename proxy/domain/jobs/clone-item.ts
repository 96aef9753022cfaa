import type { JobError } from '../../../shared/api/jobs'

/** One person a clone job may write onto the target, as its source describes it. */
export interface CloneItem {
  /** what the job remembers the person by: the employeeNo (device) or the student id (database) */
  key: string
  /** absent when the source has no number for the person; such a person is reported, not written */
  employeeNo?: string
  studentId?: string
  /** the full name as the source has it; cut to the target's limit when written */
  name: string
  gender?: 'male' | 'female'
  /** why the person cannot be written at all (no photo, no number), decided without asking anyone */
  refusal?: JobError
  /** the face as the target should get it (JPEG); throws with the reason when it cannot be had */
  face(signal: AbortSignal): Promise<Buffer>
}

export interface ClonePage {
  items: CloneItem[]
  /** how many people the source holds, as far as it said on this page */
  total: number
}

/** Where a clone job reads people from, a page at a time. */
export interface CloneSource {
  pages(signal: AbortSignal): AsyncIterable<ClonePage>
}

/** The person's identity as stored with its outcome. */
export function who(item: CloneItem): Pick<JobError, 'employeeNo' | 'studentId' | 'name'> {
  return {
    ...(item.employeeNo ? { employeeNo: item.employeeNo } : {}),
    ...(item.studentId ? { studentId: item.studentId } : {}),
    ...(item.name ? { name: item.name } : {}),
  }
}
