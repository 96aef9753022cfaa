import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Device } from '../../../../../shared/api/devices'
import { AppError } from '../../../../../shared/errors'
import type { EventRelay } from '../../../../../proxy/domain/event-relay'
import type { AttendancePost } from '../../../../../proxy/backend/attendance-webhook'
import { openMemoryDatabase } from '../../../../../proxy/store/db'
import { EventsRepo } from '../../../../../proxy/store/events-repo'
import { relayRig } from '../../../../helpers/relay-rig'

const URLS = {
  in: 'http://school.test/webhook/1/in?secret=a',
  out: 'http://school.test/webhook/1/out?secret=b',
  source: 'cache' as const,
  fetchedAt: '2026-09-01T00:00:00Z',
}
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 0xff, 0xd9])

let relay: EventRelay | null = null
afterEach(async () => {
  await relay?.stop()
  relay = null
})

function setup(post: (p: AttendancePost) => Promise<{ ignored: string | null }>, picturesMaxBytes = 1 << 20) {
  const db = openMemoryDatabase()
  const rig = relayRig({
    db,
    dataDir: mkdtempSync(join(tmpdir(), 'relay-unit-')),
    urls: URLS,
    post,
    picturesMaxBytes,
  })
  relay = rig.relay
  return { relay: rig.relay, devices: rig.devices, db }
}

function push(
  r: EventRelay,
  d: Device,
  serialNo: number,
  minute: number,
  employeeNo: string,
  picture = true,
) {
  const dateTime = `2026-09-01T07:${String(minute).padStart(2, '0')}:00+05:00`
  return r.intake.accept(d, {
    kind: 'access',
    picture: picture ? JPEG : null,
    event: {
      serialNo,
      major: 5,
      minor: 75,
      dateTime,
      employeeNo,
      document: {
        dateTime,
        AccessControllerEvent: {
          majorEventType: 5,
          subEventType: 75,
          serialNo,
          employeeNoString: employeeNo,
        },
      },
    },
  })
}

/** The terminal's "still here": with no gap in its log, nothing older than this can still come from it. */
function beat(r: EventRelay, d: Device, minute: number) {
  r.intake.accept(d, {
    kind: 'heartbeat',
    dateTime: `2026-09-01T07:${String(minute).padStart(2, '0')}:00+05:00`,
  })
}

