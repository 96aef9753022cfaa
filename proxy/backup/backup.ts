import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { PROXY_VERSION } from '../config'
import { collectDataDir } from './collect'
import { sealBackup, type KeySource } from './format'

/** Makes one encrypted backup file of a data dir (the proxy may be running). */
export async function makeBackup(dataDir: string, key: KeySource, secret: string | Buffer): Promise<Buffer> {
  const { files, schemaVersion } = await collectDataDir(dataDir)
  return sealBackup({ files, schemaVersion, proxyVersion: PROXY_VERSION, key, secret })
}

export const AUTO_BACKUP_DIR = 'backups'
const AUTO_BACKUPS_KEPT = 3
const AUTO_PREFIX = 'before-migration-'

/**
 * The backup a start makes before it changes the database's schema, locked with the data dir's own
 * `secret.key` (nobody is there to type a passphrase at a service start). It lets an upgrade be rolled
 * back on this PC: `npm run restore -- data/backups/<file> --force`. The newest three are kept.
 */
export async function backupBeforeMigration(
  dataDir: string,
  fromVersion: number,
  now = new Date(),
): Promise<string> {
  const keyPath = join(dataDir, 'secret.key')
  if (!existsSync(keyPath)) throw new Error(`${keyPath} is missing`)
  const file = await makeBackup(dataDir, 'data-key', readFileSync(keyPath))
  const dir = join(dataDir, AUTO_BACKUP_DIR)
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  const stamp = now.toISOString().replace(/[:.]/g, '-')
  const path = join(dir, `${AUTO_PREFIX}v${fromVersion}-${stamp}.srbackup`)
  writeFileSync(path, file, { mode: 0o600 })
  const old = readdirSync(dir)
    .filter((name) => name.startsWith(AUTO_PREFIX))
    .sort((a, b) => stampOf(b).localeCompare(stampOf(a)))
    .slice(AUTO_BACKUPS_KEPT)
  for (const name of old) rmSync(join(dir, name), { force: true })
  return path
}

/** The ISO time in a file name sorts as text; the schema version before it does not. */
function stampOf(name: string): string {
  return name.replace(/^before-migration-v\d+-/, '')
}
