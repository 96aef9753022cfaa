import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { NotAnEvent, readPushedNotification } from '../../../../proxy/isapi/pushed-event'

const FIXTURES = new URL('../../../sim/terminal/fixtures/', import.meta.url)
const fixture = (path: string) => readFileSync(new URL(path, FIXTURES))
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 0xff, 0xd9])

/** A face-verified push (major 5 / minor 75) as the DS-K1T family posts it with a capture. */
function faceEvent(serialNo: number) {
  return {
    ipAddress: '192.168.1.64',
    dateTime: '2026-09-01T07:55:01+05:00',
    eventType: 'AccessControllerEvent',
    AccessControllerEvent: {
      majorEventType: 5,
      subEventType: 75,
      employeeNoString: '0012',
      name: 'Aziza',
      serialNo,
      currentEvent: true,
    },
  }
}

function multipart(parts: Array<{ name: string; body: Buffer; type?: string; filename?: string }>) {
  const boundary = 'MIME_boundary'
  const chunks = parts.flatMap((part) => [
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"` +
        (part.filename ? `; filename="${part.filename}"` : '') +
        '\r\n' +
        (part.type ? `Content-Type: ${part.type}\r\n` : '') +
        '\r\n',
    ),
    part.body,
    Buffer.from('\r\n'),
  ])
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    body: Buffer.concat([...chunks, Buffer.from(`--${boundary}--\r\n`)]),
  }
}

describe('reading what a terminal pushes', () => {
  it('reads the captured plain JSON push of a DS-K1T502DBFWX-C', async () => {
    const note = await readPushedNotification({
      contentType: 'application/json',
      body: fixture(
        'access-terminals/ds-k1t502dbfwx-c/httpHost-push.AccessControllerEvent.door-unlocked.json',
      ),
    })
    expect(note).toMatchObject({
      kind: 'access',
      picture: null,
      event: {
        serialNo: 257,
        major: 5,
        minor: 21,
        dateTime: '2024-08-26T12:32:28+01:00',
        currentEvent: true,
      },
    })
  })

  it('finds the event part by its content (named event_log, no Content-Type) and the capture in Picture', async () => {
    const body = multipart([
      { name: 'event_log', body: Buffer.from(JSON.stringify(faceEvent(42))) },
      { name: 'Picture', body: JPEG, type: 'image/jpeg', filename: 'Picture.jpg' },
    ])
    const note = await readPushedNotification(body)
    expect(note.kind).toBe('access')
    if (note.kind !== 'access') return
    expect(note.event).toMatchObject({ serialNo: 42, minor: 75, employeeNo: '0012' })
    expect(note.picture?.equals(JPEG)).toBe(true)
  })

  it('reads older firmware XML as the JSON the school server reads, employee numbers kept as text', async () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<EventNotificationAlert version="2.0" xmlns="http://www.isapi.org/ver20/XMLSchema">
<dateTime>2026-09-01T07:56:00+05:00</dateTime><eventType>AccessControllerEvent</eventType>
<AccessControllerEvent><majorEventType>5</majorEventType><subEventType>75</subEventType>
<employeeNoString>0012</employeeNoString><serialNo>43</serialNo><currentEvent>true</currentEvent>
</AccessControllerEvent></EventNotificationAlert>`
    const note = await readPushedNotification({ contentType: 'application/xml', body: Buffer.from(xml) })
    expect(note).toMatchObject({
      kind: 'access',
      event: { serialNo: 43, employeeNo: '0012', currentEvent: true },
    })
    if (note.kind === 'access') {
      expect(note.event.document.AccessControllerEvent).toMatchObject({
        subEventType: 75,
        employeeNoString: '0012',
      })
    }
  })

  it('acknowledges a heartbeat and an IO alarm (the captured camera XML) without an event', async () => {
    const beat = await readPushedNotification({
      contentType: 'application/json',
      body: Buffer.from(JSON.stringify({ eventType: 'heartBeat', dateTime: '2026-09-01T08:00:00+05:00' })),
    })
    expect(beat).toEqual({ kind: 'heartbeat', dateTime: '2026-09-01T08:00:00+05:00' })
    const io = await readPushedNotification({
      contentType: 'application/xml',
      body: fixture('events/EventNotificationAlert.IO.ds-2cd2t46g2-isu.xml'),
    })
    expect(io).toEqual({ kind: 'other', eventType: 'IO' })
  })

  it.each([
    ['an HTML page', 'text/html', '<html><body>hi</body></html>'],
    ['plain text', 'text/plain', 'hello'],
    ['JSON without an event', 'application/json', '{"hello":"world"}'],
    [
      'an event without a serialNo',
      'application/json',
      '{"dateTime":"2026-09-01T08:00:00+05:00","AccessControllerEvent":{"majorEventType":5}}',
    ],
    ['multipart with only a picture', 'multipart', ''],
  ])('refuses %s as not an event', async (_what, type, text) => {
    const input =
      type === 'multipart'
        ? multipart([{ name: 'Picture', body: JPEG, type: 'image/jpeg', filename: 'p.jpg' }])
        : { contentType: type, body: Buffer.from(text) }
    await expect(readPushedNotification(input)).rejects.toBeInstanceOf(NotAnEvent)
  })
})
