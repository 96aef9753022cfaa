import { describe, expect, it } from 'vitest'
import { isRetryable, retryEntry, type RetryServices } from '../../../../proxy/domain/audit/retry'
import type { AuditRecord } from '../../../../proxy/store/audit-repo'

function failedRemoval(over: Partial<AuditRecord> = {}): AuditRecord {
  return {
    id: 7,
    at: '2026-06-01T08:00:00Z',
    actor: { name: 'Kirish planshet', role: 'admin', tokenId: 't1' },
    action: 'registration.delete',
    route: 'DELETE /api/registrations/:employeeNo',
    target: { type: 'student', id: '12345', label: 'Aliyev Jasur' },
    result: 'failed',
    status: 504,
    error: { code: 'device_unreachable', message: 'no answer' },
    before: null,
    after: null,
    input: { employeeNo: '12345' },
    retryOf: null,
    retried: false,
    ...over,
  }
}

function services(): { services: RetryServices; removed: string[] } {
  const removed: string[] = []
  const none = () => Promise.resolve(null)
  return {
    removed,
    services: {
      syncClock: none,
      applyWebhook: none,
      applyAllWebhooks: none,
      testDevice: none,
      removeRegistration: (employeeNo) => {
        removed.push(employeeNo)
        return Promise.resolve({ ok: true })
      },
      removeDeviceUser: none,
      importRows: none,
      fixStudent: none,
    },
  }
}

const CONFIRMED = { action: 'registration.delete', targetId: '12345' }

describe('a retry from the audit trail', () => {
  it('is offered only for a failure on the device side, never for a refusal or our own error', () => {
    expect(isRetryable(failedRemoval())).toBe(true)
    expect(
      isRetryable(
        failedRemoval({ result: 'refused', status: 403, error: { code: 'forbidden', message: '' } }),
      ),
    ).toBe(false)
    // entries written before refusals had their own result
    expect(isRetryable(failedRemoval({ status: 403, error: { code: 'forbidden', message: '' } }))).toBe(false)
    expect(isRetryable(failedRemoval({ status: 500, error: { code: 'internal', message: '' } }))).toBe(false)
  })

  it("re-checks the retrying screen's role against the action's own route", async () => {
    const { services: s, removed } = services()
    await expect(
      retryEntry(failedRemoval(), 7, s, { caller: { role: 'operator' }, confirm: CONFIRMED }),
    ).rejects.toMatchObject({ code: 'forbidden' })
    expect(removed).toEqual([])
    await retryEntry(failedRemoval(), 7, s, { caller: { role: 'admin' }, confirm: CONFIRMED })
    expect(removed).toEqual(['12345'])
  })

  it('repeats nothing but the action and target the person confirmed', async () => {
    const { services: s, removed } = services()
    for (const confirm of [
      { action: 'device-user.delete', targetId: '12345' },
      { action: 'registration.delete', targetId: '99999' },
    ]) {
      await expect(
        retryEntry(failedRemoval(), 7, s, { caller: { role: 'admin' }, confirm }),
      ).rejects.toMatchObject({ code: 'conflict' })
    }
    expect(removed).toEqual([])
  })
})
