import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Registration } from '../../../shared/api/registrations'
import { lastEntry, retry, send } from '../audit/rig'
import { call, operatorToken, photo, startRig, type Rig } from '../registration/rig'

// The attack review: an operator's refused removal appeared as "Failed · Try again", and one admin tap with
// no confirmation removed the student from the terminal. On the real proxy with a simulated terminal.
describe('the audit trail retries only what a device failed, as the screen that asks, once confirmed', () => {
  let rig: Rig
  let operator: string
  let employeeNo: string
  beforeAll(async () => {
    rig = await startRig({ terminals: [{}] })
    operator = await operatorToken(rig.proxy)
    const answer = await call<Registration>(rig.proxy, 'POST', '/api/registrations', {
      clientId: randomUUID(),
      student: { firstName: 'Jasur', lastName: 'Aliyev', gender: 'male' },
      face: (await photo(480, 640)).toString('base64'),
      deviceIds: [rig.devices[0]?.id],
    })
    expect(answer.status).toBe(201)
    employeeNo = answer.body.employeeNo
  }, 60_000)
  afterAll(async () => rig?.close())

  it("records an operator's removals refused for role as refused, with no retry, and an admin cannot repeat them", async () => {
    const terminal = rig.terminals[0]
    const deviceId = rig.devices[0]?.id ?? ''
    const paths = [`/api/registrations/${employeeNo}`, `/api/devices/${deviceId}/users/${employeeNo}`]
    for (const [i, path] of paths.entries()) {
      expect((await send(rig.proxy, 'DELETE', path, undefined, operator)).status).toBe(403)
      const action = i === 0 ? 'registration.delete' : 'device-user.delete'
      const entry = await lastEntry(rig.proxy, action, employeeNo)
      expect(entry).toMatchObject({ result: 'refused', status: 403, retryable: false })
      expect(await retry(rig.proxy, entry)).toMatchObject({
        status: 409,
        body: { error: { code: 'conflict' } },
      })
    }
    expect(terminal?.state.users.has(employeeNo)).toBe(true)
    expect(terminal?.state.faces.has(employeeNo)).toBe(true)
  })

  // a student's removal is idempotent (a number on no terminal is removed from none, and answered OK), so a
  // missing target is shown with a device entry that does not exist
  it('records a removal of a missing target as refused, not as a failure to retry', async () => {
    expect((await send(rig.proxy, 'DELETE', '/api/devices/no-such-device')).status).toBe(404)
    expect(await lastEntry(rig.proxy, 'device.delete', 'no-such-device')).toMatchObject({
      result: 'refused',
      retryable: false,
    })
  })

  it('repeats a removal the terminal failed only with the confirmed action and target, linked to it', async () => {
    const terminal = rig.terminals[0]
    await terminal?.setOffline(true)
    const failed = await send(rig.proxy, 'DELETE', `/api/registrations/${employeeNo}`)
    expect(failed.status).toBeGreaterThanOrEqual(500)
    const original = await lastEntry(rig.proxy, 'registration.delete', employeeNo)
    expect(original).toMatchObject({ result: 'failed', retryable: true })
    await terminal?.setOffline(false)

    const bare = await send(rig.proxy, 'POST', `/api/audit/${original.id}/retry`)
    expect(bare).toMatchObject({ status: 400, body: { error: { code: 'validation_failed' } } })
    const wrongTarget = await retry(rig.proxy, {
      ...original,
      target: { type: 'student', id: '1', label: null },
    })
    expect(wrongTarget).toMatchObject({ status: 409, body: { error: { code: 'conflict' } } })
    expect(terminal?.state.users.has(employeeNo)).toBe(true)

    const retried = await retry(rig.proxy, original)
    expect(retried.status, JSON.stringify(retried.body)).toBe(200)
    expect(await lastEntry(rig.proxy, 'registration.delete', employeeNo)).toMatchObject({
      result: 'ok',
      retryOf: original.id,
      actor: { name: 'SR_ADMIN_TOKEN', role: 'admin' },
    })
    expect(terminal?.state.users.has(employeeNo)).toBe(false)
  })
})
