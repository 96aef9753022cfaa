import { request } from 'node:http'
import { escapeXml } from './format'
import type { SimHttpHost } from './state'
import type { Terminal } from './server'

/**
 * The terminal's other side: posting each event it records to its listening host (httpHosts), with the
 * quirks seen in the field. Shapes, and the capture each is modelled on:
 * - `multipart` (default): a JSON part named `event_log` with no Content-Type and a `Picture` part
 *   (`Picture.jpg`, image/jpeg), as DS-K1T terminals with `pictureURLType binary` post (research/isapi.md
 *   §5.2); the JSON is the face-verified event of the DS-K1T342MWX `alertStream` capture
 *   (`ds-k1t342mwx_v3.16.1/alertStream.multipart-mixed.truncated.txt`) with minor 75's fields from its
 *   `AcsEvent.Search.MORE.json`.
 * - `json`: the plain body of the DS-K1T502DBFWX-C capture
 *   (`ds-k1t502dbfwx-c/httpHost-push.AccessControllerEvent.door-unlocked.json`).
 * - `xml`: `EventNotificationAlert` as older firmware posts it, laid out like the camera capture
 *   `events/EventNotificationAlert.IO.ds-2cd2t46g2-isu.xml`, with the access event inside.
 * - heartbeats: `{"eventType":"heartBeat"}` every `heartbeat` seconds of the slot; reconstructed, no
 *   capture holds one.
 * - a lost push: the event stays in the terminal's log (AcsEvent) and is never posted (reboots, a full
 *   buffer, a changed URL: why the log is the source of truth).
 * - retries: a post that fails or is not answered 200 is sent again (`httpBroken`), so a listener sees
 *   the same event twice when only the answer was lost.
 */
export interface PushOptions {
  format?: 'multipart' | 'json' | 'xml'
  /** the capture sent with multipart events; none without */
  picture?: Buffer | null
  /** how many more times a failed post is tried; default 2 */
  retries?: number
  /** a post is abandoned after this long; default 5 s */
  timeoutMs?: number
}

export interface PushedEventRecord {
  /** the log entry, search-shaped, as `AcsEvent` lists it */
  record: Record<string, unknown>
  /** whether a post got a 200 */
  delivered: boolean
  /** how many posts were made */
  posts: number
}

export interface EventPusher {
  /**
   * Records a face-verified access event (major 5 / minor 75) in the log and pushes it unless `lose`.
   * `time` is the terminal's own, with its offset (`2026-09-01T07:55:01+05:00`).
   */
  faceEvent(input: {
    employeeNo: string
    name?: string
    time: string
    lose?: boolean
  }): Promise<PushedEventRecord>
  heartbeat(dateTime: string): Promise<boolean>
  /** posts a body as is to the configured host (for garbage, floods and oversized pictures) */
  raw(body: Buffer, contentType: string): Promise<{ status: number; text: string }>
  /** the listening address the terminal posts to now, or null when its slot is empty */
  target(): string | null
}

export function createEventPusher(terminal: Terminal, options: PushOptions = {}): EventPusher {
  const format = options.format ?? 'multipart'
  const retries = options.retries ?? 2

  const target = (): string | null => {
    const slot = terminal.state.httpHosts.find(configured)
    if (!slot) return null
    return `http://${slot.ipAddress}:${slot.portNo}${slot.url.startsWith('/') ? slot.url : `/${slot.url}`}`
  }

  const post = (body: Buffer, contentType: string) => {
    const url = target()
    if (!url) return Promise.resolve({ status: 0, text: 'no listening host' })
    return send(url, body, contentType, options.timeoutMs ?? 5_000)
  }

  return {
    target,
    raw: post,
    async faceEvent(input) {
      const record = terminal.addEvent({
        major: 5,
        minor: 75,
        time: input.time,
        cardType: 1,
        name: input.name ?? `Student ${input.employeeNo}`,
        cardReaderNo: 1,
        doorNo: 1,
        employeeNoString: input.employeeNo,
        userType: 'normal',
        currentVerifyMode: 'cardOrFace',
        mask: 'no',
      })
      if (input.lose) return { record, delivered: false, posts: 0 }
      const { body, contentType } = encode(record, format, options.picture ?? null, terminal)
      let posts = 0
      for (let attempt = 0; attempt <= retries; attempt++) {
        posts++
        const answer = await post(body, contentType).catch(() => ({ status: 0, text: '' }))
        if (answer.status === 200) return { record, delivered: true, posts }
      }
      return { record, delivered: false, posts }
    },
    async heartbeat(dateTime) {
      const body = Buffer.from(
        JSON.stringify({ ipAddress: terminal.host, portNo: terminal.port, dateTime, eventType: 'heartBeat' }),
      )
      const answer = await post(body, 'application/json').catch(() => ({ status: 0, text: '' }))
      return answer.status === 200
    },
  }
}

