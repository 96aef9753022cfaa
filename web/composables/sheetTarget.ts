import type { StudentListItem } from '../../shared/api'
import { draftRegistration } from '../components/enroll/deviceRows'
import { namesAndClassFromDraft } from '../components/enroll/enrollForm'
import type { Draft } from '../db/types'
import type { StudentEditValues } from './studentEditForm'
import type { RosterEntry } from './studentRoster'

/** A student the sheet can open who is not on the page shown: from the kept roster or a refused draft. */
function person(
  fields: Omit<StudentListItem, 'name' | 'photoUrl' | 'hasPhoto' | 'devices' | 'terminals'>,
): StudentListItem {
  const name = [fields.lastName, fields.firstName].filter(Boolean).join(' ')
  return { ...fields, name, photoUrl: null, hasPhoto: false, devices: [], terminals: [] }
}

export function personFromRoster(entry: RosterEntry): StudentListItem {
  return person({ ...entry })
}

/**
 * The number of the person a draft found already on the terminals: what the proxy said it found, else the
 * number the draft itself carried (a student enrolled again from the Students page).
 */
export function duplicateEmployeeNo(draft: Draft): string | null {
  if (draft.lastError?.code !== 'duplicate') return null
  const answer = draftRegistration(draft)
  return answer?.existing?.employeeNo ?? answer?.employeeNo ?? draft.student.employeeNo ?? null
}

export function personFromDraft(draft: Draft, employeeNo: string): StudentListItem {
  return person({
    id: draft.student.backendStudentId ?? '',
    employeeNo,
    firstName: draft.student.firstName,
    lastName: draft.student.lastName,
    fatherName: draft.student.fatherName ?? null,
    classId: draft.student.classId ?? null,
    className: draft.student.className ?? null,
  })
}

/** The draft's names and class as the sheet's edit form starts from them. */
export function editValuesFromDraft(student: Draft['student']): StudentEditValues {
  return {
    ...namesAndClassFromDraft(student),
    parentPhone: student.parentPhone ?? '',
  }
}
