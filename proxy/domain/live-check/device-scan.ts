import type { LiveCheckError, LiveState } from '../../../shared/api/live-check'
import { AppError } from '../../../shared/errors'
import { MAX_PAGE, type IsapiClient } from '../../isapi'

/** What one device holds of each number asked, or why it could not be asked. */
export type DeviceScan =
  | { ok: true; states: Map<string, LiveState>; names: Map<string, string> }
  | { ok: false; state: LiveState; error: LiveCheckError }

/** The login is the problem: a new password fixes it, waiting does not. */
const LOGIN_CODES = new Set(['credentials_expired', 'device_auth_failed', 'device_locked'])

/**
 * Asks one device about many numbers with `UserInfo/Search` and an `EmployeeNoList` per request, as many
 * numbers per request as the device takes (its `maxResults`, at most 30). The client's queue keeps this
 * device's requests one at a time. A failure of any request stands for the whole device.
 */
export async function scanDevice(
  client: () => IsapiClient,
  employeeNos: readonly string[],
): Promise<DeviceScan> {
  try {
    const device = client()
    const batch = await batchSize(device)
    const states = new Map<string, LiveState>(employeeNos.map((no) => [no, 'ABSENT']))
    const names = new Map<string, string>()
    for (let i = 0; i < employeeNos.length; i += batch) {
      await searchBatch(device, employeeNos.slice(i, i + batch), states, names)
    }
    return { ok: true, states, names }
  } catch (error) {
    return failedScan(error)
  }
}

async function batchSize(device: IsapiClient): Promise<number> {
  const caps = await device.capabilities()
  return Math.max(1, Math.min(MAX_PAGE, caps.users?.searchMaxResults ?? MAX_PAGE))
}

async function searchBatch(
  device: IsapiClient,
  batch: string[],
  states: Map<string, LiveState>,
  names: Map<string, string>,
) {
  const wanted = new Set(batch)
  let position = 0
  for (;;) {
    const page = await device.searchUsers({ employeeNos: batch, max: batch.length, position })
    for (const user of page.users) {
      if (!wanted.has(user.employeeNo)) continue
      // firmware that does not count faces is taken at its word that the person is there
      states.set(user.employeeNo, user.numOfFace === 0 ? 'NO_FACE' : 'PRESENT')
      if (user.name) names.set(user.employeeNo, user.name)
    }
    position += page.users.length
    if (page.status !== 'MORE' || page.users.length === 0) return
  }
}

/**
 * `credentials_expired` (the saved password is past its lifetime), `device_auth_failed` and
 * `device_locked` → CREDENTIALS_EXPIRED; anything else (unreachable, timed out, a nonsense answer, an
 * address outside the school network) → OFFLINE, with the code saying which.
 */
export function failedScan(error: unknown): Extract<DeviceScan, { ok: false }> {
  const reason =
    error instanceof AppError
      ? { code: error.code, message: error.message }
      : { code: 'internal', message: error instanceof Error ? error.message : String(error) }
  return { ok: false, state: LOGIN_CODES.has(reason.code) ? 'CREDENTIALS_EXPIRED' : 'OFFLINE', error: reason }
}
