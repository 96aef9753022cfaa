import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Device } from '../../../shared/api/devices'
import { SchoolLinkView } from '../../../shared/api/school-link'
import { startProxy, type RunningProxy } from '../../helpers/proxy-process'
import { startBackend, type SimBackend } from '../../sim/backend'
import { startTerminal, type Terminal } from '../../sim/terminal'
import { call } from '../registration/rig'

const ENTRANCE_SERIAL = 'DS-K1T342MWX0120260101AAWRLINK00001'
const EXIT_SERIAL = 'DS-K1T342MWX0120260101AAWRLINK00002'

describe('linking terminals to the school server’s devices', () => {
  let backend: SimBackend
  let terminals: Terminal[]
  let proxy: RunningProxy
  let entrance: Device
  let exit: Device
  let serverEntranceId: string

  const add = async (terminal: Terminal, name: string, direction: 'in' | 'out') => {
    const answer = await call<Device>(proxy, 'POST', '/api/devices', {
      name,
      host: terminal.host,
      port: terminal.port,
      username: terminal.username,
      password: terminal.password,
      direction,
    })
    expect(answer.status).toBe(201)
    return answer.body
  }

  beforeAll(async () => {
    backend = await startBackend()
    const school = await backend.seedSchool({ classes: 1, devices: 2 })
    // the school already has its entrance on the server, entered by hand with the terminal's serial
    serverEntranceId = school.devices[0]?.id as string
    const record = backend.state.devices.get(serverEntranceId)
    if (record) record.deviceId = ENTRANCE_SERIAL
    terminals = await Promise.all([
      startTerminal({ serialNumber: ENTRANCE_SERIAL }),
      startTerminal({ serialNumber: EXIT_SERIAL }),
    ])
    proxy = await startProxy({
      tls: 'off',
      env: {
        SR_BACKEND_URL: backend.url,
        SR_SCHOOL_ID: backend.schoolId,
        SR_BACKEND_EMAIL: backend.credentials.admin.email,
        SR_BACKEND_PASSWORD: backend.credentials.admin.password,
      },
    })
    entrance = await add(terminals[0] as Terminal, 'Asosiy kirish', 'in')
    exit = await add(terminals[1] as Terminal, 'Chiqish eshigi', 'out')
  })
  afterAll(async () => {
    await proxy?.stop()
    await Promise.all((terminals ?? []).map((t) => t.close()))
    await backend?.close()
  })

  it('asks to test a terminal whose serial is unknown before creating it on the server', async () => {
    const answer = await call<{ error: { code: string; details: { reason: string } } }>(
      proxy,
      'POST',
      `/api/devices/${exit.id}/school-link`,
      { create: true },
    )
    expect(answer.status).toBe(400)
    expect(answer.body.error).toMatchObject({
      code: 'validation_failed',
      details: { reason: 'serial_unknown' },
    })
    expect([...backend.state.devices.values()].some((d) => d.deviceId === EXIT_SERIAL)).toBe(false)
  })

  it('suggests the server device with the same serial, and links to it', async () => {
    await call(proxy, 'POST', `/api/devices/${entrance.id}/test`)
    const view = SchoolLinkView.parse(
      (await call(proxy, 'GET', `/api/devices/${entrance.id}/school-link`)).body,
    )
    expect(view.linked).toBeNull()
    expect(view.suggestion).toBe(serverEntranceId)
    expect(view.candidates[0]).toMatchObject({ match: 'serial', device: { id: serverEntranceId } })
    expect(view.create).toEqual({ name: 'Asosiy kirish', serial: ENTRANCE_SERIAL, type: 'ENTRANCE' })

    const linked = await call<Device>(proxy, 'POST', `/api/devices/${entrance.id}/school-link`, {
      backendId: serverEntranceId,
    })
    expect(linked.status).toBe(200)
    expect(linked.body.backendId).toBe(serverEntranceId)
    const again = SchoolLinkView.parse(
      (await call(proxy, 'GET', `/api/devices/${entrance.id}/school-link`)).body,
    )
    expect(again.linked?.id).toBe(serverEntranceId)
  })

  it('creates the exit on the server as EXIT with its serial, once however often it is asked', async () => {
    await call(proxy, 'POST', `/api/devices/${exit.id}/test`)
    const before = backend.state.devices.size
    const first = await call<Device>(proxy, 'POST', `/api/devices/${exit.id}/school-link`, { create: true })
    expect(first.status, JSON.stringify(first.body)).toBe(200)
    const second = await call<Device>(proxy, 'POST', `/api/devices/${exit.id}/school-link`, { create: true })
    expect(second.body.backendId).toBe(first.body.backendId)
    expect(backend.state.devices.size).toBe(before + 1)
    expect(backend.state.devices.get(first.body.backendId as string)).toMatchObject({
      deviceId: EXIT_SERIAL,
      type: 'EXIT',
      name: 'Chiqish eshigi',
    })
  })

  it('refuses an id the server does not have', async () => {
    const unknown = await call<{ error: { code: string } }>(
      proxy,
      'POST',
      `/api/devices/${exit.id}/school-link`,
      {
        backendId: 'no-such-device',
      },
    )
    expect(unknown.body.error.code).toBe('not_found')
  })

  it('then writes each terminal’s event address: entrance posts to in, exit to out', async () => {
    for (const [device, direction] of [
      [entrance, 'in'],
      [exit, 'out'],
    ] as const) {
      const applied = await call(proxy, 'POST', `/api/devices/${device.id}/webhook/apply`)
      expect(applied.status, JSON.stringify(applied.body)).toBe(200)
      const terminal = terminals[device === entrance ? 0 : 1] as Terminal
      expect(terminal.state.httpHosts.map((h) => h.url).join(' ')).toContain(`/${direction}`)
    }
  })
})