function configured(slot: SimHttpHost): boolean {
  return slot.ipAddress !== '0.0.0.0' && slot.ipAddress !== '' && slot.portNo > 0
}

/** The push shape of a log entry: `major`/`minor`/`time` become `majorEventType`/`subEventType`/`dateTime`. */
function notification(record: Record<string, unknown>, terminal: Terminal): Record<string, unknown> {
  return {
    ipAddress: terminal.host,
    portNo: terminal.port,
    protocol: 'HTTP',
    macAddress: 'AA:BB:CC:DD:EE:FF',
    channelID: 1,
    dateTime: record.time,
    activePostCount: 1,
    eventType: 'AccessControllerEvent',
    eventState: 'active',
    eventDescription: 'Access Controller Event',
    AccessControllerEvent: {
      deviceName: terminal.profile.id.toUpperCase(),
      majorEventType: record.major,
      subEventType: record.minor,
      name: record.name,
      cardReaderKind: 1,
      cardReaderNo: record.cardReaderNo,
      verifyNo: 128,
      employeeNoString: record.employeeNoString,
      serialNo: record.serialNo,
      userType: record.userType,
      currentVerifyMode: record.currentVerifyMode,
      currentEvent: true,
      frontSerialNo: Number(record.serialNo) - 1,
      attendanceStatus: 'undefined',
      label: '',
      statusValue: 0,
      mask: record.mask,
      FaceRect: { height: 0.493, width: 0.279, x: 0.306, y: 0.14 },
      picturesNumber: 1,
    },
  }
}

function encode(
  record: Record<string, unknown>,
  format: 'multipart' | 'json' | 'xml',
  picture: Buffer | null,
  terminal: Terminal,
): { body: Buffer; contentType: string } {
  const doc = notification(record, terminal)
  if (format === 'json')
    return { body: Buffer.from(JSON.stringify(doc, null, 4)), contentType: 'application/json' }
  if (format === 'xml') return { body: Buffer.from(toXml(doc)), contentType: 'application/xml' }
  const boundary = 'MIME_boundary'
  const parts: Buffer[] = [
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="event_log"\r\n\r\n`),
    Buffer.from(JSON.stringify(doc, null, '\t')),
    Buffer.from('\r\n'),
  ]
  if (picture) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="Picture"; filename="Picture.jpg"\r\n` +
          `Content-Type: image/jpeg\r\nContent-Length: ${picture.length}\r\n\r\n`,
      ),
      picture,
      Buffer.from('\r\n'),
    )
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`))
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` }
}

function toXml(doc: Record<string, unknown>): string {
  const element = (name: string, value: unknown): string =>
    typeof value === 'object' && value !== null
      ? `<${name}>${Object.entries(value as Record<string, unknown>)
          .map(([k, v]) => element(k, v))
          .join('')}</${name}>`
      : `<${name}>${escapeXml(String(value ?? ''))}</${name}>`
  return (
    '<EventNotificationAlert version="2.0" xmlns="http://www.isapi.org/ver20/XMLSchema">\n' +
    Object.entries(doc)
      .map(([k, v]) => element(k, v))
      .join('\n') +
    '\n</EventNotificationAlert>'
  )
}

function send(url: string, body: Buffer, contentType: string, timeoutMs: number) {
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        headers: { 'content-type': contentType, 'content-length': body.length, connection: 'close' },
        timeout: timeoutMs,
      },
      (res) => {
        answered = true
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
        )
        res.on('error', reject)
        res.on('close', () => reject(new Error('the answer was cut off')))
      },
    )
    // A server may answer before the whole body is sent (413) and then close; like the terminals' own
    // HTTP stack, the answer counts and the broken upload after it does not.
    let answered = false
    req.on('timeout', () => req.destroy(new Error('timeout')))
    req.on('error', (error) => {
      if (!answered) reject(error)
    })
    req.end(body)
  })
}
