import { asArray, parseBody, toInt, toStr, type Parsed, type XmlNode } from './parse'

const ENDPOINT = 'event push'

/** An access-control event as a terminal pushed it to its listening host (research/isapi.md §5.2). */
export interface PushedAccessEvent {
  serialNo: number
  major: number
  minor: number
  /** the terminal's own time, with its offset: what the school server's dedup key is made of */
  dateTime: string
  employeeNo?: string
  name?: string
  /** the terminal's serial, when it says (`deviceID`, outer or inner) */
  deviceID?: string
  /** false for replayed history */
  currentEvent?: boolean
  /** the whole notification as JSON, inner `AccessControllerEvent` included, as the school server reads it */
  document: Record<string, unknown>
}

export type PushedNotification =
  | { kind: 'access'; event: PushedAccessEvent; picture: Buffer | null }
  /** the terminal's "still here" (eventType heartBeat), sent every `heartbeat` seconds of its slot */
  | { kind: 'heartbeat'; dateTime: string | null }
  /** something else the terminal reports (IO alarm, video loss): acknowledged, not relayed */
  | { kind: 'other'; eventType: string }

/** Why a body is not a notification; the route answers it with a stable code. */
export class NotAnEvent extends Error {
  override name = 'NotAnEvent'
}

/** A received body: its Content-Type and bytes (already bounded by the caller). */
export interface PushedBody {
  contentType: string
  body: Buffer
}

/**
 * Reads what a terminal posts: `multipart/form-data` with the event (JSON, or XML on older firmware) and
 * a `Picture` part, or a plain JSON/XML body. The event part is found by its content, not its name: the
 * DS-K1T family names it `event_log`, others `AccessControllerEvent` or nothing useful, and its own
 * Content-Type may be missing.
 */
export async function readPushedNotification(input: PushedBody): Promise<PushedNotification> {
  const type = input.contentType.toLowerCase()
  if (type.startsWith('multipart/')) return fromMultipart(input)
  return fromDocument(sniff(input.body), null)
}

async function fromMultipart(input: PushedBody): Promise<PushedNotification> {
  let form: FormData
  try {
    form = await new Response(new Uint8Array(input.body), {
      headers: { 'content-type': input.contentType },
    }).formData()
  } catch {
    throw new NotAnEvent('the multipart body could not be read')
  }
  let doc: Parsed | null = null
  let picture: Buffer | null = null
  for (const [, value] of form.entries()) {
    if (typeof value === 'string') {
      doc ??= trySniff(Buffer.from(value, 'utf8'))
      continue
    }
    const bytes = Buffer.from(await value.arrayBuffer())
    if (isJpeg(bytes)) picture ??= bytes
    else doc ??= trySniff(bytes)
  }
  if (!doc) throw new NotAnEvent('no part of the multipart body holds an event')
  return fromDocument(doc, picture)
}

function sniff(body: Buffer): Parsed {
  const parsed = trySniff(body)
  if (!parsed) throw new NotAnEvent('the body is neither JSON nor XML')
  return parsed
}

function trySniff(body: Buffer): Parsed | null {
  try {
    const parsed = parseBody(body, ENDPOINT)
    return parsed.kind === 'empty' ? null : parsed
  } catch {
    return null
  }
}

function isJpeg(bytes: Buffer): boolean {
  return bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff
}

function fromDocument(parsed: Parsed, picture: Buffer | null): PushedNotification {
  if (parsed.kind === 'empty') throw new NotAnEvent('the body is empty')
  const outer = parsed.kind === 'xml' ? xmlToJson(parsed.doc) : parsed.doc
  if (parsed.kind === 'xml' && parsed.root !== 'EventNotificationAlert') {
    throw new NotAnEvent(`an XML <${parsed.root}> is not an event notification`)
  }
  // The school server's webhook also takes the event wrapped once more ({AccessControllerEvent: {...}}).
  const document = unwrap(outer)
  const eventType = toStr(document.eventType) ?? ''
  if (/^heartbeat$/i.test(eventType)) return { kind: 'heartbeat', dateTime: toStr(document.dateTime) ?? null }
  const inner = document.AccessControllerEvent
  if (typeof inner !== 'object' || inner === null || Array.isArray(inner)) {
    if (eventType) return { kind: 'other', eventType }
    throw new NotAnEvent('the document has neither an eventType nor an AccessControllerEvent')
  }
  const acs = inner as Record<string, unknown>
  const serialNo = toInt(acs.serialNo)
  const major = toInt(acs.majorEventType)
  const minor = toInt(acs.subEventType)
  const dateTime = toStr(document.dateTime) ?? toStr(acs.dateTime)
  if (serialNo === undefined || major === undefined || minor === undefined || !dateTime) {
    throw new NotAnEvent('an AccessControllerEvent needs serialNo, majorEventType, subEventType and dateTime')
  }
  if (Number.isNaN(Date.parse(dateTime))) throw new NotAnEvent(`"${dateTime}" is not a date and time`)
  const employeeNo = toStr(acs.employeeNoString) ?? toStr(acs.employeeNo)
  const name = toStr(acs.name)
  const deviceID = toStr(document.deviceID) ?? toStr(acs.deviceID)
  const current = acs.currentEvent
  return {
    kind: 'access',
    picture,
    event: {
      serialNo,
      major,
      minor,
      dateTime,
      ...(employeeNo ? { employeeNo } : {}),
      ...(name ? { name } : {}),
      ...(deviceID ? { deviceID } : {}),
      ...(typeof current === 'boolean' ? { currentEvent: current } : {}),
      document,
    },
  }
}

function unwrap(doc: Record<string, unknown>): Record<string, unknown> {
  const inner = doc.AccessControllerEvent
  const wrapped =
    Object.keys(doc).length === 1 &&
    typeof inner === 'object' &&
    inner !== null &&
    'AccessControllerEvent' in inner
  return wrapped ? (inner as Record<string, unknown>) : doc
}

/**
 * The XML notification as the JSON one: numbers where the JSON form has numbers, `true`/`false` as
 * booleans, attributes (the namespace) dropped. Older firmware posts XML; the school server reads JSON.
 */
function xmlToJson(node: XmlNode): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith('@')) continue
    out[key] = Array.isArray(value) ? asArray(value).map((item) => xmlValue(key, item)) : xmlValue(key, value)
  }
  return out
}

/** Fields that are text in the JSON form even when they look like numbers. */
const TEXT_FIELDS = new Set([
  'employeeNoString',
  'name',
  'deviceName',
  'deviceID',
  'cardNo',
  'label',
  'ipAddress',
  'macAddress',
  'channelName',
])

function xmlValue(key: string, value: unknown): unknown {
  if (typeof value === 'object' && value !== null) return xmlToJson(value as XmlNode)
  if (typeof value !== 'string' || TEXT_FIELDS.has(key)) return value
  if (value === 'true' || value === 'false') return value === 'true'
  return /^-?\d{1,15}$/.test(value) ? Number(value) : value
}
