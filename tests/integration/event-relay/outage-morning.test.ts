import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Device } from '../../../shared/api/devices'
import { RelayModeResult, RelaySearchResult, RelayView } from '../../../shared/api/event-relay'
import { startProxy, type RunningProxy } from '../../helpers/proxy-process'
import { replayInTimeOrder, startBackend, type SimBackend } from '../../sim/backend'
import {
  createEventPusher,
  SAMPLE_FACE_JPEG,
  startTerminal,
  type EventPusher,
  type Terminal,
} from '../../sim/terminal'
import { addDevice, call } from '../check/rig'

const EVENTS = 1_000
const LOSS = 0.2
const STUDENTS = 300

/** A small seeded generator, so a failure can be replayed. */
function seeded(seed: number) {
  let x = seed
  return () => {
    x = (x * 1_103_515_245 + 12_345) % 2 ** 31
    return x / 2 ** 31
  }
}

/** `2026-12-07T07:00:03+05:00`: the terminals' own time, Tashkent. */
function tashkent(ms: number): string {
  return new Date(ms + 5 * 3_600_000).toISOString().slice(0, 19) + '+05:00'
}

interface Planned {
  terminal: number
  employeeNo: string
  time: string
  lose: boolean
}

// The school server is down for a simulated morning: 1,000 events from 4 terminals (2 entrances, 2
// exits), a fifth of the pushes lost, one terminal losing its webhook in a reboot, the proxy killed
// while it relays. When the server is back, every event arrives once, each student's in time order.
describe('a school morning without the school server, relayed when it returns', () => {
  let backend: SimBackend
  let proxy: RunningProxy
  let dataDir: string
  const terminals: Terminal[] = []
  const pushers: EventPusher[] = []
  const devices: Device[] = []
  const plan: Planned[] = []

  const env = () => ({
    SR_BACKEND_URL: backend.url,
    SR_SCHOOL_ID: backend.schoolId,
    SR_BACKEND_EMAIL: backend.credentials.admin.email,
    SR_BACKEND_PASSWORD: backend.credentials.admin.password,
  })
  const view = async () => RelayView.parse((await call(proxy, 'GET', '/api/events/relay')).body)
  const search = async () =>
    RelaySearchResult.parse((await call(proxy, 'POST', '/api/events/relay/search')).body)

  beforeAll(async () => {
    backend = await startBackend()
    proxy = await startProxy({ tls: 'off', env: env() })
    dataDir = proxy.dataDir
    for (let i = 0; i < 4; i++) {
      const terminal = await startTerminal({ model: 'ds-k1t342mwx', serialNumber: `FJ${4_800_000 + i}` })
      terminals.push(terminal)
      pushers.push(createEventPusher(terminal, { picture: SAMPLE_FACE_JPEG }))
      const added = await addDevice(proxy, terminal, `Eshik ${i + 1}`, i < 2 ? 'in' : 'out')
      // the connection test learns the terminal's serial: the key of its events and their deviceID
      const tested = await call<{ device: Device }>(proxy, 'POST', `/api/devices/${added.id}/test`)
      devices.push(tested.body.device)
    }
    // the morning: one event every 3 s from 07:00, three hours ago, on a random terminal
    const random = seeded(17)
    const start = Date.now() - 3 * 3_600_000
    for (let i = 0; i < EVENTS; i++) {
      plan.push({
        terminal: Math.floor(random() * 4),
        employeeNo: String(1_000 + Math.floor(random() * STUDENTS)),
        time: tashkent(start + i * 3_000),
        lose: random() < LOSS,
      })
    }
  }, 120_000)

  afterAll(async () => {
    await proxy?.stop()
    await Promise.all([...terminals.map((t) => t.close()), backend?.close()])
  })

  it('switches to relay mode: every terminal posts to the proxy with its own secret', async () => {
    const answer = await call(proxy, 'PUT', '/api/events/relay/mode', { mode: 'relay' })
    expect(answer.status).toBe(200)
    const result = RelayModeResult.parse(answer.body)
    expect(result.devices.map((d) => d.inSync)).toEqual([true, true, true, true])
    const targets = pushers.map((p) => p.target() ?? '')
    expect(targets.every((t) => t.startsWith(`${proxy.url}/events/`))).toBe(true)
    expect(new Set(targets.map((t) => new URL(t).searchParams.get('secret'))).size).toBe(4)
    // the first search sets each terminal's cursor at the newest event of its log
    expect((await search()).every((s) => s.error === undefined)).toBe(true)
  })

  it('keeps every pushed event while the school server is down, and finds the lost ones in the logs', async () => {
    await backend.setMode('down')
    const half = EVENTS / 2
    const pushAll = (from: number, to: number) =>
      Promise.all(
        pushers.map(async (pusher, index) => {
          for (const event of plan.slice(from, to)) {
            if (event.terminal !== index) continue
            await pusher.faceEvent({ employeeNo: event.employeeNo, time: event.time, lose: event.lose })
          }
        }),
      )
    await pushAll(0, half)
    // terminal 3 reboots and comes back without its listening host: its pushes go nowhere
    terminals[3]!.state.httpHosts = terminals[3]!.state.httpHosts.map((slot) => ({
      ...slot,
      url: '',
      ipAddress: '0.0.0.0',
      portNo: 0,
    }))
    await pushAll(half, EVENTS)
    const pushed = plan.filter((e) => !e.lose && !(e.terminal === 3 && plan.indexOf(e) >= half)).length
    // a skipped serialNo already had the proxy read that terminal's log; the rest comes with the search
    expect((await view()).waiting).toBeGreaterThanOrEqual(pushed)
    expect((await search()).every((s) => s.error === undefined)).toBe(true)
    // the lost webhook was seen and written again
    expect(pushers[3]!.target()).toMatch(new RegExp(`^${proxy.url}/events/${devices[3]!.id}\\?secret=`))
    const after = await view()
    expect(after.waiting).toBe(EVENTS)
    expect(after.terminals.map((t) => t.waiting).reduce((a, b) => a + b, 0)).toBe(EVENTS)
    expect(after.holdUntil).not.toBeNull()
    expect(backend.state.attendanceBook.accepted).toHaveLength(0)
  }, 120_000)

  it('delivers every event exactly once, each student in time order, through a kill -9 mid-way', async () => {
    await backend.setMode('up')
    await call(proxy, 'POST', '/api/events/relay/retry') // lifts the backoff now rather than in a while
    await expect
      .poll(() => backend.state.attendanceBook.accepted.length, { timeout: 60_000 })
      .toBeGreaterThan(150)
    await proxy.kill()
    const deliveredBeforeKill = backend.state.attendanceBook.accepted.length
    expect(deliveredBeforeKill).toBeLessThan(EVENTS)
    proxy = await startProxy({ tls: 'off', dataDir, env: env() })
    // new port: the terminals' webhook drifted; the search at start (and this one) writes it again
    await search()
    expect(pushers.every((p) => p.target()?.startsWith(`${proxy.url}/events/`))).toBe(true)
    await expect.poll(async () => (await view()).waiting, { timeout: 90_000, interval: 500 }).toBe(0)

    const book = backend.state.attendanceBook
    expect(book.accepted).toHaveLength(EVENTS)
    const key = (e: { deviceID: string; employeeNo: string; dateTime: string; direction: string }) =>
      `${e.deviceID}|${e.employeeNo}|${e.dateTime}|${e.direction}`
    const expected = plan.map((e) => ({
      deviceID: devices[e.terminal]!.deviceId,
      employeeNo: e.employeeNo,
      dateTime: e.time,
      direction: e.terminal < 2 ? 'in' : 'out',
    }))
    expect(new Set(book.accepted.map(key))).toEqual(new Set(expected.map(key as never)))
    // resent after the kill at most what was on its way then (the server's dedup answers those)
    const posts = backend.calls.filter((c) => c.path.startsWith('/webhook/') && c.mode === 'up').length
    expect(posts - EVENTS).toBeLessThanOrEqual(4)
    const replay = replayInTimeOrder(book.accepted, (e) => `employee:${e.employeeNo}`)
    expect(new Map([...book.records].map(([k, r]) => [k, r.scans]))).toEqual(
      new Map([...replay].map(([k, r]) => [k, r.scans])),
    )
    expect(backend.state.attendance.filter((a) => a.pictureBytes > 0).length).toBeGreaterThan(EVENTS / 2)
  }, 180_000)

  it('shows per terminal what it sent and a chart of today by hour', async () => {
    const relay = await view()
    expect(relay.mode).toBe('relay')
    expect(relay.terminals.map((t) => t.delivered).reduce((a, b) => a + b, 0)).toBe(EVENTS)
    expect(relay.terminals.every((t) => t.lastEventAt !== null && t.lastSeenAt !== null)).toBe(true)
    const today = tashkent(Date.now()).slice(0, 10)
    const ofToday = plan.filter((e) => e.time.startsWith(today)).length
    expect(relay.perHour.reduce((a, b) => a + b, 0)).toBe(ofToday)
  })
})
