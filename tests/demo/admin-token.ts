import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/**
 * The demo proxy's SR_ADMIN_TOKEN, made once per data dir and kept in a file only its owner can read, so
 * that it is never printed and stays the same from run to run (for curl and scripts).
 */
export function demoAdminToken(dataDir: string): { token: string; file: string } {
  const file = join(dataDir, 'demo-admin-token')
  if (existsSync(file)) {
    const token = readFileSync(file, 'utf8').trim()
    if (/^\S{16,256}$/.test(token)) return { token, file }
  }
  const token = `demo-${randomBytes(24).toString('hex')}`
  writeFileSync(file, token + '\n', { mode: 0o600 })
  return { token, file }
}
