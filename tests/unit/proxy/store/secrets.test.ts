import { describe, expect, it } from 'vitest'
import { mkdtempSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { SecretBox } from '../../../../proxy/store/secrets'

describe('secrets at rest', () => {
  it('round-trips a password and never stores it in clear', () => {
    const box = SecretBox.forDataDir(mkdtempSync(join(tmpdir(), 'sr-sec-')))
    const sealed = box.seal('Parol#2026')
    expect(sealed).not.toContain('Parol')
    expect(box.open(sealed)).toBe('Parol#2026')
    expect(box.seal('same')).not.toBe(box.seal('same'))
  })

  it('keeps one key file, readable by the owner only, across restarts', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sr-sec-'))
    const sealed = SecretBox.forDataDir(dir).seal('x')
    expect(statSync(join(dir, 'secret.key')).mode & 0o777).toBe(0o600)
    expect(SecretBox.forDataDir(dir).open(sealed)).toBe('x')
  })

  it('refuses a tampered secret and a foreign key', () => {
    const box = SecretBox.forDataDir(mkdtempSync(join(tmpdir(), 'sr-sec-')))
    const sealed = box.seal('secret')
    const parts = sealed.split(':')
    parts[3] = Buffer.from('SECRET').toString('base64')
    expect(() => box.open(parts.join(':'))).toThrow()
    const other = SecretBox.forDataDir(mkdtempSync(join(tmpdir(), 'sr-sec-')))
    expect(() => other.open(sealed)).toThrow()
  })

  it('refuses a damaged key file instead of making a new one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sr-sec-'))
    writeFileSync(join(dir, 'secret.key'), 'short')
    expect(() => SecretBox.forDataDir(dir)).toThrow(/256-bit key/)
  })
})
