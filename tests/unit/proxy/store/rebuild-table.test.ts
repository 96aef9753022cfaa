import { describe, expect, it } from 'vitest'
import Database from 'better-sqlite3'
import { openMemoryDatabase } from '../../../../proxy/store/db'
import { rebuildTable } from '../../../../proxy/store/migrations/rebuild-table'

function gradesTable(): Database.Database {
  const db = new Database(':memory:')
  db.exec(`
    CREATE TABLE grades (
      id    INTEGER PRIMARY KEY AUTOINCREMENT,
      name  TEXT NOT NULL,
      mark  TEXT NOT NULL CHECK (mark IN ('pass', 'fail')),
      note  TEXT
    );
    CREATE INDEX grades_name ON grades (name);
    CREATE INDEX grades_noted ON grades (note) WHERE note IS NOT NULL;
    INSERT INTO grades (name, mark, note) VALUES ('Aziz', 'pass', NULL), ('Malika', 'fail', 'retake');
  `)
  return db
}

const names = (db: Database.Database, sql: string) => db.prepare<[], string>(sql).pluck().all()

describe('rebuilding a table with an edited definition', () => {
  it('keeps every row and index while a CHECK widens and a column goes where it was asked', () => {
    const db = gradesTable()

    rebuildTable(db, 'grades', [
      ["CHECK (mark IN ('pass', 'fail'))", "CHECK (mark IN ('pass', 'fail', 'absent'))"],
      ['name  TEXT NOT NULL,', 'name  TEXT NOT NULL,\n      late  INTEGER NOT NULL DEFAULT 0,'],
    ])

    expect(db.prepare('SELECT id, name, late, mark, note FROM grades ORDER BY id').all()).toEqual([
      { id: 1, name: 'Aziz', late: 0, mark: 'pass', note: null },
      { id: 2, name: 'Malika', late: 0, mark: 'fail', note: 'retake' },
    ])
    expect(names(db, "SELECT name FROM pragma_table_info('grades')")).toEqual([
      'id',
      'name',
      'late',
      'mark',
      'note',
    ])
    expect(names(db, "SELECT name FROM sqlite_master WHERE type = 'index' ORDER BY name")).toEqual([
      'grades_name',
      'grades_noted',
    ])
    expect(() => db.prepare("INSERT INTO grades (name, mark) VALUES ('Olim', 'absent')").run()).not.toThrow()
    expect(() => db.prepare("INSERT INTO grades (name, mark) VALUES ('Olim', 'maybe')").run()).toThrow(
      /CHECK/,
    )
    expect(db.prepare("SELECT id FROM grades WHERE name = 'Olim'").pluck().get()).toBe(3)
  })

  it('refuses an edit that does not match the stored definition, leaving the table as it was', () => {
    const db = gradesTable()
    const before = names(db, "SELECT sql FROM sqlite_master WHERE name = 'grades'")

    expect(() => rebuildTable(db, 'grades', [["CHECK (mark IN ('ok'))", 'CHECK (1)']])).toThrow(
      /does not stand once/,
    )

    expect(names(db, "SELECT sql FROM sqlite_master WHERE name = 'grades'")).toEqual(before)
    expect(db.prepare('SELECT COUNT(*) FROM grades').pluck().get()).toBe(2)
  })
})

describe('the audit trail after every migration', () => {
  it('takes a refused result and is indexed by target, for a student’s or a device’s history', () => {
    const db = openMemoryDatabase()

    expect(
      names(db, "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'audit_log'"),
    ).toContain('audit_log_target')
    const detail = db
      .prepare(
        "EXPLAIN QUERY PLAN SELECT id FROM audit_log WHERE target_type = 'student' AND target_id = 's1'",
      )
      .all() as { detail: string }[]
    expect(detail.map((row) => row.detail).join(' ')).toMatch(/USING (COVERING )?INDEX audit_log_target/)
    expect(() =>
      db
        .prepare(
          "INSERT INTO audit_log (at, actor_name, actor_role, action, result) VALUES ('2026-12-07', 'a', 'admin', 'x', 'refused')",
        )
        .run(),
    ).not.toThrow()
  })
})
