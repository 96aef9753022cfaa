import { z } from 'zod'
import { Gender } from './registrations'
import { BackendRefusal, TerminalColumn, TerminalState } from './terminal-state'

/**
 * Who the proxy knows a person from:
 * - `registered` enrolled through this proxy;
 * - `adopted` put on the terminals by someone else (the old desktop app, a copy job, an import) and
 *   edited through this proxy since;
 * - `terminal` seen on a terminal only, never edited here;
 * - `school-server` a student of the school server with this `deviceStudentId`, on no terminal the proxy knows.
 */
export const PersonOrigin = z.enum(['registered', 'adopted', 'terminal', 'school-server'])
export type PersonOrigin = z.infer<typeof PersonOrigin>

/** `GET /api/registrations/:employeeNo?check=` — `check=true` asks every terminal now (and remembers it). */
export const StudentSheetQuery = z.object({
  check: z
    .enum(['true', 'false', '1', '0'])
    .optional()
    .transform((value) => value === 'true' || value === '1'),
})
export type StudentSheetQuery = z.infer<typeof StudentSheetQuery>

/** One line of a student's history, from the audit trail (newest first). */
export const StudentHistoryEntry = z.object({
  id: z.number(),
  at: z.string(),
  /** e.g. `registration.create`, `registration.update`, `registration.delete`, `live-check.fix` */
  action: z.string(),
  actor: z.string(),
  result: z.enum(['ok', 'failed']),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
})
export type StudentHistoryEntry = z.infer<typeof StudentHistoryEntry>

/** What the student sheet shows of one person, by the employeeNo the terminals know them by. */
export const StudentSheet = z.object({
  employeeNo: z.string(),
  origin: PersonOrigin,
  /** the student's fields as the proxy knows them best (its registration, else the school server) */
  student: z.object({
    firstName: z.string().nullable(),
    lastName: z.string().nullable(),
    fatherName: z.string().nullable(),
    gender: Gender.nullable(),
    classId: z.string().nullable(),
    className: z.string().nullable(),
    parentPhone: z.string().nullable(),
  }),
  /** the name a terminal holds (it may be cut to the terminal's limit); null when none was seen */
  nameOnTerminals: z.string().nullable(),
  /** the school server's student id; null when the server has no student with this deviceStudentId */
  backendStudentId: z.string().nullable(),
  /** the photo through the proxy: the school server's (`/api/students/:id/photo`) or a terminal's face */
  photoPath: z.string().nullable(),
  terminals: z.array(TerminalState),
  /** the student's reports to the school server */
  backend: z.object({
    status: z.enum(['sent', 'queued', 'off', 'none']),
    /** the server refused a report about this student; it waits in the outbox until retried */
    refusal: BackendRefusal.optional(),
  }),
  history: z.array(StudentHistoryEntry),
})
export type StudentSheet = z.infer<typeof StudentSheet>

/** A person on one or more terminals whom the school database lacks. */
export const UnlinkedPerson = z.object({
  employeeNo: z.string(),
  /** the name as the first terminal holding them has it */
  name: z.string(),
  hasFace: z.boolean(),
  /** the proxy terminals holding them, in registry order */
  deviceIds: z.array(z.string()),
  /** a face through the proxy (`/api/devices/:id/users/:employeeNo/face`), null without one */
  facePath: z.string().nullable(),
})
export type UnlinkedPerson = z.infer<typeof UnlinkedPerson>

/** `GET /api/students/not-in-school`: every terminal searched; the device → school import takes it from here. */
export const UnlinkedPeople = z.object({
  terminals: z.array(
    TerminalColumn.extend({
      /** the terminal answered every page */
      online: z.boolean(),
      error: z.object({ code: z.string(), message: z.string() }).optional(),
    }),
  ),
  people: z.array(UnlinkedPerson),
})
export type UnlinkedPeople = z.infer<typeof UnlinkedPeople>
