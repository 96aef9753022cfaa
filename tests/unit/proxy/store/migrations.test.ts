import { describe, expect, it } from 'vitest'
import Database from 'better-sqlite3'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { migrate, openDatabase, openMemoryDatabase } from '../../../../proxy/store/db'
import { MIGRATIONS, type Migration } from '../../../../proxy/store/migrations/index'

describe('schema migrations', () => {
  it('brings a new database to the latest version', () => {
    const db = openMemoryDatabase()
    const latest = Math.max(...MIGRATIONS.map((m) => m.version))
    expect(db.pragma('user_version', { simple: true })).toBe(latest)
    expect(() => db.prepare('SELECT * FROM tokens').all()).not.toThrow()
  })

  it('keeps data and applies only newer migrations when reopened', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sr-db-'))
    const first = openDatabase(dir)
    first.prepare("INSERT INTO settings (key, value) VALUES ('k', 'v')").run()
    first.close()
    const extra: Migration = {
      version: 999,
      name: 'extra',
      up: (db) => db.exec('CREATE TABLE extra (id INTEGER)'),
    }
    const again = openDatabase(dir, [...MIGRATIONS, extra])
    expect(again.prepare("SELECT value FROM settings WHERE key = 'k'").get()).toEqual({ value: 'v' })
    expect(again.pragma('user_version', { simple: true })).toBe(999)
    again.close()
  })

  it('rolls back a failing migration and leaves the version where it was', () => {
    const db = new Database(':memory:')
    const broken: Migration = {
      version: 1,
      name: 'broken',
      up: (d) => d.exec('CREATE TABLE half (id INTEGER); SELECT * FROM no_such_table'),
    }
    expect(() => migrate(db, [broken])).toThrow()
    expect(db.pragma('user_version', { simple: true })).toBe(0)
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half'").get()).toBeUndefined()
  })

  it('refuses a database written by a newer proxy', () => {
    const db = new Database(':memory:')
    db.pragma('user_version = 50')
    expect(() => migrate(db, MIGRATIONS)).toThrow(/newer than this proxy/)
  })
})
