import { describe, expect, it } from 'vitest'
import type { Job } from '../../../../shared/api/jobs'
import { AuditLog } from '../../../../proxy/domain/audit/audit-log'
import { JobEnds, type JobFeed } from '../../../../proxy/domain/audit/job-ends'
import { createLogger } from '../../../../proxy/log'
import { AuditRepo } from '../../../../proxy/store/audit-repo'
import { openMemoryDatabase } from '../../../../proxy/store/db'

const ADMIN = { name: 'Ofis', role: 'admin', tokenId: 't-1' }

function job(state: Job['state']): Job {
  return {
    id: 'j-1',
    type: 'clone-device-to-device',
    state,
    total: 10,
    done: 3,
    skipped: 0,
    failed: 0,
    errors: [],
    startedAt: '2026-12-07T05:00:00.000Z',
    targetDeviceId: 'd-2',
    ...(state === 'cancelled' ? { cancelRequested: true } : {}),
  }
}

/** A job that runs, then ends in `final`. */
function feed(final: Job['state']): JobFeed {
  return {
    list: () => [],
    async *updates() {
      yield job('running')
      yield job(final)
    },
  }
}

async function endOf(final: Job['state']) {
  const log = new AuditLog({
    repo: new AuditRepo(openMemoryDatabase()),
    logger: createLogger('silent'),
    retentionDays: () => 180,
  })
  const ends = new JobEnds(feed(final), log, createLogger('silent'), () => 'Oshxona')
  log.record({
    actor: ADMIN,
    action: 'job.start',
    route: 'POST /api/jobs',
    target: { type: 'job', id: 'j-1', label: 'Oshxona' },
    result: 'ok',
    status: 202,
    error: null,
    before: null,
    after: null,
    input: null,
    retryOf: null,
  })
  await expect.poll(() => log.list({ page: 1, limit: 10 }).total).toBe(2)
  ends.stop()
  return log.list({ page: 1, limit: 10 }).data[0]!
}

describe('the end of a copy job in the audit', () => {
  it('records a cancelled job as cancelled, not as finished', async () => {
    const entry = await endOf('cancelled')
    expect(entry.action).toBe('job.cancelled')
    expect(entry.actor.name).toBe('Ofis')
    expect(entry.after).toMatchObject({ state: 'cancelled' })
  })

  it('records a job that ran to its end as finished', async () => {
    expect((await endOf('done')).action).toBe('job.finish')
  })

  it('records a failed job as finished and failed', async () => {
    expect(await endOf('failed')).toMatchObject({ action: 'job.finish', result: 'failed' })
  })
})
