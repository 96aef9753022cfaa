import { AppError } from '../../../shared/errors'
import type { RegistrationsRepo } from '../../store/registrations-repo'
import { fullName } from '../registration/person'
import { isUnavailable } from '../students/backend-access'
import type { StudentDirectory } from '../students/student-directory'

/** A student of a class as the live check lists it. */
export interface RosterStudent {
  /** null: no device number on the school server, so the student is on no device ("not enrolled") */
  employeeNo: string | null
  name: string
  studentId?: string
  /** neither this proxy nor the school server has a photo to write */
  noPhoto?: true
}

export interface Roster {
  students: RosterStudent[]
  source: 'backend' | 'registrations'
}

/** A class's list is kept this long, so the chunks of one check do not walk the server's pages again. */
const FRESH_MS = 60_000

/**
 * The students of a class: every page of it from the school server (through the students directory, which
 * also learns their photo URLs for a later fix); when the server is away or not set up, the students this
 * proxy registered into that class. Neither → the server's error, which says what is wrong.
 */
export class ClassRosters {
  private readonly cache = new Map<string, { at: number; roster: Roster }>()

  constructor(
    private readonly directory: StudentDirectory,
    private readonly registrations: RegistrationsRepo,
    private readonly now: () => number = Date.now,
  ) {}

  /** `fresh` asks the server again even when a recent list is kept (the first chunk of a check). */
  async of(classId: string, fresh: boolean): Promise<Roster> {
    const kept = this.cache.get(classId)
    if (!fresh && kept && this.now() - kept.at < FRESH_MS) return kept.roster
    const roster = await this.load(classId)
    this.cache.set(classId, { at: this.now(), roster })
    return roster
  }

  /** A student seen in a recent class list, by device number: its school-server id and name. */
  find(employeeNo: string): RosterStudent | undefined {
    for (const { roster } of this.cache.values()) {
      const found = roster.students.find((s) => s.employeeNo === employeeNo)
      if (found) return found
    }
    return undefined
  }

  private async load(classId: string): Promise<Roster> {
    try {
      return { students: await this.fromBackend(classId), source: 'backend' }
    } catch (error) {
      if (!isUnavailable(error)) throw error
      const registered = this.registrations.inClass(classId)
      if (registered.length === 0) throw offline(error as AppError)
      return {
        students: registered.map(({ employeeNo, student }) => ({ employeeNo, name: fullName(student) })),
        source: 'registrations',
      }
    }
  }

  private async fromBackend(classId: string): Promise<RosterStudent[]> {
    const students: RosterStudent[] = []
    for (let page = 1, pages = 1; page <= pages; page += 1) {
      const answer = await this.directory.list({ page, classId })
      pages = answer.totalPages
      if (answer.students.length === 0) break
      for (const s of answer.students) {
        const noPhoto = !s.hasPhoto && !(s.employeeNo && this.registrations.get(s.employeeNo))
        students.push({
          employeeNo: s.employeeNo,
          name: s.name,
          studentId: s.id,
          ...(noPhoto ? { noPhoto } : {}),
        })
      }
    }
    return students
  }
}

function offline(cause: AppError): AppError {
  return new AppError(
    'backend_unavailable',
    `The class list cannot be had: ${cause.message} This proxy has registered nobody in that class either.`,
    { details: cause.extra.details ?? { reason: 'unreachable' } },
  )
}
