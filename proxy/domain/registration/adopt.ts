import { randomUUID } from 'node:crypto'
import type { BackendStudent } from '../../../shared/api/backend'
import { AppError } from '../../../shared/errors'
import type { DeviceUserRecord } from '../../isapi'
import type { RegistrationRecord, StoredStudent } from '../../store/registrations-repo'
import { guessGender, guessNames } from '../device-import/name-guess'
import { DeviceUsers } from '../device-users'
import { isUnavailable } from '../students/backend-access'
import type { SagaDeps } from './deps'
import { stepError } from './step-log'

/** The person as one terminal held them before the edit: what putting that terminal back writes. */
export interface HeldPerson {
  name: string
  gender?: 'male' | 'female'
}

/** A person found on the terminals (or on the school server) and taken over by the edit about to run. */
export interface Adoption {
  /** the registration as the person stood before the edit; stored with origin `adopted` once a saga runs */
  record: RegistrationRecord
  /** per terminal holding the person: the name (and gender) it held */
  held: Record<string, HeldPerson>
}

/**
 * Finds a person the proxy did not enrol: every terminal of the proxy is searched for the number; their
 * face is fetched from one that has it (the edit needs it to put a terminal back, or to add one, even when
 * it brings a new face), and the
 * student's fields come from the school server (by deviceStudentId), else from the name a terminal holds.
 * A terminal that cannot be asked is refused only when the proxy last knew the person there (an edit must
 * reach every terminal holding them); otherwise it is left out. Unknown everywhere: `not_found`.
 */
export async function adopt(deps: SagaDeps, employeeNo: string): Promise<Adoption> {
  const known = new Set(deps.book?.holding(employeeNo) ?? [])
  const found = await Promise.all(
    deps.registry.list().map(async (device) => {
      try {
        const page = await deps.clients.get(device.id).searchUsers({ employeeNos: [employeeNo], max: 1 })
        return { deviceId: device.id, user: page.users.find((u) => u.employeeNo === employeeNo) }
      } catch (error) {
        if (!known.has(device.id)) return { deviceId: device.id, user: undefined }
        const reason = stepError(error)
        throw new AppError(
          (reason.code as AppError['code']) ?? 'internal',
          `${device.name}: ${reason.message} (the person was last seen there, so the edit cannot leave it out)`,
        )
      }
    }),
  )
  const holding = found.filter((f): f is { deviceId: string; user: DeviceUserRecord } => f.user !== undefined)
  deps.book?.note(
    'edit',
    found.map((f) => ({
      employeeNo,
      deviceId: f.deviceId,
      state: !f.user ? 'absent' : hasFace(f.user) ? 'present' : 'no_face',
      name: f.user?.name ?? null,
    })),
  )
  const school = await schoolStudent(deps, employeeNo)
  if (holding.length === 0 && !school) {
    throw new AppError(
      'not_found',
      `No person with number ${employeeNo} is on any terminal of this proxy or on the school server`,
    )
  }
  const face = await faceFrom(deps, employeeNo, holding)
  const at = deps.now().toISOString()
  return {
    record: {
      employeeNo,
      clientId: randomUUID(),
      student: studentOf(school, holding[0]?.user),
      faceJpeg: face,
      provisionReportId: null,
      deviceIds: holding.map((h) => h.deviceId),
      createdAt: at,
      updatedAt: at,
      origin: 'adopted',
    },
    held: Object.fromEntries(
      holding.map((h) => [
        h.deviceId,
        { name: h.user.name, ...(genderOf(h.user) ? { gender: genderOf(h.user) } : {}) } as HeldPerson,
      ]),
    ),
  }
}

function hasFace(user: DeviceUserRecord): boolean {
  return (user.numOfFace ?? 0) > 0 || Boolean(user.faceURL)
}

function genderOf(user: DeviceUserRecord): 'male' | 'female' | undefined {
  return guessGender(user.gender) ?? undefined
}

async function schoolStudent(deps: SagaDeps, employeeNo: string): Promise<BackendStudent | null> {
  if (!deps.school) return null
  try {
    return await deps.school.studentByDeviceStudentId(employeeNo)
  } catch (error) {
    if (!isUnavailable(error)) throw error
    deps.logger.info({ employeeNo }, 'adopting without the school server: it is away')
    return null
  }
}

/** The face a terminal holds, from the first that gives one; empty when none has a face. */
async function faceFrom(
  deps: SagaDeps,
  employeeNo: string,
  holding: Array<{ deviceId: string; user: DeviceUserRecord }>,
): Promise<Buffer> {
  const users = new DeviceUsers(deps.clients, deps.registrations)
  for (const { deviceId, user } of holding) {
    if (!hasFace(user)) continue
    try {
      return await users.face(deviceId, employeeNo)
    } catch (error) {
      deps.logger.warn({ employeeNo, deviceId, err: stepError(error).message }, 'face not read for adoption')
    }
  }
  return Buffer.alloc(0)
}

function studentOf(school: BackendStudent | null, user: DeviceUserRecord | undefined): StoredStudent {
  const guess = guessNames(user?.name ?? '')
  const gender =
    school?.gender === 'MALE' ? 'male' : school?.gender === 'FEMALE' ? 'female' : user && genderOf(user)
  const student: StoredStudent = {
    firstName: school?.firstName ?? guess.firstName,
    lastName: school?.lastName ?? guess.lastName,
    ...((school?.fatherName ?? guess.fatherName)
      ? { fatherName: school?.fatherName ?? guess.fatherName }
      : {}),
    ...(gender ? { gender } : {}),
    ...(school?.classId ? { classId: school.classId } : {}),
    ...(school?.parentPhone ? { parentPhone: school.parentPhone } : {}),
    ...(school ? { backendStudentId: school.id } : {}),
  }
  return student
}
