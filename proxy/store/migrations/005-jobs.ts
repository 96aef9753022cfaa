import type { Migration } from './index'

/**
 * Clone jobs and what each did to each person, so that a proxy killed mid-job resumes it where it was.
 * - `jobs`: one row per job; counts are not stored, they are counted from `job_items`.
 * - `job_items`: one row per person the job has decided about. `writing` is stored before the person is
 *   created on the target and replaced once the face is on it (or the person removed again), so a row
 *   left in `writing` after a crash names the one person that may be on the target without a face.
 */
export const m005Jobs: Migration = {
  version: 5,
  name: 'clone jobs',
  up(db) {
    db.exec(`
      CREATE TABLE jobs (
        id               TEXT PRIMARY KEY,
        type             TEXT NOT NULL CHECK (type IN ('clone-db-to-device', 'clone-device-to-device')),
        state            TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed', 'cancelled')),
        source_device_id TEXT,
        target_device_id TEXT NOT NULL,
        total            INTEGER NOT NULL DEFAULT 0,
        capacity_json    TEXT,
        warning          TEXT,
        cancel_requested INTEGER NOT NULL DEFAULT 0,
        last_error_json  TEXT,
        started_at       TEXT NOT NULL,
        finished_at      TEXT
      );
      CREATE INDEX jobs_unfinished ON jobs (state) WHERE state IN ('queued', 'running');

      CREATE TABLE job_items (
        job_id        TEXT NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
        item_key      TEXT NOT NULL,
        seq           INTEGER NOT NULL,
        employee_no   TEXT,
        student_id    TEXT,
        name          TEXT,
        state         TEXT NOT NULL CHECK (state IN ('writing', 'done', 'skipped', 'failed')),
        error_code    TEXT,
        error_message TEXT,
        sub_status    TEXT,
        updated_at    TEXT NOT NULL,
        PRIMARY KEY (job_id, item_key)
      );
      CREATE INDEX job_items_by_state ON job_items (job_id, state);
    `)
  },
}
