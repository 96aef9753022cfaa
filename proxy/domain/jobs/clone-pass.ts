import { NO_PHOTO, type JobError } from '../../../shared/api/jobs'
import { MAX_PAGE, type DeviceCapabilities, type IsapiClient } from '../../isapi'
import type { JobItemState, JobsRepo } from '../../store/jobs-repo'
import { removePerson } from '../registration/device-ops'
import { who, type CloneItem, type CloneSource } from './clone-item'
import { Handoff } from './handoff'
import { jobError, stopsTheJob } from './job-errors'
import {
  addFaceOnly,
  verifyWritten,
  writeUnverified,
  type Unverified,
  type WriteOutcome,
} from './write-person'

/** How many people (faces in hand) the reader may be ahead of the writer. */
const LOOKAHEAD = 6

/** People written before they are read back together; the progress moves in steps of this many at most. */
const READ_BACK_BATCH = 10

export interface PassDeps {
  repo: JobsRepo
  target: IsapiClient
  source: CloneSource
  now(): Date
  /** something about the job changed (for live views) */
  changed(): void
  /** a cancel (or a shutdown) was asked for: stop after the current person */
  stopping(): boolean
  /** records numbers written to a device, so the proxy never hands them out to someone else */
  claimNumber?(employeeNo: string): void
  /** a person found on the target, or written and read back there */
  seenOnTarget?(employeeNo: string, name: string | undefined): void
}

interface Ready {
  item: CloneItem & { employeeNo: string }
  jpeg: Buffer
  /** the target has the person but no face: only the face goes up, and the person is never removed */
  faceOnly: boolean
}

/**
 * One pass over the source: the reader pages through it, asks the target in batches of 30 which people it
 * already has (skipped), and fetches the remaining faces; the writer creates each person and uploads its
 * face. Reader and writer run at once, so the source's reads (another device, or the backend and sharp)
 * hide behind the target's writes, which go one at a time through the target's own queue. People decided
 * on an earlier pass are left alone; people left `writing` by a crash are removed first and done again.
 */
export async function clonePass(jobId: string, deps: PassDeps): Promise<void> {
  await removeUnfinished(jobId, deps)
  const caps = await deps.target.capabilities()
  const handoff = new Handoff<Ready>(LOOKAHEAD)
  const abort = new AbortController()
  // The first failure is the reason; the other side's failure is then only the abort it caused.
  let first: { error: unknown } | undefined
  const fail = (error: unknown) => {
    first ??= { error }
    abort.abort()
    handoff.close()
  }
  const reading = read(jobId, deps, handoff, abort.signal).then(() => handoff.close(), fail)
  const writing = write(jobId, deps, caps, handoff).catch(fail)
  await Promise.all([reading, writing])
  if (first) throw first.error
}

/** People a previous run was writing when it stopped: off the target again, so the pass does them afresh. */
export async function removeUnfinished(jobId: string, deps: Pick<PassDeps, 'repo' | 'target' | 'changed'>) {
  for (const item of deps.repo.writing(jobId)) {
    if (item.employeeNo) await removePerson(deps.target, item.employeeNo)
    deps.repo.dropItem(jobId, item.key)
  }
  deps.changed()
}

async function read(jobId: string, deps: PassDeps, handoff: Handoff<Ready>, signal: AbortSignal) {
  const decided = deps.repo.itemStates(jobId)
  for await (const page of deps.source.pages(signal)) {
    if (deps.stopping() || signal.aborted) return
    deps.repo.setTotal(jobId, page.total)
    const fresh = page.items.filter((item) => !decided.has(item.key))
    for (const item of fresh) decided.set(item.key, 'writing')
    const writable = refuseUnwritable(jobId, deps, fresh)
    const present = await presentOnTarget(deps.target, writable, signal)
    for (const item of writable) {
      if (present.get(item.employeeNo) === 'with-face') {
        record(jobId, deps, item, 'skipped')
        deps.seenOnTarget?.(item.employeeNo, undefined)
      }
    }
    deps.changed()
    for (const item of writable.filter((i) => present.get(i.employeeNo) !== 'with-face')) {
      if (deps.stopping() || signal.aborted) return
      const jpeg = await faceOrReason(jobId, deps, item, signal)
      const faceOnly = present.get(item.employeeNo) === 'faceless'
      if (jpeg && !(await handoff.put({ item, jpeg, faceOnly }))) return
    }
  }
}

async function write(
  jobId: string,
  deps: PassDeps,
  caps: DeviceCapabilities | null,
  handoff: Handoff<Ready>,
) {
  try {
    await writeAll(jobId, deps, caps, handoff)
  } finally {
    // A writer that stops (cancel, shutdown) lets a reader waiting for room go.
    handoff.close()
  }
}

