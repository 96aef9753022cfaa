import { describe, expect, it } from 'vitest'
import { AuditLog } from '../../../../proxy/domain/audit/audit-log'
import { cell } from '../../../../proxy/domain/audit/csv'
import {
  deviceInputSnapshot,
  deviceSnapshot,
  registrationSnapshot,
} from '../../../../proxy/domain/audit/snapshots'
import { createLogger } from '../../../../proxy/log'
import { AuditRepo } from '../../../../proxy/store/audit-repo'
import { openMemoryDatabase } from '../../../../proxy/store/db'

const ADMIN = { name: 'SR_ADMIN_TOKEN', role: 'admin', tokenId: null }

function entryAt(at: string, label: string) {
  return {
    at,
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
  }
}

describe('the audit log', () => {
  it('keeps at most its row cap, newest first, whatever the retention', () => {
    const repo = new AuditRepo(openMemoryDatabase())
    const log = new AuditLog({ repo, logger: createLogger('silent'), retentionDays: () => 180, maxRows: 5 })
    for (let i = 0; i < 8; i += 1) log.record(entryAt(new Date().toISOString(), `n${i}`))
    expect(log.prune()).toBe(3)
    const page = log.list({ page: 1, limit: 50 })
    expect(page.total).toBe(5)
    expect(page.data.map((entry) => entry.target?.label)).toEqual(['n7', 'n6', 'n5', 'n4', 'n3'])
  })

  it('drops entries older than the retention it is told at prune time', () => {
    const repo = new AuditRepo(openMemoryDatabase())
    let days = 180
    const now = new Date('2026-06-01T00:00:00Z')
    const log = new AuditLog({
      repo,
      logger: createLogger('silent'),
      retentionDays: () => days,
      now: () => now,
    })
    log.record(entryAt('2025-11-01T00:00:00Z', 'seven months'))
    log.record(entryAt('2026-04-01T00:00:00Z', 'two months'))
    log.record(entryAt('2026-05-25T00:00:00Z', 'a week'))
    expect(log.prune()).toBe(1)
    days = 30
    expect(log.prune()).toBe(1)
    expect(log.list({ page: 1, limit: 10 }).data.map((entry) => entry.target?.label)).toEqual(['a week'])
  })

  it('pages through long exports without holding a statement open', () => {
    const repo = new AuditRepo(openMemoryDatabase())
    for (let i = 0; i < 25; i += 1) repo.insert(entryAt(new Date().toISOString(), `n${i}`))
    const labels = [...repo.iterate({}, 10)].map((record) => record.target?.label)
    expect(labels).toHaveLength(25)
    expect(labels[0]).toBe('n24')
    expect(labels.at(-1)).toBe('n0')
  })
})

describe('audit snapshots keep only allowed fields', () => {
  it('never keeps a password, only that one was given, and no field it does not know', () => {
    const input = {
      name: 'Kirish',
      host: '10.0.0.5',
      username: 'admin',
      password: 'Parol#1',
      token: 'x',
      extra: 1,
    }
    expect(deviceInputSnapshot(input)).toEqual({
      name: 'Kirish',
      host: '10.0.0.5',
      username: 'admin',
      passwordChanged: true,
    })
    expect(deviceSnapshot({ id: 'd', name: 'Kirish', password: 'Parol#1', secret: 's' })).toEqual({
      id: 'd',
      name: 'Kirish',
    })
  })

  it('keeps a registration’s outcome per device but never its photo', () => {
    const snapshot = registrationSnapshot({
      employeeNo: '1234567890',
      status: 'FAILED',
      face: 'AAAA',
      devices: [
        { deviceId: 'a', status: 'ROLLED_BACK', faceUrl: 'http://x/face?token=t' },
        {
          deviceId: 'b',
          status: 'FAILED',
          error: { code: 'device_unreachable', message: 'no answer', stack: 's' },
        },
      ],
      backend: { status: 'off', token: 't' },
    })
    expect(snapshot).toEqual({
      employeeNo: '1234567890',
      status: 'FAILED',
      devices: [
        { deviceId: 'a', status: 'ROLLED_BACK' },
        { deviceId: 'b', status: 'FAILED', error: { code: 'device_unreachable', message: 'no answer' } },
      ],
      backend: { status: 'off' },
    })
  })
})

describe('audit CSV cells', () => {
  it('defuse what a spreadsheet would run as a formula and quote what would break a row', () => {
    expect(cell('=1+2')).toBe("'=1+2")
    expect(cell('+998901234567')).toBe("'+998901234567")
    expect(cell('-5')).toBe("'-5")
    expect(cell('@SUM(A1)')).toBe("'@SUM(A1)")
    expect(cell('Oʻtkir, "Gʻulomov"\nx')).toBe('"Oʻtkir, ""Gʻulomov""\nx"')
    expect(cell('Шахноза')).toBe('Шахноза')
  })
})
