import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * Captured device answers (copied verbatim from the shared isapi-fixtures shelf; see fixtures/README.md for
 * where each one comes from). The simulator is built from them, and the client's tests replay them.
 */
export const FIXTURES_DIR = join(dirname(fileURLToPath(import.meta.url)), 'fixtures')

export function fixtureBytes(relative: string): Buffer {
  return readFileSync(join(FIXTURES_DIR, relative))
}

export function fixtureText(relative: string): string {
  return fixtureBytes(relative).toString('utf8')
}

export function fixtureJson<T = Record<string, unknown>>(relative: string): T {
  return JSON.parse(fixtureText(relative)) as T
}
