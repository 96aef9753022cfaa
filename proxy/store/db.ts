import Database from 'better-sqlite3'
import { chmodSync, existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { MIGRATIONS, type Migration } from './migrations/index'

export type Db = Database.Database

/**
 * Opens (or creates) the proxy's database in the data dir and brings its schema up to date.
 * WAL keeps readers off the writer's back; `synchronous = NORMAL` is durable across process crashes,
 * which is what a killed proxy needs (power loss may lose the last transaction, never corrupt the file).
 */
export function openDatabase(dataDir: string, migrations: readonly Migration[] = MIGRATIONS): Db {
  keepPrivate(dataDir)
  const file = join(dataDir, 'proxy.sqlite')
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  for (const path of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(path)) chmodSync(path, 0o600)
  db.pragma('synchronous = NORMAL')
  db.pragma('foreign_keys = ON')
  db.pragma('busy_timeout = 5000')
  migrate(db, migrations)
  return db
}

/** The newest schema version these migrations make. */
export function latestSchemaVersion(migrations: readonly Migration[] = MIGRATIONS): number {
  return migrations.reduce((max, m) => Math.max(max, m.version), 0)
}

/** The schema version of an existing database file, read without changing it. */
export function schemaVersionOf(path: string): number {
  const db = new Database(path, { readonly: true, fileMustExist: true })
  try {
    return db.pragma('user_version', { simple: true }) as number
  } finally {
    db.close()
  }
}

/**
 * The data dir holds tokens, device passwords (sealed), the key that opens them and the CA key: only the
 * proxy's own user may enter it (0700, also when it already existed), and the files in it are 0600
 * (the proxy process also runs with umask 077, see main.ts, so what SQLite creates later is private too).
 */
export function keepPrivate(dataDir: string): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 })
  chmodSync(dataDir, 0o700)
}

/** Opens an in-memory database with the full schema, for tests of repositories and domain code. */
export function openMemoryDatabase(migrations: readonly Migration[] = MIGRATIONS): Db {
  const db = new Database(':memory:')
  db.pragma('foreign_keys = ON')
  migrate(db, migrations)
  return db
}

/**
 * Applies every migration newer than the database's `user_version`, each in its own transaction, so a
 * crash mid-upgrade leaves the database at the last complete version. A database newer than this code
 * is refused rather than touched.
 */
export function migrate(db: Db, migrations: readonly Migration[]): void {
  const current = db.pragma('user_version', { simple: true }) as number
  const latest = latestSchemaVersion(migrations)
  if (current > latest) {
    throw new Error(
      `database schema version ${current} is newer than this proxy understands (${latest}); upgrade the proxy`,
    )
  }
  const pending = [...migrations].filter((m) => m.version > current).sort((a, b) => a.version - b.version)
  for (const migration of pending) {
    db.transaction(() => {
      migration.up(db)
      db.pragma(`user_version = ${migration.version}`)
    })()
  }
}
