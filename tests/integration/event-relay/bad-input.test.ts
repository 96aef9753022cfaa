import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Device } from '../../../shared/api/devices'
import { RelayView } from '../../../shared/api/event-relay'
import { startProxy, type RunningProxy } from '../../helpers/proxy-process'
import {
  createEventPusher,
  SAMPLE_FACE_JPEG,
  startTerminal,
  type EventPusher,
  type Terminal,
} from '../../sim/terminal'
import { addDevice, call, ErrorBody } from '../check/rig'

// What a terminal's URL may be sent besides its events: garbage, strangers, a wrong secret, a 20 MB
// capture and a flood. Each gets a clear answer with a stable code; nothing is kept; the proxy stays up.
describe('the event intake takes what terminals post and refuses what is not a terminal event', () => {
  let proxy: RunningProxy
  let terminal: Terminal
  let pusher: EventPusher
  let device: Device

  const waiting = async () => RelayView.parse((await call(proxy, 'GET', '/api/events/relay')).body).waiting
  const post = async (path: string, body: Buffer | string, contentType = 'application/json') => {
    const response = await proxy.fetch(path, {
      method: 'POST',
      headers: { 'content-type': contentType },
      body,
    })
    return { status: response.status, body: (await response.json()) as unknown }
  }

  beforeAll(async () => {
    proxy = await startProxy({ tls: 'off', env: { SR_EVENT_RELAY: 'on' } })
    terminal = await startTerminal({ serialNumber: 'FJ0000001' })
    device = await addDevice(proxy, terminal, 'Kirish', 'in')
    const applied = await call(proxy, 'POST', `/api/devices/${device.id}/webhook/apply`)
    expect(applied.status).toBe(200)
    pusher = createEventPusher(terminal, { retries: 0 })
  }, 60_000)

  afterAll(async () => {
    await proxy?.stop()
    await terminal?.close()
  })

  it('takes an event in each shape terminals post (multipart with its capture, JSON, XML), a repeat once', async () => {
    const time = '2026-09-01T07:55:00+05:00'
    for (const format of ['multipart', 'json', 'xml'] as const) {
      const shaped = createEventPusher(terminal, { format, picture: SAMPLE_FACE_JPEG, retries: 0 })
      expect((await shaped.faceEvent({ employeeNo: `10${format.length}`, time })).delivered).toBe(true)
    }
    const relay = RelayView.parse((await call(proxy, 'GET', '/api/events/relay')).body)
    expect(relay.waiting).toBe(3)
    // the terminal sends the last one again (its answer was lost): still three
    const last = terminal.state.events.at(-1) as { serialNo: number }
    const again = Buffer.from(
      JSON.stringify({
        dateTime: time,
        eventType: 'AccessControllerEvent',
        AccessControllerEvent: {
          majorEventType: 5,
          subEventType: 75,
          serialNo: last.serialNo,
          employeeNoString: '103',
        },
      }),
    )
    const answer = await pusher.raw(again, 'application/json')
    expect(JSON.parse(answer.text)).toEqual({ ok: true, result: 'duplicate' })
    expect(await waiting()).toBe(3)
  })

  it('answers a body that is not an event 400 validation_failed (not_an_event)', async () => {
    for (const [body, type] of [
      ['<html><body>login</body></html>', 'text/html'],
      ['{"hello":"world"}', 'application/json'],
      ['', 'application/json'],
    ] as const) {
      const answer = await pusher.raw(Buffer.from(body), type)
      expect(answer.status).toBe(400)
      expect(ErrorBody.parse(JSON.parse(answer.text)).error.code).toBe('validation_failed')
      expect(answer.text).toContain('not_an_event')
    }
    expect(await waiting()).toBe(3)
  })

  it('answers an unknown terminal 404 and a wrong or missing secret 403, before reading the body', async () => {
    const event = JSON.stringify({ eventType: 'heartBeat' })
    const unknown = await post('/events/no-such-terminal?secret=x', event)
    expect(unknown).toMatchObject({
      status: 404,
      body: { error: { code: 'not_found', details: { reason: 'unknown_terminal' } } },
    })
    const wrong = await post(`/events/${device.id}?secret=${'0'.repeat(32)}`, event)
    expect(wrong).toMatchObject({
      status: 403,
      body: { error: { code: 'forbidden', details: { reason: 'wrong_secret' } } },
    })
    expect((await post(`/events/${device.id}`, event)).status).toBe(403)
  })

  it('refuses a 20 MB capture 413 payload_too_large and keeps nothing of it', async () => {
    const huge = Buffer.alloc(20 * 1024 * 1024, 0xff)
    const boundary = 'MIME_boundary'
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="event_log"\r\n\r\n`),
      Buffer.from(
        JSON.stringify({
          dateTime: '2026-09-01T07:55:00+05:00',
          AccessControllerEvent: { majorEventType: 5, subEventType: 75, serialNo: 99, employeeNoString: '5' },
        }),
      ),
      Buffer.from(
        `\r\n--${boundary}\r\nContent-Disposition: form-data; name="Picture"; filename="Picture.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
      ),
      huge,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ])
    const answer = await pusher.raw(body, `multipart/form-data; boundary=${boundary}`)
    expect(answer.status).toBe(413)
    expect(answer.text).toContain('payload_too_large')
    expect(await waiting()).toBe(3)
  })

  it('answers a flood from one terminal 429 rate_limited and stays up for the rest', async () => {
    const beat = Buffer.from(
      JSON.stringify({ eventType: 'heartBeat', dateTime: '2026-09-01T07:00:00+05:00' }),
    )
    let limited: { status: number; text: string } | undefined
    for (let round = 0; round < 100 && !limited; round++) {
      const answers = await Promise.all(
        Array.from({ length: 25 }, () => pusher.raw(beat, 'application/json')),
      )
      limited = answers.find((a) => a.status === 429)
    }
    expect(limited?.text).toContain('rate_limited')
    expect((await proxy.fetch('/api/health')).status).toBe(200)
    // the terminal retries a refused post like any other; once the bucket refills it is taken
    await expect
      .poll(async () => (await pusher.raw(beat, 'application/json')).status, { timeout: 10_000 })
      .toBe(200)
  })
})