describe('the event relay', () => {
  it('delivers both terminals’ backlogs to the school server in event-time order, each once', async () => {
    const got: AttendancePost[] = []
    const { relay: r, devices } = setup(async (p) => {
      got.push(p)
      return { ignored: null }
    })
    const [entrance, exit] = devices as [Device, Device]
    // the exit's events arrive first, but the entrance's are older
    push(r, exit, 2, 30, '7')
    push(r, exit, 3, 40, '8')
    push(r, entrance, 2, 10, '7')
    push(r, entrance, 3, 35, '8')
    expect(push(r, entrance, 3, 35, '8')).toBe('duplicate')
    r.sender.start()
    await expect.poll(() => got.length).toBe(3)
    // the entrance may still have something before 07:40 until it says otherwise
    beat(r, entrance, 45)
    await expect.poll(() => got.length).toBe(4)
    await r.sender.idle()
    // one student's events in time order (their day record needs it); students are independent
    const of = (employee: string) =>
      got
        .filter(
          (p) =>
            (p.document.AccessControllerEvent as { employeeNoString: string }).employeeNoString === employee,
        )
        .map(
          (p) =>
            `${(p.document as { dateTime: string }).dateTime.slice(11, 16)} ${p.url === URLS.in ? 'in' : 'out'}`,
        )
    expect(of('7')).toEqual(['07:10 in', '07:30 out'])
    expect(of('8')).toEqual(['07:35 in', '07:40 out'])
    expect(got.every((p) => p.picture?.equals(JPEG))).toBe(true)
    const inner = (got[0]?.document as { AccessControllerEvent: Record<string, unknown> })
      .AccessControllerEvent
    expect(inner).toMatchObject({ deviceID: 'SERIAL-entrance', dateTime: '2026-09-01T07:10:00+05:00' })
  })

  it('holds while a terminal has a gap in its serial numbers, until the gap is filled', async () => {
    const got: string[] = []
    const { relay: r, devices } = setup(async (p) => {
      got.push((p.document as { dateTime: string }).dateTime.slice(11, 16))
      return { ignored: null }
    })
    const [entrance, exit] = devices as [Device, Device]
    push(r, entrance, 2, 10, '1')
    push(r, exit, 2, 12, '2')
    push(r, exit, 4, 20, '3') // serial 3 of the exit was lost: something before 07:20 may be missing
    push(r, entrance, 3, 25, '4')
    r.sender.start()
    await expect.poll(() => got).toEqual(['07:10', '07:12'])
    beat(r, exit, 30) // a heartbeat says nothing while the gap is open
    const lost = { major: 5, minor: 75, time: '2026-09-01T07:15:00+05:00', serialNo: 3, employeeNo: '5' }
    r.intake.found(exit, lost)
    await expect.poll(() => got).toEqual(['07:10', '07:12', '07:15', '07:20'])
    beat(r, exit, 30)
    await expect.poll(() => got).toEqual(['07:10', '07:12', '07:15', '07:20', '07:25'])
  })

  it('keeps a final refusal visible with its reason and goes on with the rest', async () => {
    const { relay: r, devices } = setup(async (p) => {
      if ((p.document as { dateTime: string }).dateTime.includes('07:10')) {
        throw new AppError('backend_rejected', 'Missing AccessControllerEvent', { details: { status: 400 } })
      }
      return { ignored: null }
    })
    const [entrance, exit] = devices as [Device, Device]
    push(r, entrance, 2, 10, '1')
    push(r, entrance, 3, 11, '2')
    beat(r, exit, 59)
    r.sender.start()
    await expect.poll(() => r.view().terminals.find((t) => t.deviceId === 'entrance')?.delivered).toBe(1)
    const view = r.view().terminals.find((t) => t.deviceId === 'entrance')
    expect(view?.refused).toMatchObject([
      { serialNo: 2, code: 'backend_rejected', reason: 'Missing AccessControllerEvent' },
    ])
  })

  it('holds everything while the school server is down and sends it all when it is back', async () => {
    let up = false
    const got: string[] = []
    const { relay: r, devices } = setup(async (p) => {
      if (!up) throw new AppError('backend_unavailable', 'down', { details: { reason: 'unreachable' } })
      got.push((p.document as { dateTime: string }).dateTime.slice(11, 16))
      return { ignored: null }
    })
    const [entrance, exit] = devices as [Device, Device]
    push(r, entrance, 2, 10, '1')
    push(r, entrance, 3, 11, '1')
    beat(r, exit, 59)
    r.sender.start()
    await expect.poll(() => r.view().holdUntil).not.toBeNull()
    expect(r.view().waiting).toBe(2)
    up = true
    r.sender.flush()
    await expect.poll(() => got).toEqual(['07:10', '07:11'])
  })

  it('keeps the pictures under their bound, dropping those of relayed events first', async () => {
    const { relay: r, devices, db } = setup(async () => ({ ignored: null }), JPEG.length * 2)
    const [entrance, exit] = devices as [Device, Device]
    push(r, entrance, 2, 10, '1')
    beat(r, exit, 59)
    r.sender.start()
    await r.sender.idle()
    await r.sender.stop()
    push(r, entrance, 3, 11, '2')
    push(r, entrance, 4, 12, '3')
    const rows = db
      .prepare(
        'SELECT serial_no AS s, picture IS NOT NULL AS p FROM relay_events WHERE major = 5 ORDER BY serial_no',
      )
      .all()
    expect(rows).toEqual([
      { s: 2, p: 0 },
      { s: 3, p: 1 },
      { s: 4, p: 1 },
    ])
  })
})

describe('a terminal that is behind', () => {
  it('holds the others for a bounded time, then is passed over and shown as behind', async () => {
    const got: string[] = []
    const db = openMemoryDatabase()
    const rig = relayRig({
      db,
      dataDir: mkdtempSync(join(tmpdir(), 'relay-behind-')),
      urls: URLS,
      holdMs: 300,
      post: async (p) => {
        got.push((p.document as { dateTime: string }).dateTime.slice(11, 16))
        return { ignored: null }
      },
    })
    relay = rig.relay
    const [entrance] = rig.devices
    push(rig.relay, entrance, 2, 10, '1') // the exit says nothing at all
    rig.relay.sender.start()
    expect(rig.relay.view().terminals.find((t) => t.deviceId === 'exit')?.behind).toBe(false)
    await expect.poll(() => got).toEqual(['07:10'])
    expect(rig.relay.view().terminals.find((t) => t.deviceId === 'exit')?.behind).toBe(true)
  })
})

describe('the relay store bound', () => {
  it('drops the oldest relayed events first and never one still waiting', async () => {
    const db = openMemoryDatabase()
    const { relay: r, devices } = relayRig({
      db,
      dataDir: mkdtempSync(join(tmpdir(), 'relay-prune-')),
      urls: URLS,
      post: async () => ({ ignored: null }),
    })
    relay = r
    const [entrance, exit] = devices
    for (let i = 0; i < 6; i++) push(r, entrance, i + 2, 10 + i, String(i))
    beat(r, exit, 59)
    r.sender.start()
    await r.sender.idle()
    await r.sender.stop()
    push(r, entrance, 8, 30, '9') // waits: the sender is stopped
    const gone = new EventsRepo(db).pruneFinished(3)
    expect(gone.length).toBe(3 + 2) // three of the six relayed, and each terminal's skipped serial 1
    const left = db.prepare('SELECT serial_no AS s, state FROM relay_events ORDER BY serial_no').all()
    expect(left).toEqual([
      { s: 5, state: 'delivered' },
      { s: 6, state: 'delivered' },
      { s: 7, state: 'delivered' },
      { s: 8, state: 'waiting' },
    ])
  })
})
