import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HealthResponse } from '../../../shared/api/health'
import type { Registration } from '../../../shared/api/registrations'
import { auditPage, dumpAuditTable } from '../audit/rig'
import { call, operatorToken, photo, startRig, type Rig } from '../registration/rig'

const HUGE_NAME = 'Z'.repeat(1_040_000)

async function pair(rig: Rig, body: unknown): Promise<number> {
  const response = await rig.proxy.fetch('/api/pair', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  await response.arrayBuffer()
  return response.status
}

// The attack review's flood: unauthenticated pairing requests with a megabyte name, and an operator's huge
// first name. On the real proxy none of it may grow the audit trail by more than a few KB.
describe('the audit trail cannot be used to fill the disk', () => {
  let rig: Rig
  beforeAll(async () => {
    rig = await startRig({ terminals: [{}] })
  }, 60_000)
  afterAll(async () => rig?.close())

  it('keeps refused pairings with a megabyte name as compact entries that never name the caller as actor', async () => {
    for (let i = 0; i < 20; i += 1) expect(await pair(rig, { code: '1234', name: HUGE_NAME })).toBe(400)
    const table = dumpAuditTable(rig.proxy)
    expect(table.length).toBeLessThan(40_000)
    expect(table).not.toContain('Z'.repeat(400))
    const page = await auditPage(rig.proxy, { action: 'pairing.pair', limit: '50' })
    expect(page.data).toHaveLength(20)
    for (const entry of page.data) {
      expect(entry).toMatchObject({ result: 'refused', actor: { name: 'new screen' }, retryable: false })
      expect(entry.after).toBeNull()
    }
  })

  it("marks a paired screen's own name as its own words wherever it is the actor", async () => {
    const token = await operatorToken(rig.proxy)
    const paired = (await auditPage(rig.proxy, { action: 'pairing.pair', result: 'ok' })).data[0]
    expect(paired?.actor).toMatchObject({ name: 'Kirish planshet', claimed: true, role: 'operator' })
    await call(rig.proxy, 'DELETE', `/api/devices/${rig.devices[0]?.id}`, undefined, token)
    const refused = (await auditPage(rig.proxy, { action: 'device.delete' })).data[0]
    expect(refused).toMatchObject({ result: 'refused', status: 403, actor: { claimed: true } })
  })

  it("cuts an operator's refused 1 MB first name with a visible mark", async () => {
    const token = await operatorToken(rig.proxy)
    const before = dumpAuditTable(rig.proxy).length
    const face = (await photo(480, 640)).toString('base64')
    const answer = await call(
      rig.proxy,
      'POST',
      '/api/registrations',
      {
        clientId: '0b9a3c1e-4a44-4f7e-9d6c-2f3f4a5b6c7d',
        student: { firstName: 'F'.repeat(900_000), lastName: 'Aliyev', gender: 'male' },
        face,
        deviceIds: [rig.devices[0]?.id],
      },
      token,
    )
    expect(answer.status).toBe(400)
    const grown = dumpAuditTable(rig.proxy).length - before
    expect(grown).toBeLessThan(8_000)
    const entry = (await auditPage(rig.proxy, { action: 'registration.create' })).data[0]
    expect(entry?.result).toBe('refused')
    expect(entry?.target?.label ?? '').toMatch(/…\[\+\d+ cut\]$/)
  })
  it('counts wrong codes refused as too many in one entry instead of storing each (last: it locks pairing out)', async () => {
    const statuses: number[] = []
    for (let i = 0; i < 15; i += 1) statuses.push(await pair(rig, { code: '99999999', name: 'Planshet' }))
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(9)
    const page = await auditPage(rig.proxy, { action: 'pairing.pair', limit: '200', q: 'rate_limited' })
    expect(page.data).toHaveLength(1)
    expect(page.data[0]?.after).toEqual({ count: statuses.filter((status) => status === 429).length })
  })
})

describe('a disk short of space stops the audit before it stops enrollment', () => {
  let rig: Rig
  beforeAll(async () => {
    // a reserve larger than any disk: the proxy sees its disk as nearly full from the start
    rig = await startRig({ terminals: [{}], proxy: { env: { SR_AUDIT_DISK_RESERVE_MB: '9000000' } } })
  }, 60_000)
  afterAll(async () => rig?.close())

  it('still enrolls, stores no audit row and says so in the health answer the Check page reads', async () => {
    const face = (await photo(480, 640)).toString('base64')
    const answer = await call<Registration>(rig.proxy, 'POST', '/api/registrations', {
      clientId: '6f0e2a57-54f3-4c0e-8f57-0d1c83a1b2c3',
      student: { firstName: 'Shahnoza', lastName: 'Ergasheva', gender: 'female' },
      face,
      deviceIds: [rig.devices[0]?.id],
    })
    expect(answer.status).toBe(201)
    expect(rig.terminals[0]?.state.users.has(answer.body.employeeNo)).toBe(true)
    expect(dumpAuditTable(rig.proxy)).toBe('[]')
    const health = HealthResponse.parse(await (await rig.proxy.fetch('/api/health')).json())
    expect(health.auditPaused).toBe(true)
  })
})
