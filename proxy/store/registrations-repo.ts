import type { StudentInput } from '../../shared/api/registrations'
import type { Db } from './db'

/** The student as registered; `employeeNo` lives on the record itself. */
export type StoredStudent = Omit<StudentInput, 'employeeNo'>

/** A student as it stands after its last successful saga. */
export interface RegistrationRecord {
  employeeNo: string
  /** the clientId of the registration that created it */
  clientId: string
  student: StoredStudent
  /** the normalized face written to the devices */
  faceJpeg: Buffer
  /** the outbox's provision report, which later reports of this student depend on */
  provisionReportId: string | null
  /** the devices that hold the student, in the order they were added */
  deviceIds: string[]
  createdAt: string
  updatedAt: string
  /** `adopted`: put on the terminals by someone else and taken over by an edit here; kept once set */
  origin?: 'registered' | 'adopted'
}

interface Row {
  employeeNo: string
  clientId: string
  studentJson: string
  faceJpeg: Buffer
  provisionReportId: string | null
  createdAt: string
  updatedAt: string
  origin: 'registered' | 'adopted'
}

const SELECT = `SELECT employee_no AS employeeNo, client_id AS clientId, student_json AS studentJson,
  face_jpeg AS faceJpeg, provision_report_id AS provisionReportId, created_at AS createdAt,
  updated_at AS updatedAt, origin FROM registrations`

export class RegistrationsRepo {
  constructor(private readonly db: Db) {}

  get(employeeNo: string): RegistrationRecord | undefined {
    const row = this.db.prepare(`${SELECT} WHERE employee_no = ?`).get(employeeNo) as Row | undefined
    return row && this.toRecord(row)
  }

  /** Inserts or replaces the student and its device set in one go. */
  save(record: RegistrationRecord): void {
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO registrations (employee_no, client_id, student_json, face_jpeg, provision_report_id,
             created_at, updated_at, origin)
           VALUES (@employeeNo, @clientId, @studentJson, @faceJpeg, @provisionReportId, @createdAt, @updatedAt,
             @origin)
           ON CONFLICT (employee_no) DO UPDATE SET student_json = excluded.student_json,
             face_jpeg = excluded.face_jpeg, provision_report_id = excluded.provision_report_id,
             updated_at = excluded.updated_at`,
        )
        .run({
          employeeNo: record.employeeNo,
          clientId: record.clientId,
          studentJson: JSON.stringify(record.student),
          faceJpeg: record.faceJpeg,
          provisionReportId: record.provisionReportId,
          createdAt: record.createdAt,
          updatedAt: record.updatedAt,
          origin: record.origin ?? 'registered',
        })
      this.setDevices(record.employeeNo, record.deviceIds, record.updatedAt)
    })()
  }

  /** Replaces the set of devices holding the student, keeping when each kept device was first written. */
  setDevices(employeeNo: string, deviceIds: readonly string[], at: string): void {
    this.db.transaction(() => {
      const keep = new Set(deviceIds)
      for (const current of this.deviceIds(employeeNo)) {
        if (!keep.has(current)) this.unlinkDevice(employeeNo, current)
      }
      const insert = this.db.prepare(
        'INSERT OR IGNORE INTO registration_devices (employee_no, device_id, written_at) VALUES (?, ?, ?)',
      )
      for (const deviceId of deviceIds) insert.run(employeeNo, deviceId, at)
    })()
  }

  /** The registered students of one class (by the class id they were registered with), by number. */
  inClass(classId: string): Array<{ employeeNo: string; student: StoredStudent }> {
    const rows = this.db
      .prepare(
        `SELECT employee_no AS employeeNo, student_json AS studentJson FROM registrations
         WHERE json_extract(student_json, '$.classId') = ? ORDER BY employee_no`,
      )
      .all(classId) as Array<{ employeeNo: string; studentJson: string }>
    return rows.map((row) => ({
      employeeNo: row.employeeNo,
      student: JSON.parse(row.studentJson) as StoredStudent,
    }))
  }

  /** The number of the registration made for this school server student, if the proxy has one. */
  numberOfBackendStudent(backendStudentId: string): string | undefined {
    const row = this.db
      .prepare(
        `SELECT employee_no AS employeeNo FROM registrations
         WHERE json_extract(student_json, '$.backendStudentId') = ? LIMIT 1`,
      )
      .get(backendStudentId) as { employeeNo: string } | undefined
    return row?.employeeNo
  }

  unlinkDevice(employeeNo: string, deviceId: string): boolean {
    return (
      this.db
        .prepare('DELETE FROM registration_devices WHERE employee_no = ? AND device_id = ?')
        .run(employeeNo, deviceId).changes > 0
    )
  }

  deviceIds(employeeNo: string): string[] {
    return (
      this.db
        .prepare(
          'SELECT device_id AS id FROM registration_devices WHERE employee_no = ? ORDER BY written_at, rowid',
        )
        .all(employeeNo) as { id: string }[]
    ).map((row) => row.id)
  }

  private toRecord(row: Row): RegistrationRecord {
    return {
      employeeNo: row.employeeNo,
      clientId: row.clientId,
      student: JSON.parse(row.studentJson) as StoredStudent,
      faceJpeg: row.faceJpeg,
      provisionReportId: row.provisionReportId,
      deviceIds: this.deviceIds(row.employeeNo),
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      origin: row.origin,
    }
  }
}
