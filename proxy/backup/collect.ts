import Database from 'better-sqlite3'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { BackupFile } from './format'

/** The database file, backed up online so a running proxy keeps serving. */
export const DATABASE_FILE = 'proxy.sqlite'

/**
 * Everything a proxy on another PC needs to carry on as this one: tokens, devices, outbox and settings are
 * in the database; `secret.key` opens the device passwords in it; the CA and server keys keep every paired
 * tablet trusting the proxy. The photo cache is left out: it refills from the school server.
 */
export const KEY_FILES = ['secret.key', 'ca.crt', 'ca.key', 'server.crt', 'server.key'] as const

export interface Collected {
  files: BackupFile[]
  schemaVersion: number
}

/**
 * Copies the database with SQLite's online backup (a consistent snapshot, even while registrations write)
 * and reads the key files beside it.
 */
export async function collectDataDir(dataDir: string): Promise<Collected> {
  const source = join(dataDir, DATABASE_FILE)
  if (!existsSync(source)) throw new Error(`No proxy database in ${dataDir} (is SR_DATA_DIR right?)`)
  const scratch = mkdtempSync(join(tmpdir(), 'sr-backup-'))
  try {
    const db = new Database(source, { readonly: true, fileMustExist: true })
    let schemaVersion: number
    try {
      db.pragma('busy_timeout = 5000')
      schemaVersion = db.pragma('user_version', { simple: true }) as number
      await db.backup(join(scratch, DATABASE_FILE))
    } finally {
      db.close()
    }
    const files: BackupFile[] = [{ name: DATABASE_FILE, bytes: readFileSync(join(scratch, DATABASE_FILE)) }]
    for (const name of KEY_FILES) {
      const path = join(dataDir, name)
      if (existsSync(path)) files.push({ name, bytes: readFileSync(path) })
    }
    return { files, schemaVersion }
  } finally {
    rmSync(scratch, { recursive: true, force: true })
  }
}
