import { randomBytes } from 'node:crypto'
import { faceJpeg } from './faces'
import { fullName, PHOTO_PATH } from './model'
import {
  newId,
  nowIso,
  type BackendState,
  type ClassRecord,
  type DeviceRecord,
  type StudentRecord,
} from './state'

export interface SeedOptions {
  classes?: number
  students?: number
  /** every student has a photo (true), none does (false), or this share of them does (0…1) */
  withPhotos?: boolean | number
  /** ENTRANCE and EXIT terminals, alternating */
  devices?: number
}

export interface SeedResult {
  classes: ClassRecord[]
  students: StudentRecord[]
  devices: DeviceRecord[]
}

// Uzbek Latin with its ʻ letters on purpose: names must reach the devices unchanged.
const BOYS = [
  'Aziz',
  'Bekzod',
  'Jasur',
  'Sardor',
  'Oʻtkir',
  'Gʻayrat',
  'Doniyor',
  'Islom',
  'Javohir',
  'Shoxruh',
]
const GIRLS = [
  'Malika',
  'Dilnoza',
  'Shahnoza',
  'Nigora',
  'Oʻgiloy',
  'Zarina',
  'Madina',
  'Sevara',
  'Kamola',
  'Laylo',
]
const SURNAMES = [
  'Karimov',
  'Rahimov',
  'Toshmatov',
  'Yusupov',
  'Qodirov',
  'Gʻulomov',
  'Ergashev',
  'Saidov',
  'Nazarov',
]
const FATHERS = ['Akmal', 'Bahodir', 'Rustam', 'Otabek', 'Anvar', 'Sherzod']

/** Adds classes, students (with photos) and devices to the school, bypassing the routes' rules. */
export async function seedSchool(
  state: BackendState,
  schoolId: string,
  options: SeedOptions = {},
): Promise<SeedResult> {
  const classCount = options.classes ?? 3
  const studentCount = options.students ?? 0
  const photoShare =
    options.withPhotos === true ? 1 : options.withPhotos === false ? 0 : (options.withPhotos ?? 1)
  const offset = [...state.students.values()].filter((s) => s.schoolId === schoolId).length
  const now = nowIso()

  const classes = Array.from({ length: classCount }, (_, i): ClassRecord => {
    const grade = Math.floor(i / 3) + 1
    const klass = {
      id: newId(),
      name: `${grade}-${'ABC'[i % 3]}`,
      gradeLevel: grade,
      schoolId,
      startTime: '08:00',
      endTime: null,
      createdAt: now,
    }
    state.classes.set(klass.id, klass)
    return klass
  })
  const classPool =
    classes.length > 0 ? classes : [...state.classes.values()].filter((c) => c.schoolId === schoolId)

  const students: StudentRecord[] = []
  for (let i = 0; i < studentCount; i++) {
    const n = offset + i
    const female = n % 2 === 1
    const firstName = (female ? GIRLS : BOYS)[Math.floor(n / 2) % 10] as string
    const surname = SURNAMES[Math.floor(n / 20) % SURNAMES.length] as string
    const lastName = female ? `${surname}a` : surname
    const klass = classPool[n % Math.max(classPool.length, 1)]
    const student: StudentRecord = {
      id: newId(),
      deviceStudentId: tenDigits(state),
      name: fullName(firstName, lastName),
      firstName,
      lastName,
      fatherName: FATHERS[n % FATHERS.length] as string,
      gender: female ? 'FEMALE' : 'MALE',
      schoolId,
      classId: klass?.id ?? null,
      parentPhone: `+99890${String(1_000_000 + n).slice(-7)}`,
      photoUrl: null,
      isActive: true,
      deviceSyncStatus: null,
      deviceSyncUpdatedAt: null,
      createdAt: now,
      updatedAt: now,
    }
    // Spread the photos evenly: with a share of 0.5, every second student has one.
    if (Math.floor((i + 1) * photoShare) > Math.floor(i * photoShare)) {
      state.photos.set(student.id, await faceJpeg(n))
      student.photoUrl = `${PHOTO_PATH}${student.id}.jpg`
    }
    state.students.set(student.id, student)
    students.push(student)
  }

  const deviceOffset = [...state.devices.values()].filter((d) => d.schoolId === schoolId).length
  const devices = Array.from({ length: options.devices ?? 0 }, (_, i): DeviceRecord => {
    const n = deviceOffset + i
    const device: DeviceRecord = {
      id: newId(),
      name: n % 2 === 0 ? `Kirish ${Math.floor(n / 2) + 1}` : `Chiqish ${Math.floor(n / 2) + 1}`,
      deviceId: `DS-K1T341AM${String(20250000 + n)}`,
      type: n % 2 === 0 ? 'ENTRANCE' : 'EXIT',
      location: n % 2 === 0 ? 'Asosiy kirish' : 'Asosiy chiqish',
      isActive: true,
      lastSeenAt: null,
      schoolId,
      createdAt: now,
      updatedAt: now,
    }
    state.devices.set(device.id, device)
    return device
  })

  return { classes, students, devices }
}

/** A fresh numeric id like the proxy makes: 10 digits, no leading zero, unused in this state. */
function tenDigits(state: BackendState): string {
  const used = new Set([...state.students.values()].map((s) => s.deviceStudentId))
  for (;;) {
    const id = String(1_000_000_000 + (randomBytes(5).readUIntBE(0, 5) % 9_000_000_000))
    if (!used.has(id)) return id
  }
}
