import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DeviceStatusReport, STATUS_DONE_EVENT, STATUS_EVENT } from '../../../shared/api/status'
import type { RunningProxy } from '../../helpers/proxy-process'
import { startTerminal, type Terminal } from '../../sim/terminal'
import { addDevice, proxyFor } from './rig'

interface Received {
  event: string
  report: DeviceStatusReport | null
}

/** Reads the stream to its end, keeping every event in the order it came. */
async function readStream(proxy: RunningProxy, query = ''): Promise<Received[]> {
  const response = await proxy.adminFetch(`/api/devices/status/stream${query}`, {
    headers: { accept: 'text/event-stream' },
  })
  expect(response.status).toBe(200)
  expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/)
  const text = await response.text()
  return text
    .split('\n\n')
    .filter((block) => block.trim() !== '')
    .map((block) => {
      const event = /^event: ?(.*)$/m.exec(block)?.[1] ?? 'message'
      const data = /^data: ?(.*)$/m.exec(block)?.[1] ?? ''
      return { event, report: event === STATUS_EVENT ? DeviceStatusReport.parse(JSON.parse(data)) : null }
    })
}

// Three terminals on one proxy: one quick, one whose every read takes 1.5 s, one that never answers.
describe('GET /api/devices/status/stream: each terminal as soon as it answers', () => {
  let proxy: RunningProxy
  let quick: Terminal
  let slow: Terminal
  let silent: Terminal
  const ids: Record<string, string> = {}

  beforeAll(async () => {
    proxy = await proxyFor(null)
    quick = await startTerminal({ model: 'ds-k1t341am', seedUsers: 3 })
    slow = await startTerminal({ model: 'ds-k1t341am', seedUsers: 5, latency: { default: 1_500 } })
    silent = await startTerminal({ model: 'ds-k1t341am' })
    ids.quick = (await addDevice(proxy, quick, 'Tez')).id
    ids.slow = (await addDevice(proxy, slow, 'Sekin')).id
    ids.silent = (await addDevice(proxy, silent, 'Jim')).id
    await silent.setOffline('blackhole')
  }, 60_000)

  afterAll(async () => {
    await proxy?.stop()
    await Promise.all([quick?.close(), slow?.close(), silent?.close()])
  })

  it('sends the quick one first, lets the slow one finish whole, calls the silent one offline, then done', async () => {
    const events = await readStream(proxy, '?refresh=1')
    expect(events.map((e) => e.event)).toEqual([STATUS_EVENT, STATUS_EVENT, STATUS_EVENT, STATUS_DONE_EVENT])
    expect(events[0]?.report?.id).toBe(ids.quick)
    const byId = (id: string | undefined) => events.find((e) => e.report?.id === id)?.report
    const [first, second, third] = [byId(ids.quick), byId(ids.slow), byId(ids.silent)]
    expect(first).toMatchObject({ online: true, userCount: 3 })
    // the slow terminal is not cut off: every figure is there
    expect(second).toMatchObject({ online: true, userCount: 5, faceCount: expect.any(Number) })
    expect(second?.partial).toBeUndefined()
    expect(second?.clock).not.toBeNull()
    expect(second?.userCapacity).toBeGreaterThan(0)
    expect(third).toMatchObject({ online: false, error: { code: 'device_unreachable' } })
    // offline only after its 10 s of silence, not at the old 3 s cut
    expect(third?.tookMs).toBeGreaterThanOrEqual(9_900)
  }, 60_000)

  it('answers from the 10-second cache right after, the same reports', async () => {
    const events = await readStream(proxy)
    expect(events.at(-1)?.event).toBe(STATUS_DONE_EVENT)
    expect(
      events
        .filter((e) => e.report)
        .map((e) => e.report?.id)
        .sort(),
    ).toEqual(Object.values(ids).sort())
  }, 60_000)

  it('refuses a screen without a token', async () => {
    const response = await proxy.fetch('/api/devices/status/stream')
    expect(response.status).toBe(401)
  })
})
