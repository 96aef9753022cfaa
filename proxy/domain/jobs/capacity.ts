import type { JobCapacity } from '../../../shared/api/jobs'
import type { IsapiClient } from '../../isapi'

/**
 * Room on the target against what the job may bring. The limit is the smaller of the person and face
 * limits the target's capabilities state; `incoming` counts everyone on the source, including people the
 * target may already have, so `fits: false` means "may not fit", and the warning says so.
 */
export async function checkCapacity(target: IsapiClient, incoming: number): Promise<JobCapacity> {
  const caps = await target.capabilities()
  const count = await target.countUsers()
  const limits = [caps.users?.maxRecords, caps.faces?.maxRecords].filter(
    (n): n is number => typeof n === 'number' && n > 0,
  )
  const max = limits.length > 0 ? Math.min(...limits) : null
  return { max, onDevice: count.users, incoming, fits: max === null || count.users + incoming <= max }
}

export function capacityWarning(capacity: JobCapacity): string | undefined {
  if (capacity.fits || capacity.max === null) return undefined
  const room = Math.max(0, capacity.max - capacity.onDevice)
  return (
    `The target device holds at most ${capacity.max} people and already has ${capacity.onDevice}, ` +
    `so there is room for ${room} more; this job may bring up to ${capacity.incoming}. ` +
    'People that do not fit will not be added.'
  )
}
