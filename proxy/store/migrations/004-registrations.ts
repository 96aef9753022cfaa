import type { Migration } from './index'

/**
 * Registrations and the sagas that write them onto devices.
 * - `employee_numbers`: every number the proxy ever handed out or was given; never reused.
 * - `registrations` + `registration_devices`: students as they stand after their last successful saga,
 *   with the normalized face (needed to add the student to another device, or to put a device back).
 * - `sagas` + `saga_steps`: each device write is logged before it is sent and after it answers, so that a
 *   proxy killed mid-saga knows at its next start what may be on which device and undoes it.
 */
export const m004Registrations: Migration = {
  version: 4,
  name: 'registrations and sagas',
  up(db) {
    db.exec(`
      CREATE TABLE employee_numbers (
        employee_no TEXT PRIMARY KEY,
        origin      TEXT NOT NULL CHECK (origin IN ('allocated', 'given')),
        created_at  TEXT NOT NULL
      );

      CREATE TABLE registrations (
        employee_no         TEXT PRIMARY KEY,
        client_id           TEXT NOT NULL,
        student_json        TEXT NOT NULL,
        face_jpeg           BLOB NOT NULL,
        provision_report_id TEXT,
        created_at          TEXT NOT NULL,
        updated_at          TEXT NOT NULL
      );

      CREATE TABLE registration_devices (
        employee_no TEXT NOT NULL REFERENCES registrations (employee_no) ON DELETE CASCADE,
        device_id   TEXT NOT NULL,
        written_at  TEXT NOT NULL,
        PRIMARY KEY (employee_no, device_id)
      );
      CREATE INDEX registration_devices_by_device ON registration_devices (device_id);

      CREATE TABLE sagas (
        id          TEXT PRIMARY KEY,
        kind        TEXT NOT NULL CHECK (kind IN ('register', 'edit', 'remove')),
        client_id   TEXT UNIQUE,
        employee_no TEXT NOT NULL,
        state       TEXT NOT NULL CHECK (state IN ('running', 'undoing', 'done')),
        plan_json   TEXT NOT NULL,
        face_jpeg   BLOB,
        result_json TEXT,
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL
      );
      CREATE INDEX sagas_unfinished ON sagas (state) WHERE state <> 'done';

      CREATE TABLE saga_steps (
        saga_id    TEXT NOT NULL REFERENCES sagas (id) ON DELETE CASCADE,
        device_id  TEXT NOT NULL,
        seq        INTEGER NOT NULL,
        action     TEXT NOT NULL,
        state      TEXT NOT NULL CHECK (state IN ('sent', 'done', 'refused', 'failed')),
        error_json TEXT,
        started_at TEXT NOT NULL,
        ended_at   TEXT,
        PRIMARY KEY (saga_id, device_id, seq)
      );
    `)
  },
}
