import { createHash } from 'node:crypto'

/**
 * The school server's attendance webhook as BACKEND-CONTRACT.md "Attendance webhook, as the server reads it"
 * describes it: only face-verified access (subEventType 75) counts, `eventKey` dedups, and each student's
 * day is a state machine fed in the order events arrive, so a morning relayed out of time order ends in a
 * different record than the same morning replayed in time order.
 */
export interface ScanEvent {
  deviceID: string
  employeeNo: string
  dateTime: string
  direction: 'in' | 'out'
}

export interface DayRecord {
  studentKey: string
  /** the school's local date of the scans, `YYYY-MM-DD` as the terminal wrote it */
  date: string
  inSchool: boolean
  firstIn: string | null
  lastOut: string | null
  /** every scan applied, in the order the server applied it */
  scans: Array<{ direction: 'in' | 'out'; dateTime: string }>
}

export type WebhookOutcome =
  | { ok: true; eventKey: string }
  | { ok: true; ignored: true; reason?: 'duplicate_event' | 'duplicate_scan' | 'not_face_access' }

export function eventKey(event: ScanEvent): string {
  return createHash('sha256')
    .update(`${event.deviceID}:${event.employeeNo}:${event.dateTime}:${event.direction}`)
    .digest('hex')
}

/** One scan into a day record: what `webhook-event.handler.ts` does to the student's day. */
export function applyScan(record: DayRecord, direction: 'in' | 'out', dateTime: string): void {
  record.scans.push({ direction, dateTime })
  if (direction === 'in') {
    record.firstIn ??= dateTime
    record.inSchool = true
  } else {
    record.lastOut = dateTime
    record.inSchool = false
  }
}

export function newDayRecord(studentKey: string, date: string): DayRecord {
  return { studentKey, date, inSchool: false, firstIn: null, lastOut: null, scans: [] }
}

/** The same scans replayed in time order: what the day records must equal when events came in order. */
export function replayInTimeOrder(events: readonly ScanEvent[], studentKeyOf: (e: ScanEvent) => string) {
  const records = new Map<string, DayRecord>()
  const sorted = [...events].sort((a, b) => Date.parse(a.dateTime) - Date.parse(b.dateTime))
  for (const event of sorted) {
    const key = `${studentKeyOf(event)}|${event.dateTime.slice(0, 10)}`
    const record = records.get(key) ?? newDayRecord(studentKeyOf(event), event.dateTime.slice(0, 10))
    records.set(key, record)
    applyScan(record, event.direction, event.dateTime)
  }
  return records
}

export class AttendanceBook {
  readonly keys = new Set<string>()
  readonly records = new Map<string, DayRecord>()
  /** accepted scans in arrival order */
  readonly accepted: ScanEvent[] = []
  private readonly lastScan = new Map<string, number>()

  constructor(private readonly minScanIntervalSec = 0) {}

  take(event: ScanEvent, studentKey: string): WebhookOutcome {
    const key = eventKey(event)
    if (this.keys.has(key)) return { ok: true, ignored: true, reason: 'duplicate_event' }
    const at = Date.parse(event.dateTime)
    const scanKey = `${studentKey}|${event.direction}`
    const previous = this.lastScan.get(scanKey)
    if (
      this.minScanIntervalSec > 0 &&
      previous !== undefined &&
      Math.abs(at - previous) < this.minScanIntervalSec * 1000
    ) {
      return { ok: true, ignored: true, reason: 'duplicate_scan' }
    }
    this.keys.add(key)
    this.lastScan.set(scanKey, at)
    this.accepted.push(event)
    const recordKey = `${studentKey}|${event.dateTime.slice(0, 10)}`
    const record = this.records.get(recordKey) ?? newDayRecord(studentKey, event.dateTime.slice(0, 10))
    this.records.set(recordKey, record)
    applyScan(record, event.direction, event.dateTime)
    return { ok: true, eventKey: key }
  }
}

const EVENT_FIELDS = ['AccessControllerEvent', 'accessControllerEvent', 'event', 'Event', 'data', 'Data']

/**
 * The event object from the body: multipart with the JSON as a string field (several names are read) and
 * the capture as `Picture`, or JSON (`{AccessControllerEvent: {...}}` or the event itself). null: no event.
 */
export async function readWebhookBody(
  raw: Buffer,
  contentType: string,
): Promise<{ event: Record<string, unknown> | null; picture: number }> {
  if (contentType.toLowerCase().startsWith('multipart/')) {
    const form = await new Response(new Uint8Array(raw), {
      headers: { 'content-type': contentType },
    }).formData()
    const field = EVENT_FIELDS.map((name) => form.get(name)).find((value) => typeof value === 'string')
    const picture = form.get('Picture')
    const pictureBytes = picture && typeof picture !== 'string' ? picture.size : 0
    if (typeof field !== 'string') return { event: null, picture: pictureBytes }
    return { event: JSON.parse(field) as Record<string, unknown>, picture: pictureBytes }
  }
  if (raw.length === 0) return { event: null, picture: 0 }
  return { event: JSON.parse(raw.toString('utf8')) as Record<string, unknown>, picture: 0 }
}

/** The fields the handler reads, from the outer object or the inner `AccessControllerEvent`. */
export function scanFields(doc: Record<string, unknown>) {
  const inner = (
    typeof doc.AccessControllerEvent === 'object' && doc.AccessControllerEvent !== null
      ? doc.AccessControllerEvent
      : doc
  ) as Record<string, unknown>
  const text = (value: unknown) =>
    typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined
  return {
    subEventType: Number(inner.subEventType),
    employeeNo: text(inner.employeeNoString),
    deviceID: text(doc.deviceID) ?? text(inner.deviceID),
    dateTime: text(doc.dateTime) ?? text(inner.dateTime),
  }
}
