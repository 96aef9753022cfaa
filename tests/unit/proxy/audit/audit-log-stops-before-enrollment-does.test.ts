import { describe, expect, it } from 'vitest'
import { AuditLog } from '../../../../proxy/domain/audit/audit-log'
import { createLogger } from '../../../../proxy/log'
import { AUDIT_CAPS, AuditRepo } from '../../../../proxy/store/audit-repo'
import { openMemoryDatabase } from '../../../../proxy/store/db'

const ADMIN = { name: 'SR_ADMIN_TOKEN', role: 'admin', tokenId: null }

function entry(label: string, over: Record<string, unknown> = {}) {
  return {
    actor: ADMIN,
    action: 'device.test',
    route: 'POST /api/devices/:id/test',
    target: { type: 'device', id: 'd1', label },
    result: 'ok' as const,
    status: 200,
    error: null,
    before: null,
    after: null,
    input: null,
    retryOf: null,
    ...over,
  }
}

function logWith(options: Partial<ConstructorParameters<typeof AuditLog>[0]> = {}) {
  const repo = new AuditRepo(openMemoryDatabase())
  const log = new AuditLog({ repo, logger: createLogger('silent'), retentionDays: () => 180, ...options })
  return { repo, log }
}

describe('the audit trail stays small whatever callers send', () => {
  it('cuts every stored text with a visible mark and replaces an oversized snapshot by a marker', () => {
    const { log } = logWith()
    const id = log.record(
      entry('L'.repeat(2_000_000), {
        actor: { name: 'N'.repeat(1_000_000), role: 'admin', tokenId: null },
        error: { code: 'internal', message: 'M'.repeat(1_000_000) },
        after: { rows: 'R'.repeat(1_000_000) },
      }),
    ) as number
    const stored = log.get(id)
    expect(stored?.actor.name).toMatch(new RegExp(`^N{${AUDIT_CAPS.name}}…\\[\\+\\d+ cut\\]$`))
    expect(stored?.target?.label?.length).toBeLessThan(AUDIT_CAPS.text + 20)
    expect(stored?.error?.message.length).toBeLessThan(AUDIT_CAPS.message + 20)
    expect(stored?.after).toEqual({ cut: true, chars: 1_000_011 })
  })

  it('keeps the trail within its byte bound, dropping the oldest entries first', () => {
    const { log, repo } = logWith({ maxBytes: 50_000 })
    for (let i = 0; i < 300; i += 1) log.record(entry(`n${i} ${'x'.repeat(250)}`))
    log.prune()
    expect(repo.bytes()).toBeLessThanOrEqual(50_000)
    const labels = log.list({ page: 1, limit: 200 }).data.map((item) => item.target?.label?.split(' ')[0])
    expect(labels[0]).toBe('n299')
    expect(labels).not.toContain('n0')
  })

  it('counts requests refused as too many on one entry an hour instead of one each', () => {
    let now = new Date('2026-06-01T08:00:00Z')
    const { log } = logWith({ now: () => now })
    const limited = entry('', {
      action: 'pairing.pair',
      result: 'refused' as const,
      status: 429,
      error: { code: 'rate_limited', message: 'Too many wrong codes' },
    })
    for (let i = 0; i < 40; i += 1) log.countRateLimited(limited)
    now = new Date('2026-06-01T09:30:00Z')
    log.countRateLimited(limited)
    const entries = log.list({ page: 1, limit: 50 }).data
    expect(entries.map((item) => item.after)).toEqual([{ count: 1 }, { count: 40 }])
  })
})

describe('a disk short of space stops new audit entries, not the change they record', () => {
  it('stores nothing below the reserve, counts what it dropped and says it is paused', () => {
    let free = 10 * 1024 * 1024
    const now = { t: 0 }
    const { log } = logWith({
      freeBytes: () => free,
      reserveBytes: 64 * 1024 * 1024,
      now: () => new Date(now.t),
    })
    expect(log.record(entry('a'))).toBeNull()
    expect(log.record(entry('b'))).toBeNull()
    expect(log.health()).toEqual({ paused: true, dropped: 2 })
    free = 500 * 1024 * 1024
    now.t += 10_000
    expect(log.record(entry('c'))).not.toBeNull()
    expect(log.health()).toEqual({ paused: false, dropped: 2 })
  })

  it('swallows a full-disk error from SQLite, counts it and never throws into the request', () => {
    const { log, repo } = logWith()
    repo.insert = () => {
      throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' })
    }
    expect(() => log.record(entry('x'))).not.toThrow()
    expect(log.health()).toEqual({ paused: true, dropped: 1 })
  })
})
