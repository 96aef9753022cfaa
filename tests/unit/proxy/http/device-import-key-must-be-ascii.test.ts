import { describe, expect, it } from 'vitest'
import { createApp } from '../../../../proxy/http/app'
import { admin, json, testContext } from './test-context'

const row = { employeeNo: '1001', firstName: 'Ali', lastName: 'Valiyev', classId: 'c-1' }

describe('device import idempotency key', () => {
  const app = createApp(testContext())

  for (const idempotencyKey of ['импорт-ключ-0001', 'import key with spaces', 'kalit\u0000-0001']) {
    it(`refuses ${JSON.stringify(idempotencyKey)} as validation_failed before any backend call`, async () => {
      const response = await app.request(
        '/api/device-import/commit',
        json({ deviceId: 'd-1', idempotencyKey, rows: [row] }, admin),
      )
      expect(response.status).toBe(400)
      expect(await response.json()).toMatchObject({
        error: { code: 'validation_failed', field: 'idempotencyKey' },
      })
    })
  }

  it('lets a printable ASCII key through to the import (no school server here: 503)', async () => {
    const response = await app.request(
      '/api/device-import/commit',
      json({ deviceId: 'd-1', idempotencyKey: 'import-2026-12-07T05:00:00Z', rows: [row] }, admin),
    )
    expect(response.status).not.toBe(400)
  })
})