/**
 * Writes each person and face as they come, and reads them back READ_BACK_BATCH at a time in one search:
 * a search per person would cost the target nearly a tenth of its time again. A person stays `writing`
 * until read back, so a crash before that takes them off at the next pass like any half-written one.
 */
async function writeAll(
  jobId: string,
  deps: PassDeps,
  caps: DeviceCapabilities | null,
  handoff: Handoff<Ready>,
) {
  const unverified: Unverified[] = []
  const settle = async () => {
    for (const { person, outcome } of await verifyWritten(deps.target, unverified.splice(0)))
      finish(jobId, deps, person.item, outcome)
    deps.changed()
  }
  try {
    await writeEach(jobId, deps, caps, handoff, unverified, settle)
  } catch (error) {
    // The target failed the job (full, gone): the people written before that still count once read back.
    await settle().catch(() => undefined)
    throw error
  }
  await settle()
}

async function writeEach(
  jobId: string,
  deps: PassDeps,
  caps: DeviceCapabilities | null,
  handoff: Handoff<Ready>,
  unverified: Unverified[],
  settle: () => Promise<void>,
) {
  for (;;) {
    const next = deps.stopping() ? undefined : await handoff.take()
    if (!next) return
    const { item, jpeg, faceOnly } = next
    if (faceOnly) {
      finish(jobId, deps, item, await addFaceOnly(deps.target, item, jpeg))
    } else {
      // Stored before the first packet: a crash from here on leaves a name to clean up, not a mystery. A
      // person the target had before the job is not ours to remove, so it is never marked `writing`.
      record(jobId, deps, item, 'writing')
      const written = await writeUnverified(deps.target, caps, item, jpeg)
      if (written.state === 'written') unverified.push(written.person)
      else finish(jobId, deps, item, written)
      if (unverified.length >= READ_BACK_BATCH) await settle()
    }
    deps.changed()
  }
}

function finish(
  jobId: string,
  deps: PassDeps,
  item: CloneItem & { employeeNo: string },
  outcome: WriteOutcome,
) {
  if (outcome.state === 'failed') record(jobId, deps, item, 'failed', outcome.error)
  else record(jobId, deps, item, outcome.state)
  if (outcome.state === 'done') deps.claimNumber?.(item.employeeNo)
  if (outcome.state !== 'failed') deps.seenOnTarget?.(item.employeeNo, item.name)
}

/**
 * People with no number or no photo are reported at once and never reach the target. One without a photo is
 * passed over (skipped, with the reason), not an error: nothing went wrong, there is just nothing to write.
 */
function refuseUnwritable(
  jobId: string,
  deps: PassDeps,
  items: CloneItem[],
): Array<CloneItem & { employeeNo: string }> {
  const writable: Array<CloneItem & { employeeNo: string }> = []
  for (const item of items) {
    if (item.refusal || !item.employeeNo) {
      const error = item.refusal ?? { ...who(item), code: 'validation_failed', message: 'No employee number' }
      record(jobId, deps, item, error.code === NO_PHOTO ? 'skipped' : 'failed', error)
    } else writable.push(item as CloneItem & { employeeNo: string })
  }
  return writable
}

/**
 * Which of these people the target already has: one search per 30 (EmployeeNoList), not one per person.
 * A person the device counts no face for is `faceless`; firmware that does not count faces is trusted.
 */
async function presentOnTarget(
  target: IsapiClient,
  items: Array<{ employeeNo: string }>,
  signal: AbortSignal,
): Promise<Map<string, 'with-face' | 'faceless'>> {
  const present = new Map<string, 'with-face' | 'faceless'>()
  for (let i = 0; i < items.length; i += MAX_PAGE) {
    const employeeNos = items.slice(i, i + MAX_PAGE).map((item) => item.employeeNo)
    const page = await target.searchUsers({ employeeNos, max: MAX_PAGE }, { signal })
    for (const user of page.users)
      present.set(user.employeeNo, user.numOfFace === 0 ? 'faceless' : 'with-face')
  }
  return present
}

async function faceOrReason(
  jobId: string,
  deps: PassDeps,
  item: CloneItem,
  signal: AbortSignal,
): Promise<Buffer | undefined> {
  try {
    return await item.face(signal)
  } catch (error) {
    if (stopsTheJob(error) || signal.aborted) throw error
    record(jobId, deps, item, 'failed', jobError(error, who(item)))
    deps.changed()
    return undefined
  }
}

function record(jobId: string, deps: PassDeps, item: CloneItem, state: JobItemState, error?: JobError) {
  deps.repo.setItem(jobId, { key: item.key, ...who(item) }, state, deps.now().toISOString(), error ?? null)
}
