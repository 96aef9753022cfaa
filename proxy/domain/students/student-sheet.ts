import type { BackendStudent } from '../../../shared/api/backend'
import type { PersonOrigin, StudentHistoryEntry, StudentSheet } from '../../../shared/api/student-sheet'
import { AppError } from '../../../shared/errors'
import type { Outbox } from '../../backend/outbox'
import type { Logger } from '../../log'
import type { AuditRecord } from '../../store/audit-repo'
import type { RegistrationRecord, RegistrationsRepo } from '../../store/registrations-repo'
import type { TerminalBook } from '../terminal-states/terminal-book'
import { isUnavailable, type BackendAccess } from './backend-access'
import { photoPathOf } from './student-directory'

export interface StudentSheetsDeps {
  registrations: RegistrationsRepo
  book: TerminalBook
  backend: BackendAccess
  outbox: Outbox
  history(employeeNo: string): AuditRecord[]
  /** asks every terminal about these people now; what it learns lands in the book */
  checkNow(employeeNos: string[]): Promise<unknown>
  logger: Logger
}

/**
 * The student sheet: everything the proxy knows of one person by the number the terminals know them by,
 * whoever enrolled them. Its registration (if the proxy enrolled or adopted them), the school server's
 * record (one lookup by deviceStudentId; a server that is away only leaves those fields empty), the state
 * on each terminal and the history from the audit trail.
 */
export class StudentSheets {
  constructor(private readonly deps: StudentSheetsDeps) {}

  async get(employeeNo: string, options: { check?: boolean } = {}): Promise<StudentSheet> {
    const { registrations, book, outbox } = this.deps
    if (options.check) await this.deps.checkNow([employeeNo])
    const record = registrations.get(employeeNo)
    const school = await this.schoolRecord(employeeNo)
    const terminals = book.view([employeeNo]).get(employeeNo) ?? []
    const onTerminals = terminals.some((t) => t.state === 'present' || t.state === 'no_face')
    const nameOnTerminals = book.nameOf(employeeNo)
    if (!record && !school && !onTerminals && nameOnTerminals === null) {
      throw new AppError(
        'not_found',
        `No person with number ${employeeNo} is known on any terminal or on the school server`,
      )
    }
    const holder = terminals.find((t) => t.state === 'present')
    const refusal = outbox.refusal(employeeNo)
    return {
      employeeNo,
      origin: originOf(record, onTerminals),
      student: fieldsOf(record, school),
      nameOnTerminals,
      backendStudentId: school?.id ?? record?.student.backendStudentId ?? null,
      photoPath: school?.photoUrl
        ? photoPathOf(school.id)
        : holder
          ? `/api/devices/${encodeURIComponent(holder.deviceId)}/users/${encodeURIComponent(employeeNo)}/face`
          : null,
      terminals,
      backend: {
        status:
          outbox.mode === 'lan-only' ? 'off' : record || refusal ? outbox.status(employeeNo).status : 'none',
        ...(refusal ? { refusal } : {}),
      },
      history: this.deps.history(employeeNo).map(historyEntry),
    }
  }

  private async schoolRecord(employeeNo: string): Promise<BackendStudent | null> {
    const client = this.deps.backend.client
    if (!client) return null
    try {
      return await client.studentByDeviceStudentId(employeeNo)
    } catch (error) {
      if (!isUnavailable(error)) throw error
      this.deps.logger.info({ employeeNo }, 'student sheet without the school server: it is away')
      return null
    }
  }
}

function originOf(record: RegistrationRecord | undefined, onTerminals: boolean): PersonOrigin {
  if (record) return record.origin ?? 'registered'
  return onTerminals ? 'terminal' : 'school-server'
}

function fieldsOf(
  record: RegistrationRecord | undefined,
  school: BackendStudent | null,
): StudentSheet['student'] {
  const mine = record?.student
  const gender = school?.gender === 'MALE' ? 'male' : school?.gender === 'FEMALE' ? 'female' : null
  return {
    firstName: mine?.firstName ?? school?.firstName ?? null,
    lastName: mine?.lastName ?? school?.lastName ?? null,
    fatherName: mine?.fatherName ?? school?.fatherName ?? null,
    gender: mine?.gender ?? gender,
    classId: mine?.classId ?? school?.classId ?? null,
    className: school?.class?.name ?? null,
    parentPhone: mine?.parentPhone ?? school?.parentPhone ?? null,
  }
}

function historyEntry(record: AuditRecord & { id: number }): StudentHistoryEntry {
  return {
    id: record.id,
    at: record.at,
    action: record.action,
    actor: record.actor.name,
    result: record.result,
    error: record.error,
  }
}
