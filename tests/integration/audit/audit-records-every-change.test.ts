import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Device } from '../../../shared/api/devices'
import type { RunningProxy } from '../../helpers/proxy-process'
import { startBackend, type SimBackend } from '../../sim/backend'
import { startTerminal, type Terminal } from '../../sim/terminal'
import { addDevice, proxyFor } from '../check/rig'
import { people } from '../jobs/job-helpers'
import { photo } from '../registration/rig'
import { auditPage, dumpAuditTable, lastEntry, send } from './rig'

const ADMIN = { name: 'SR_ADMIN_TOKEN', role: 'admin', tokenId: null }

// The real proxy process over HTTP, the school server simulator and three simulated terminals: each kind of
// change leaves its entry, with who did it, to what, how it ended and what changed, and never a secret.
describe('the audit trail records every change made through the API', () => {
  let backend: SimBackend
  let proxy: RunningProxy
  let entrance: Terminal
  let exit: Terminal
  let source: Terminal
  const devices: Record<string, Device> = {}
  const secrets: string[] = []
  let classId = ''

  beforeAll(async () => {
    backend = await startBackend()
    classId = (await backend.seedSchool({ classes: 1, students: 0 })).classes[0]?.id ?? ''
    proxy = await proxyFor(backend)
    entrance = await startTerminal({ model: 'ds-k1t342mwx', password: 'Kirish#Parol-7781' })
    exit = await startTerminal({ model: 'ds-k1t341am', password: 'Chiqish#Parol-5512' })
    source = await startTerminal({ model: 'ds-k1t341am', password: 'Manba#Parol-9034', seedUsers: people(3) })
    secrets.push(entrance.password, exit.password, source.password, backend.credentials.admin.password)
  }, 60_000)

  afterAll(async () => {
    await proxy?.stop()
    await Promise.all([entrance?.close(), exit?.close(), source?.close(), backend?.close()])
  })

  it('records a device added, changed and a refused add, with the device before and after (no password)', async () => {
    devices.entrance = await addDevice(proxy, entrance, 'Asosiy kirish', 'in')
    devices.exit = await addDevice(proxy, exit, 'Chiqish', 'out')
    devices.source = await addDevice(proxy, source, 'Eski terminal')

    const added = await lastEntry(proxy, 'device.create', devices.entrance.id)
    expect(added).toMatchObject({
      actor: ADMIN,
      route: 'POST /api/devices',
      result: 'ok',
      status: 201,
      target: { type: 'device', id: devices.entrance.id, label: 'Asosiy kirish' },
      before: null,
      after: { name: 'Asosiy kirish', host: entrance.host, port: entrance.port, hasPassword: true },
    })

    const changed = await send(proxy, 'PATCH', `/api/devices/${devices.entrance.id}`, {
      name: 'Bosh kirish',
      password: entrance.password,
    })
    expect(changed.status).toBe(200)
    const update = await lastEntry(proxy, 'device.update', devices.entrance.id)
    expect(update).toMatchObject({
      result: 'ok',
      target: { label: 'Asosiy kirish' },
      before: { name: 'Asosiy kirish' },
      after: { name: 'Bosh kirish' },
    })

    const refused = await send(proxy, 'POST', '/api/devices', {
      name: 'Tashqi',
      host: '8.8.8.8',
      username: 'admin',
      password: 'Tashqi#Parol-1234',
    })
    secrets.push('Tashqi#Parol-1234')
    expect(refused.status).toBe(403)
    // refused before anything was attempted: a compact entry, no snapshot of what was asked
    const failedAdd = (await auditPage(proxy, { action: 'device.create', result: 'refused' })).data[0]
    expect(failedAdd).toMatchObject({
      result: 'refused',
      status: 403,
      error: { code: 'host_not_allowed' },
      target: { label: 'Tashqi' },
      after: null,
      retryable: false,
    })
  })

  it('records a student registered onto two terminals with each terminal’s result and the face check’s override', async () => {
    const face = (await photo(480, 640)).toString('base64')
    secrets.push(face.slice(0, 64))
    const answer = await send(proxy, 'POST', '/api/registrations', {
      clientId: randomUUID(),
      student: { firstName: 'Dilnoza', lastName: 'Rahimova', gender: 'female', classId },
      face,
      deviceIds: [devices.entrance?.id, devices.exit?.id],
      faceCheck: { state: 'overridden', problem: 'turned' },
    })
    expect(answer.status, JSON.stringify(answer.body)).toBe(201)
    const employeeNo = (answer.body as { employeeNo: string }).employeeNo

    const entry = await lastEntry(proxy, 'registration.create', employeeNo)
    expect(entry).toMatchObject({
      actor: ADMIN,
      result: 'ok',
      target: { type: 'student', id: employeeNo, label: 'Rahimova Dilnoza' },
      after: {
        employeeNo,
        status: 'SUCCESS',
        student: { firstName: 'Dilnoza', lastName: 'Rahimova', gender: 'female' },
        devices: [
          { deviceId: devices.entrance?.id, status: 'SUCCESS' },
          { deviceId: devices.exit?.id, status: 'SUCCESS' },
        ],
        faceCheck: { state: 'overridden', problem: 'turned' },
      },
    })
  })

  it('records a webhook write that failed on a switched-off terminal, as retryable', async () => {
    await exit.setOffline(true)
    const answer = await send(proxy, 'POST', `/api/devices/${devices.exit?.id}/webhook/apply`)
    expect(answer.status).toBeGreaterThanOrEqual(400)
    const entry = await lastEntry(proxy, 'device.webhook.apply', devices.exit?.id)
    expect(entry).toMatchObject({
      result: 'failed',
      error: { code: 'device_unreachable' },
      target: { type: 'device', id: devices.exit?.id, label: 'Chiqish' },
      retryable: true,
    })
    await exit.setOffline(false)

    const written = await send(proxy, 'POST', `/api/devices/${devices.entrance?.id}/webhook/apply`)
    expect(written.status).toBe(200)
    const ok = await lastEntry(proxy, 'device.webhook.apply', devices.entrance?.id)
    expect(ok).toMatchObject({ result: 'ok', after: { inSync: true }, retryable: false })
    const school = backend.state.schools.get(backend.schoolId)
    secrets.push(school?.webhookSecretIn ?? 'no-secret', school?.webhookSecretOut ?? 'no-secret')
  })

  it('records a clone job started, and its end when it finishes later, in the starter’s name', async () => {
    const started = await send(proxy, 'POST', '/api/jobs', {
      type: 'clone-device-to-device',
      sourceDeviceId: devices.source?.id,
      targetDeviceId: devices.entrance?.id,
    })
    expect(started.status).toBe(202)
    const jobId = (started.body as { id: string }).id
    expect(await lastEntry(proxy, 'job.start', jobId)).toMatchObject({
      actor: ADMIN,
      result: 'ok',
      target: { type: 'job', id: jobId, label: 'Bosh kirish' },
      after: { type: 'clone-device-to-device', targetDeviceId: devices.entrance?.id },
    })
    await expect
      .poll(async () => (await auditPage(proxy, { action: 'job.finish' })).data[0], { timeout: 60_000 })
      .toMatchObject({
        actor: ADMIN,
        result: 'ok',
        route: null,
        target: { type: 'job', id: jobId },
        after: { state: 'done', total: 3, done: 3 },
      })
  }, 90_000)

  it('records pairing, an operator refused, a rename and a revoke; the code and token stay out', async () => {
    const code = await send(proxy, 'POST', '/api/pairing-codes', { role: 'operator' })
    const pairingCode = (code.body as { code: string }).code
    secrets.push(pairingCode)
    expect(await lastEntry(proxy, 'pairing.code.create')).toMatchObject({
      actor: ADMIN,
      result: 'ok',
      after: { role: 'operator' },
    })

    const wrong = await proxy.fetch('/api/pair', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: '000000', name: 'Begona' }),
    })
    expect(wrong.status).toBe(401)
    const paired = await proxy.fetch('/api/pair', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: pairingCode, name: 'Kutubxona plansheti' }),
    })
    const { token, tokenId } = (await paired.json()) as { token: string; tokenId: string }
    secrets.push(token)
    const pairs = (await auditPage(proxy, { action: 'pairing.pair' })).data
    expect(pairs[0]).toMatchObject({
      actor: { name: 'Kutubxona plansheti', role: 'operator', tokenId },
      result: 'ok',
      target: { type: 'token', id: tokenId },
    })
    expect(pairs[1]).toMatchObject({
      result: 'refused',
      error: { code: 'unauthorized' },
      actor: { role: 'none' },
    })

    const refused = await send(proxy, 'DELETE', `/api/devices/${devices.exit?.id}`, undefined, token)
    expect(refused.status).toBe(403)
    expect(await lastEntry(proxy, 'device.delete', devices.exit?.id)).toMatchObject({
      actor: { name: 'Kutubxona plansheti', role: 'operator', tokenId, claimed: true },
      result: 'refused',
      error: { code: 'forbidden' },
    })

    expect((await send(proxy, 'PATCH', `/api/tokens/${tokenId}`, { name: 'Kutubxona' })).status).toBe(200)
    expect(await lastEntry(proxy, 'token.rename', tokenId)).toMatchObject({
      before: { name: 'Kutubxona plansheti', revokedAt: null },
      after: { name: 'Kutubxona' },
    })
    expect((await send(proxy, 'DELETE', `/api/tokens/${tokenId}`)).status).toBe(204)
    const revoked = await lastEntry(proxy, 'token.revoke', tokenId)
    expect(revoked).toMatchObject({ actor: ADMIN, result: 'ok', before: { revokedAt: null } })
    expect(revoked.after).toMatchObject({ revokedAt: expect.any(String) })
  })

  it('records a device deleted with what it was', async () => {
    expect((await send(proxy, 'DELETE', `/api/devices/${devices.exit?.id}`)).status).toBe(204)
    expect(await lastEntry(proxy, 'device.delete', devices.exit?.id)).toMatchObject({
      actor: ADMIN,
      result: 'ok',
      target: { label: 'Chiqish' },
      before: { name: 'Chiqish', host: exit.host, direction: 'out' },
      after: null,
    })
  })

  it('keeps no password, token, pairing code, webhook secret or photo anywhere in the table', () => {
    const table = dumpAuditTable(proxy)
    expect(secrets.length).toBeGreaterThanOrEqual(10)
    for (const secret of secrets) expect(table).not.toContain(secret)
    // no snapshot has a field of those names at all (keys appear escaped inside the JSON columns)
    expect(table).not.toMatch(/\\"(password|token|face|faceImageBase64)\\":/)
    expect(table).not.toMatch(/secret=/i)
  })
})
