import { chmodSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase, openMemoryDatabase } from '../../../../proxy/store/db'
import { m012SlowPairingCodes } from '../../../../proxy/store/migrations/012-slow-pairing-codes'
import { hashPairingCode, pairingCodeMatches } from '../../../../proxy/store/pairing-code-hash'
import { PairingCodesRepo } from '../../../../proxy/store/pairing-codes-repo'
import { SealedSettings } from '../../../../proxy/store/sealed-settings'
import { SecretBox } from '../../../../proxy/store/secrets'
import { secretHash } from '../../../../proxy/store/secret-hash'
import { SettingsRepo } from '../../../../proxy/store/settings-repo'

const made: string[] = []
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true })
})

const mode = (path: string) => statSync(path).mode & 0o777

describe('the data dir', () => {
  it('is 0700 and the database files 0600, also when the dir already existed open to others', () => {
    const parent = mkdtempSync(join(tmpdir(), 'sr-perm-'))
    made.push(parent)
    const dataDir = join(parent, 'data')
    const db = openDatabase(dataDir)
    db.prepare("INSERT INTO settings (key, value) VALUES ('k', 'v')").run()
    expect(mode(dataDir)).toBe(0o700)
    expect(mode(join(dataDir, 'proxy.sqlite'))).toBe(0o600)
    expect(mode(join(dataDir, 'proxy.sqlite-wal'))).toBe(0o600)
    db.close()

    const open = join(parent, 'open')
    openDatabase(open).close()
    chmodSync(open, 0o755)
    chmodSync(join(open, 'proxy.sqlite'), 0o644)
    openDatabase(open).close()
    expect(mode(open)).toBe(0o700)
    expect(mode(join(open, 'proxy.sqlite'))).toBe(0o600)
  })
})

describe('pairing codes at rest', () => {
  it('are salted scrypt hashes: not the plain digest, different for the same code', () => {
    const a = hashPairingCode('123456')
    const b = hashPairingCode('123456')
    expect(a).not.toBe(b)
    expect(a).not.toContain(secretHash('123456'))
    expect(a).toMatch(/^scrypt1:/)
    expect(pairingCodeMatches('123456', a)).toBe(true)
    expect(pairingCodeMatches('123457', a)).toBe(false)
    expect(pairingCodeMatches('123456', secretHash('123456'))).toBe(false)
  })

  it('leave no digest in the table that trying every code would find', () => {
    const db = openMemoryDatabase()
    const { code } = new PairingCodesRepo(db).issue('operator', { digits: 6, ttlMs: 60_000 })
    const stored = db.prepare('SELECT hash FROM pairing_codes').pluck().all() as string[]
    expect(stored).toHaveLength(1)
    expect(stored[0]).not.toBe(secretHash(code))
    expect(new PairingCodesRepo(db).redeem(code)).toBe('operator')
  })

  it('are migrated by dropping the old unsalted digests, which nothing can match', () => {
    const db = openMemoryDatabase()
    const insert = db.prepare(
      "INSERT INTO pairing_codes (hash, role, created_at) VALUES (?, 'admin', '2026-01-01T00:00:00Z')",
    )
    insert.run(secretHash('12345678'))
    insert.run(hashPairingCode('87654321'))
    m012SlowPairingCodes.up(db)
    const left = db.prepare('SELECT hash FROM pairing_codes').pluck().all() as string[]
    expect(left).toHaveLength(1)
    expect(left[0]).toMatch(/^scrypt1:/)
  })
})

describe('the webhook secret at rest', () => {
  const URLS = JSON.stringify({ in: 'http://127.0.0.1:9/webhook/in?secret=hush0hush0' })

  it('is sealed like device passwords, and read back as it was', () => {
    const raw = new SettingsRepo(openMemoryDatabase())
    const sealed = new SealedSettings(raw, SecretBox.withKey(Buffer.alloc(32, 7)), ['webhooks.info'])
    sealed.set('webhooks.info', URLS)
    expect(raw.get('webhooks.info')).not.toContain('hush0hush0')
    expect(sealed.get('webhooks.info')).toBe(URLS)
    sealed.set('other', 'plain')
    expect(raw.get('other')).toBe('plain')
  })

  it('kept in plain text by an older proxy is sealed at start-up', () => {
    const raw = new SettingsRepo(openMemoryDatabase())
    raw.set('webhooks.info', URLS)
    const sealed = new SealedSettings(raw, SecretBox.withKey(Buffer.alloc(32, 7)), ['webhooks.info'])
    expect(sealed.get('webhooks.info')).toBe(URLS)
    sealed.sealExisting()
    expect(raw.get('webhooks.info')).not.toContain('hush0hush0')
    expect(sealed.get('webhooks.info')).toBe(URLS)
  })
})
