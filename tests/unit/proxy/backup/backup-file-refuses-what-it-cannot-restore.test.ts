import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { backupBeforeMigration, makeBackup } from '../../../../proxy/backup/backup'
import { BackupError, openBackup, readHeader, sealBackup } from '../../../../proxy/backup/format'
import { restoreBackup } from '../../../../proxy/backup/restore'
import { openDatabase } from '../../../../proxy/store/db'
import { SecretBox } from '../../../../proxy/store/secrets'
import { SettingsRepo } from '../../../../proxy/store/settings-repo'

const PASS = 'correct horse battery'

/** A data dir as a proxy leaves it: a database with a setting in it, and its secret.key. */
function dataDirWithState(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sr-backup-src-'))
  const db = openDatabase(dir)
  new SettingsRepo(db).set('school_name', 'Test maktabi')
  db.close()
  SecretBox.forDataDir(dir)
  writeFileSync(join(dir, 'ca.crt'), 'CA CERT')
  return dir
}

function refusal(run: () => unknown): BackupError {
  try {
    run()
  } catch (error) {
    if (error instanceof BackupError) return error
    throw error
  }
  throw new Error('expected a refusal')
}

describe('a backup file', () => {
  it('restores the database and key files byte for byte into an empty data dir, files 0600', async () => {
    const source = dataDirWithState()
    const file = await makeBackup(source, 'passphrase', PASS)
    const target = join(mkdtempSync(join(tmpdir(), 'sr-backup-dst-')), 'data')

    const result = restoreBackup({ file, secret: PASS, dataDir: target })

    expect(result.written.sort()).toEqual(['ca.crt', 'proxy.sqlite', 'secret.key'])
    expect(readFileSync(join(target, 'secret.key'))).toEqual(readFileSync(join(source, 'secret.key')))
    expect(readFileSync(join(target, 'ca.crt'), 'utf8')).toBe('CA CERT')
    expect(statSync(join(target, 'secret.key')).mode & 0o777).toBe(0o600)
    const db = openDatabase(target)
    expect(new SettingsRepo(db).get('school_name')).toBe('Test maktabi')
    db.close()
  })

  it('refuses a wrong passphrase as wrong_key and writes nothing', async () => {
    const file = await makeBackup(dataDirWithState(), 'passphrase', PASS)
    const target = mkdtempSync(join(tmpdir(), 'sr-backup-dst-'))
    expect(refusal(() => restoreBackup({ file, secret: 'not the passphrase', dataDir: target })).code).toBe(
      'wrong_key',
    )
    expect(readdirSync(target)).toEqual([])
  })

  it('tells a cut-off file from a wrong passphrase', async () => {
    const file = await makeBackup(dataDirWithState(), 'passphrase', PASS)
    for (const length of [10, 40, file.length - 1, Math.floor(file.length / 2)]) {
      expect(refusal(() => openBackup(file.subarray(0, length), PASS)).code).toBe('truncated')
    }
  })

  it('refuses a file that is not a backup as foreign', () => {
    expect(refusal(() => readHeader(Buffer.from('PK\u0003\u0004 a zip file'))).code).toBe('foreign')
    expect(refusal(() => readHeader(Buffer.alloc(0))).code).toBe('foreign')
  })

  it('refuses a changed byte in the body as wrong_key, since the tag no longer matches', async () => {
    const file = await makeBackup(dataDirWithState(), 'passphrase', PASS)
    const altered = Buffer.from(file)
    altered[altered.length - 40] = (altered[altered.length - 40] ?? 0) ^ 0xff
    expect(refusal(() => openBackup(altered, PASS)).code).toBe('wrong_key')
  })

  it('refuses a backup from a newer file format and from a newer database schema', () => {
    const newerSchema = sealBackup({
      files: [{ name: 'proxy.sqlite', bytes: Buffer.from('x') }],
      proxyVersion: '9.0.0',
      schemaVersion: 9999,
      key: 'passphrase',
      secret: PASS,
    })
    const error = refusal(() =>
      restoreBackup({ file: newerSchema, secret: PASS, dataDir: mkdtempSync(join(tmpdir(), 'x')) }),
    )
    expect(error.code).toBe('newer')
    expect(error.message).toContain('9.0.0')

    const text = newerSchema.toString('latin1').replace('"format":1', '"format":7')
    expect(refusal(() => readHeader(Buffer.from(text, 'latin1'))).code).toBe('newer')
  })

  it('leaves a data dir that already has a proxy alone unless forced, and then drops its stale WAL', async () => {
    const file = await makeBackup(dataDirWithState(), 'passphrase', PASS)
    const target = dataDirWithState()
    const before = readFileSync(join(target, 'secret.key'))
    const error = refusal(() => restoreBackup({ file, secret: PASS, dataDir: target }))
    expect(error.code).toBe('exists')
    expect(readFileSync(join(target, 'secret.key'))).toEqual(before)

    writeFileSync(join(target, 'proxy.sqlite-wal'), 'stale log')
    restoreBackup({ file, secret: PASS, dataDir: target, force: true })
    expect(existsSync(join(target, 'proxy.sqlite-wal'))).toBe(false)
    expect(readFileSync(join(target, 'secret.key'))).not.toEqual(before)
  })
})

describe('the backup a start makes before it upgrades the database', () => {
  it('is opened with the data dir’s own secret.key, and only the newest three are kept', async () => {
    const dir = dataDirWithState()
    const made: string[] = []
    for (let i = 0; i < 5; i++) {
      made.push(await backupBeforeMigration(dir, 6, new Date(Date.UTC(2026, 0, 1 + i))))
    }
    const kept = readdirSync(join(dir, 'backups')).sort()
    expect(kept).toEqual(
      made
        .slice(2)
        .map((path) => path.split('/').pop())
        .sort(),
    )
    const file = readFileSync(made[4] as string)
    expect(readHeader(file).header.key).toBe('data-key')
    const opened = openBackup(file, readFileSync(join(dir, 'secret.key')))
    expect(opened.files.map((f) => f.name)).toContain('proxy.sqlite')
  })
})
