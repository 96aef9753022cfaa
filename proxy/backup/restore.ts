import { chmodSync, existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { MIGRATIONS } from '../store/migrations/index'
import { DATABASE_FILE, KEY_FILES } from './collect'
import { BackupError, openBackup, type BackupHeader } from './format'

const KNOWN = new Set<string>([DATABASE_FILE, ...KEY_FILES])

export interface RestoreInput {
  file: Buffer
  /** the passphrase, or the bytes of `secret.key` for a backup the proxy made by itself */
  secret: string | Buffer
  dataDir: string
  /** replace files that are already there */
  force?: boolean
}

export interface RestoreResult {
  header: BackupHeader
  written: string[]
}

/**
 * Writes a backup's files into a data dir. Refuses a backup from a newer schema (this proxy could not
 * read it) and, without `force`, any data dir that already holds one of the files, so a slip of the
 * command line never replaces a working proxy's state.
 */
export function restoreBackup(input: RestoreInput): RestoreResult {
  const { header, files } = openBackup(input.file, input.secret)
  const latest = MIGRATIONS.reduce((max, m) => Math.max(max, m.version), 0)
  if (header.schemaVersion > latest) {
    throw new BackupError(
      'newer',
      `This backup comes from a newer proxy (${header.proxyVersion}, database version ${header.schemaVersion}; this one knows ${latest}). Upgrade this proxy first.`,
    )
  }
  const unknown = files.find((file) => !KNOWN.has(file.name))
  if (unknown || !files.some((file) => file.name === DATABASE_FILE)) {
    throw new BackupError('damaged', 'The backup file does not hold a proxy database.')
  }
  mkdirSync(input.dataDir, { recursive: true, mode: 0o700 })
  const present = files.map((file) => file.name).filter((name) => existsSync(join(input.dataDir, name)))
  if (present.length > 0 && !input.force) {
    throw new BackupError(
      'exists',
      `${input.dataDir} already holds ${present.join(', ')}; nothing was changed. Use --force to replace them.`,
    )
  }
  // a stale write-ahead log beside a replaced database would be replayed into it on the next open
  for (const suffix of ['-wal', '-shm']) rmSync(join(input.dataDir, DATABASE_FILE + suffix), { force: true })
  for (const file of files) {
    const target = join(input.dataDir, file.name)
    const temporary = `${target}.restore-${process.pid}`
    writeFileSync(temporary, file.bytes, { mode: 0o600 })
    chmodSync(temporary, 0o600)
    renameSync(temporary, target)
  }
  return { header, written: files.map((file) => file.name) }
}
