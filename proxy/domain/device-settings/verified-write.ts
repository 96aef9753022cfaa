import { AppError } from '../../../shared/errors'

/** One settings write with its safety net, in the words of the thing being written. */
export interface VerifiedWrite<S> {
  /** what is written, for messages: "door parameters" */
  what: string
  read: () => Promise<S>
  write: (snapshot: S) => Promise<void>
  /** puts a snapshot back as it was */
  restore: (snapshot: S) => Promise<void>
  /** the read-back holds what was asked */
  kept: (after: S) => boolean
  /** the read-back equals the snapshot again */
  same: (a: S, b: S) => boolean
  /** what the device kept instead, for the message; "did not keep the new <what>" when absent */
  mismatch?: (after: S) => string
}

export interface Written<S> {
  before: S
  after: S
}

/**
 * Snapshot, write, read back; a read-back that differs from what was asked puts the snapshot back (and reads
 * that back too) and fails with `device_not_applied`, carrying `before`, `actual` and `restored`; a write
 * the device refuses is passed on with its own reason, after the snapshot was put back in case half of it
 * landed. Firmware is known to answer OK and keep nothing, so the device's OK alone never counts.
 */
export async function writeVerified<S>(job: VerifiedWrite<S>, expected: unknown): Promise<Written<S>> {
  const before = await job.read()
  try {
    await job.write(before)
  } catch (error) {
    await putBack(job, before)
    throw error
  }
  const after = await job.read()
  if (job.kept(after)) return { before, after }
  const restored = await putBack(job, before)
  throw new AppError(
    'device_not_applied',
    `The device answered OK but ${job.mismatch?.(after) ?? `did not keep the new ${job.what}`}` +
      (restored ? '; its previous settings were put back' : '; its previous settings could not be put back'),
    { details: { expected, actual: after, before, restored } },
  )
}

async function putBack<S>(job: VerifiedWrite<S>, before: S): Promise<boolean> {
  try {
    const now = await job.read()
    if (job.same(now, before)) return true
    await job.restore(before)
    return job.same(await job.read(), before)
  } catch {
    return false
  }
}
