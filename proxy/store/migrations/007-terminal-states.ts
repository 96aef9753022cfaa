import type { Migration } from './index'

/**
 * What the proxy last knew of each person on each terminal, whatever told it (its own registrations, edits
 * and removals, copy jobs, live checks and fixes, device imports, the device-users browser), with the time;
 * a newer fact replaces an older one, never the other way round. `name` is the name the terminal held.
 * The audit trail gets an index by target: a student sheet shows that student's history.
 * `registrations.origin` tells a person this proxy enrolled from one it adopted by editing it.
 */
export const m007TerminalStates: Migration = {
  version: 7,
  name: 'terminal states',
  up(db) {
    db.exec(`
      CREATE TABLE terminal_states (
        employee_no TEXT NOT NULL,
        device_id   TEXT NOT NULL,
        state       TEXT NOT NULL CHECK (state IN ('present', 'no_face', 'absent', 'failed')),
        source      TEXT NOT NULL,
        at          TEXT NOT NULL,
        name        TEXT,
        error_json  TEXT,
        PRIMARY KEY (employee_no, device_id)
      );
      CREATE INDEX terminal_states_by_device ON terminal_states (device_id, state);

      CREATE INDEX audit_log_target ON audit_log (target_type, target_id);

      ALTER TABLE registrations ADD COLUMN origin TEXT NOT NULL DEFAULT 'registered'
        CHECK (origin IN ('registered', 'adopted'));
    `)
  },
}
