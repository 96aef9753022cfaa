import { afterAll, describe, expect, it } from 'vitest'
import type { Terminal } from '../../sim/terminal'
import { startProxy, type RunningProxy } from '../../helpers/proxy-process'
import { call, eventually, photo, startRig, type Rig } from './rig'

const NO = '6600000001'
const OLD_NAME = 'Nazarov Javohir'
const NEW_NAME = 'Nazarov Javlon'
const SLOW_FACE_MS = 4_000

/** What a terminal holds of the person: the old one, the new one, or a mix of the two. */
function holds(terminal: Terminal, oldFace: Buffer, newFaces: Set<string>): 'old' | 'new' | 'mix' {
  const name = terminal.state.users.get(NO)?.name
  const face = terminal.state.faces.get(NO)?.jpeg
  if (name === OLD_NAME && face?.equals(oldFace)) return 'old'
  if (name === NEW_NAME && face && newFaces.has(face.toString('base64'))) return 'new'
  return 'mix'
}

describe('a proxy killed with SIGKILL in the middle of an edit', () => {
  let rig: Rig
  let restarted: RunningProxy | undefined
  afterAll(async () => {
    await restarted?.stop()
    await rig?.close()
  })

  it('leaves every terminal with the old or the new person and face after restart, never a mix', async () => {
    // a person on all three terminals from before the proxy existed: the edit adopts them
    const seeded = { seedUsers: [{ employeeNo: NO, name: OLD_NAME, withFace: true }] }
    rig = await startRig({ terminals: [seeded, seeded, seeded] })
    const oldFace = rig.terminals[0]?.state.faces.get(NO)?.jpeg as Buffer
    const slow = rig.terminals[2] as Terminal
    slow.setLatency('faceSetUp', SLOW_FACE_MS)
    slow.setLatency('faceRecord', SLOW_FACE_MS)
    const pending = call(rig.proxy, 'PUT', `/api/registrations/${NO}`, {
      student: { lastName: 'Nazarov', firstName: 'Javlon' },
      face: (await photo(800, 1000)).toString('base64'),
    }).catch((error: Error) => error)

    // two terminals hold the new person, the slow one is modelling the new face
    await eventually(
      () =>
        rig.terminals
          .slice(0, 2)
          .every(
            (t) => t.state.users.get(NO)?.name === NEW_NAME && !t.state.faces.get(NO)?.jpeg.equals(oldFace),
          ),
      'two terminals edited',
    )
    await eventually(
      () => slow.stats.log.some((e) => (e.op === 'faceSetUp' || e.op === 'faceRecord') && e.auth !== 'none'),
      'the slow face write on its way',
    )
    const newFace = rig.terminals[0]?.state.faces.get(NO)?.jpeg as Buffer
    const newFaces = new Set([newFace.toString('base64')])
    await rig.proxy.kill()
    expect(await pending).toBeInstanceOf(Error)

    restarted = await startProxy({ tls: 'off', dataDir: rig.proxy.dataDir })
    await eventually(
      () => rig.terminals.every((t) => holds(t, oldFace, newFaces) === 'old'),
      'every terminal put back to the person as it was',
    )
    expect(restarted.output()).toContain('recovering saga')
    // the face write the killed proxy started ends on the device; the terminal's one slot kept it before
    // the restore, so nothing changes afterwards
    await eventually(() => slow.stats.inFlight === 0, 'the slow terminal idle', SLOW_FACE_MS * 3)
    expect(rig.terminals.map((t) => holds(t, oldFace, newFaces))).toEqual(['old', 'old', 'old'])

    // the person is adopted now, and a new edit goes through
    const again = await call<{ status: string }>(restarted, 'PUT', `/api/registrations/${NO}`, {
      student: { lastName: 'Nazarov', firstName: 'Javlon' },
    })
    expect(again.body.status).toBe('SUCCESS')
    expect(rig.terminals.map((t) => t.state.users.get(NO)?.name)).toEqual([NEW_NAME, NEW_NAME, NEW_NAME])
  })
})
