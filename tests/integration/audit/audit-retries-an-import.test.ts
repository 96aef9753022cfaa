import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningProxy } from '../../helpers/proxy-process'
import { startBackend, type SimBackend } from '../../sim/backend'
import { startTerminal, type Terminal } from '../../sim/terminal'
import { addDevice, proxyFor } from '../check/rig'
import { auditPage, lastEntry, retry, send } from './rig'

const PHONE = '+998901112233'

// A device → school import sent while the school server was down fails; the admin retries it from the audit
// trail once the server is back, and exactly the rows typed in reach the school.
describe('retrying a failed device → school import from the audit trail', { timeout: 120_000 }, () => {
  let backend: SimBackend
  let terminal: Terminal
  let proxy: RunningProxy
  let deviceId = ''
  let classId = ''

  beforeAll(async () => {
    backend = await startBackend()
    classId = (await backend.seedSchool({ classes: 1, students: 0 })).classes[0]?.id ?? ''
    terminal = await startTerminal({
      seedUsers: [
        { employeeNo: '7100000001', name: 'Gʻulomov Oʻtkir', withFace: true },
        { employeeNo: '7100000002', name: 'Saidova Nigora', withFace: true },
      ],
    })
    proxy = await proxyFor(backend)
    deviceId = (await addDevice(proxy, terminal, 'Kirish')).id
  })

  afterAll(async () => {
    await proxy?.stop()
    await terminal?.close()
    await backend?.close()
  })

  it('records the failed import as retryable, and the retry imports the same rows', async () => {
    await backend.setMode('down')
    const failed = await send(proxy, 'POST', '/api/device-import/commit', {
      deviceId,
      idempotencyKey: randomUUID(),
      rows: [
        { employeeNo: '7100000001', lastName: 'Gʻulomov', firstName: 'Oʻtkir', classId, parentPhone: PHONE },
        { employeeNo: '7100000002', lastName: 'Saidova', firstName: 'Nigora', classId, gender: 'female' },
      ],
    })
    await backend.setMode('up')
    const original = await lastEntry(proxy, 'device-import.commit')
    expect(original, JSON.stringify(failed.body)).toMatchObject({
      result: 'failed',
      retryable: true,
      target: { type: 'import', label: 'Kirish' },
      after: { rows: 2 },
    })
    // the rows are kept for the retry only: the phone typed in is not shown in the trail
    expect(JSON.stringify(await auditPage(proxy))).not.toContain(PHONE)

    const retried = await retry(proxy, original)
    expect(retried.status, JSON.stringify(retried.body)).toBe(200)
    const entry = await lastEntry(proxy, 'device-import.commit')
    expect(entry).toMatchObject({
      retryOf: original.id,
      result: 'ok',
      after: { importedCount: 2, failedCount: 0 },
    })
    const imported = [...backend.state.students.values()].filter((s) => s.deviceStudentId?.startsWith('71'))
    expect(imported.map((s) => [s.deviceStudentId, s.parentPhone ?? null]).sort()).toEqual([
      ['7100000001', PHONE],
      ['7100000002', null],
    ])
    const attempts = (await auditPage(proxy, { action: 'device-import.commit' })).data
    expect(attempts.find((item) => item.id === original.id)?.retryable).toBe(false)
  })
})
