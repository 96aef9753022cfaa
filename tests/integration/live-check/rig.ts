import Database from 'better-sqlite3'
import { join } from 'node:path'
import type { RunningProxy } from '../../helpers/proxy-process'
import type { StudentRecord } from '../../sim/backend/state'
import type { SeedUser, Terminal } from '../../sim/terminal'

/** POSTs JSON with the given bearer token (the admin's by default); the status and parsed body. */
export async function post<T>(
  proxy: RunningProxy,
  path: string,
  body: unknown,
  token = proxy.adminToken,
): Promise<{ status: number; body: T }> {
  const response = await proxy.fetch(path, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  return { status: response.status, body: (await response.json()) as T }
}

/** School students as people already on a terminal. */
export function onTerminal(students: StudentRecord[], withFace = true): SeedUser[] {
  return students.map((s) => ({ employeeNo: s.deviceStudentId as string, name: s.name, withFace }))
}

/**
 * Ages a device's saved password past its lifetime in the proxy's own database, as 30 days would (the
 * proxy reads the expiry from there before every request to the device).
 */
export function expireCredentials(proxy: RunningProxy, deviceId: string): void {
  const db = new Database(join(proxy.dataDir, 'proxy.sqlite'))
  try {
    db.pragma('busy_timeout = 5000')
    db.prepare('UPDATE devices SET credentials_expires_at = ? WHERE id = ?').run(
      '2020-01-01T00:00:00.000Z',
      deviceId,
    )
  } finally {
    db.close()
  }
}

/** UserInfo/Search requests the terminal answered. */
export function searchesOn(terminal: Terminal): number {
  return terminal.stats.log.filter((entry) => entry.op === 'userSearch' && entry.status === 200).length
}
