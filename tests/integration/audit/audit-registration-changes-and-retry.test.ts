import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Device } from '../../../shared/api/devices'
import { startProxy, type RunningProxy } from '../../helpers/proxy-process'
import { startTerminal, type Terminal } from '../../sim/terminal'
import { addDevice } from '../check/rig'
import { photo } from '../registration/rig'
import { auditPage, lastEntry, retry, send } from './rig'

// A student registered on two terminals is renamed, then removed while one terminal is switched off; the
// admin retries the removal from the trail when it is back. A person deleted straight off a terminal is
// recorded too.
describe('registration edits, removals and device users in the audit trail', { timeout: 120_000 }, () => {
  let proxy: RunningProxy
  let hall: Terminal
  let gym: Terminal
  const devices: Device[] = []
  let employeeNo = ''

  beforeAll(async () => {
    hall = await startTerminal({
      model: 'ds-k1t342mwx',
      seedUsers: [{ employeeNo: '5500000001', name: 'Eski Odam' }],
    })
    gym = await startTerminal({ model: 'ds-k1t341am' })
    proxy = await startProxy({ tls: 'off' })
    devices.push(await addDevice(proxy, hall, 'Asosiy kirish'), await addDevice(proxy, gym, 'Sport zal'))
    const answer = await send(proxy, 'POST', '/api/registrations', {
      clientId: randomUUID(),
      student: { firstName: 'Jasur', lastName: 'Aliyev' },
      face: (await photo(480, 640)).toString('base64'),
      deviceIds: devices.map((device) => device.id),
    })
    expect(answer.status, JSON.stringify(answer.body)).toBe(201)
    employeeNo = (answer.body as { employeeNo: string }).employeeNo
  })

  afterAll(async () => {
    await proxy?.stop()
    await Promise.all([hall?.close(), gym?.close()])
  })

  it('records an edit with the student before and after', async () => {
    const edited = await send(proxy, 'PUT', `/api/registrations/${employeeNo}`, {
      student: { firstName: 'Jasurbek' },
    })
    expect(edited.status, JSON.stringify(edited.body)).toBe(200)
    expect(await lastEntry(proxy, 'registration.update', employeeNo)).toMatchObject({
      result: 'ok',
      target: { type: 'student', id: employeeNo, label: 'Aliyev Jasurbek' },
      before: { employeeNo, student: { firstName: 'Jasur', lastName: 'Aliyev' } },
      after: { student: { firstName: 'Jasurbek', lastName: 'Aliyev' }, status: 'SUCCESS' },
    })
  })

  it('records a removal that failed on a switched-off terminal, and its retry once the terminal is back', async () => {
    await gym.setOffline(true)
    const removed = await send(proxy, 'DELETE', `/api/registrations/${employeeNo}`)
    expect(removed.status).toBeGreaterThanOrEqual(400)
    const original = await lastEntry(proxy, 'registration.delete', employeeNo)
    expect(original).toMatchObject({
      result: 'failed',
      retryable: true,
      error: { code: 'device_unreachable' },
      before: { employeeNo, deviceIds: devices.map((device) => device.id) },
    })

    await gym.setOffline(false)
    const retried = await retry(proxy, original)
    expect(retried.status, JSON.stringify(retried.body)).toBe(200)
    expect(await lastEntry(proxy, 'registration.delete', employeeNo)).toMatchObject({
      result: 'ok',
      retryOf: original.id,
      route: 'POST /api/audit/:id/retry',
    })
    expect(hall.state.users.has(employeeNo)).toBe(false)
    expect(gym.state.users.has(employeeNo)).toBe(false)
    const all = await auditPage(proxy, { action: 'registration.delete' })
    expect(all.data.find((entry) => entry.id === original.id)?.retryable).toBe(false)
  })

  it('records a person deleted straight off a terminal', async () => {
    const hallId = devices[0]?.id ?? ''
    expect((await send(proxy, 'DELETE', `/api/devices/${hallId}/users/5500000001`)).status).toBe(204)
    expect(await lastEntry(proxy, 'device-user.delete', '5500000001')).toMatchObject({
      result: 'ok',
      target: { type: 'device-user', id: '5500000001', label: 'Asosiy kirish' },
      before: { deviceId: hallId, deviceName: 'Asosiy kirish', employeeNo: '5500000001' },
    })
    expect(hall.state.users.has('5500000001')).toBe(false)
  })
})
