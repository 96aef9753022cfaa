import { randomUUID } from 'node:crypto'
import { afterAll, describe, expect, it } from 'vitest'
import type { Registration } from '../../../shared/api/registrations'
import { startProxy, type RunningProxy } from '../../helpers/proxy-process'
import { call, eventually, photo, startRig, type Rig } from './rig'

const SLOW_FACE_MS = 4_000

describe('a proxy killed with SIGKILL in the middle of a registration', () => {
  let rig: Rig
  let restarted: RunningProxy | undefined
  afterAll(async () => {
    await restarted?.stop()
    await rig?.close()
  })

  it('undoes at its next start what it had written, on every device', async () => {
    rig = await startRig({ terminals: [{}, {}, {}] })
    const slow = rig.terminals[2]
    slow?.setLatency('faceRecord', SLOW_FACE_MS)
    const clientId = randomUUID()
    const request = {
      clientId,
      student: { firstName: 'Javohir', lastName: 'Nazarov', gender: 'male' },
      face: (await photo()).toString('base64'),
      deviceIds: rig.devices.map((d) => d.id),
    }
    const pending = call(rig.proxy, 'POST', '/api/registrations', request).catch((error: Error) => error)

    // the two fast devices are done, the slow one has the person and is modelling the face
    await eventually(
      () => rig.terminals.slice(0, 2).every((t) => t.state.faces.size === 1) && slow?.state.users.size === 1,
      'two faces written and the third person created',
    )
    await eventually(
      () => slow?.stats.log.some((e) => e.op === 'faceRecord' && e.auth === 'digest') ?? false,
      'the slow face upload on its way',
    )
    await rig.proxy.kill()
    const killedAt = Date.now()
    expect(await pending).toBeInstanceOf(Error)
    expect(rig.terminals.map((t) => t.state.users.size)).toEqual([1, 1, 1])

    restarted = await startProxy({ tls: 'off', dataDir: rig.proxy.dataDir })
    await eventually(
      () => rig.terminals.every((t) => t.state.users.size === 0 && t.state.faces.size === 0),
      'nothing left on any device',
    )
    expect(restarted.output()).toContain('recovering saga')

    // the face upload the killed proxy started finishes on the device later; it must find no person
    await new Promise((resolve) =>
      setTimeout(resolve, Math.max(0, killedAt + SLOW_FACE_MS + 500 - Date.now())),
    )
    expect(rig.terminals.map((t) => [t.state.users.size, t.state.faces.size])).toEqual([
      [0, 0],
      [0, 0],
      [0, 0],
    ])

    const replay = await call<{ error: { code: string; details: Registration } }>(
      restarted,
      'POST',
      '/api/registrations',
      request,
    )
    expect(replay.status).toBe(500)
    expect(replay.body.error.details.devices.map((d) => d.status)).toEqual([
      'ROLLED_BACK',
      'ROLLED_BACK',
      'ROLLED_BACK',
    ])
  })
})
