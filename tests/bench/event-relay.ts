import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { postAttendance } from '../../proxy/backend/attendance-webhook'
import type { EventRelay } from '../../proxy/domain/event-relay'
import { readPushedNotification } from '../../proxy/isapi/pushed-event'
import { openDatabase, type Db } from '../../proxy/store/db'
import { relayRig } from '../helpers/relay-rig'
import type { Device } from '../../shared/api/devices'
import { startBackend, type SimBackend } from '../sim/backend'
import { SAMPLE_FACE_JPEG } from '../sim/terminal'
import type { BenchRow } from './row'

const EVENTS = 1_000
const IN_FLIGHT = 4
const WAITING = 10_000
// event captures are 30–45 KB (research/isapi.md §4): the sample face padded to 40 KB
const PICTURE = Buffer.concat([SAMPLE_FACE_JPEG, Buffer.alloc(40 * 1024 - SAMPLE_FACE_JPEG.length)])
const START = Date.parse('2026-09-01T07:00:00+05:00')

/**
 * The relay against the school server simulator's own pace, in the same run: events posted straight to
 * the simulator's webhook (multipart with the 40 KB capture, 4 at a time, different students) is what the
 * server can take; the relay must keep up with it both taking events in (parse, capture to disk, row in
 * SQLite) and delivering them (row and capture read, posted, marked). Then the memory a backlog of 10,000
 * waiting events costs while the server is down: it lives on disk, so the heap must stay flat.
 */
export async function bench(): Promise<BenchRow[]> {
  const sim = await startBackend()
  try {
    await direct(sim, 200) // warm-up
    const serverRate = await direct(sim, EVENTS)
    const { received, relayed } = await throughRelay(sim)
    const memory = await backlogMemory()
    const target = '≥ 0.9×'
    return [
      {
        name: `relay: ${EVENTS} events with 40 KB captures received (parsed, capture on disk, row in SQLite)`,
        value: Math.round(received),
        unit: 'events/s',
        baseline: { name: 'school server simulator taking them directly', value: Math.round(serverRate) },
        ratio: received / serverRate,
        target,
      },
      {
        name: `relay: ${EVENTS} events with captures relayed in time order, ${IN_FLIGHT} students at a time`,
        value: Math.round(relayed),
        unit: 'events/s',
        baseline: { name: 'school server simulator taking them directly', value: Math.round(serverRate) },
        ratio: relayed / serverRate,
        target,
      },
      {
        name: `relay: heap growth while ${WAITING.toLocaleString('en')} events wait (school server down)`,
        value: Math.round(memory.grownMb * 10) / 10,
        unit: 'MB',
        baseline: { name: 'heap with none waiting', value: Math.round(memory.baseMb) },
        target: 'flat, ≤ +30 MB',
      },
    ]
  } finally {
    await sim.close()
  }
}

function webhookUrls(sim: SimBackend) {
  const school = sim.state.schools.get(sim.schoolId)
  return {
    in: `${sim.url}/webhook/${sim.schoolId}/in?secret=${school?.webhookSecretIn}`,
    out: `${sim.url}/webhook/${sim.schoolId}/out?secret=${school?.webhookSecretOut}`,
    source: 'cache' as const,
    fetchedAt: new Date().toISOString(),
  }
}

let serial = 0
function eventDoc(i: number, employeeNo: string) {
  const dateTime = new Date(START + i * 1000 + 5 * 3_600_000).toISOString().slice(0, 19) + '+05:00'
  return {
    dateTime,
    eventType: 'AccessControllerEvent',
    deviceID: 'FJ-BENCH',
    AccessControllerEvent: {
      deviceID: 'FJ-BENCH',
      dateTime,
      majorEventType: 5,
      subEventType: 75,
      employeeNoString: employeeNo,
      serialNo: ++serial,
    },
  }
}

/** The simulator's own acceptance rate: the same events posted straight to it, IN_FLIGHT at a time. */
async function direct(sim: SimBackend, count: number): Promise<number> {
  const urls = webhookUrls(sim)
  let next = 0
  const started = performance.now()
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next < count) {
        const i = next++
        await postAttendance({ url: urls.in, document: eventDoc(i, `d${i}`), picture: PICTURE })
      }
    }),
  )
  return count / ((performance.now() - started) / 1000)
}

function relayOn(db: Db, dataDir: string, sim: SimBackend | null) {
  return relayRig({
    db,
    dataDir,
    urls: sim ? webhookUrls(sim) : null,
    ...(sim ? {} : { post: async () => Promise.reject(new Error('school server down')) }),
  })
}

function multipart(doc: object): { contentType: string; body: Buffer } {
  const boundary = 'MIME_boundary'
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    body: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="event_log"\r\n\r\n${JSON.stringify(doc)}\r\n`,
      ),
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="Picture"; filename="Picture.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
      ),
      PICTURE,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
  }
}

async function receive(relay: EventRelay, devices: Device[], count: number, from: number): Promise<void> {
  for (let i = from; i < from + count; i++) {
    const d = devices[i % 2] as Device
    const doc = eventDoc(i, `r${i % 500}`)
    doc.AccessControllerEvent.serialNo = Math.floor(i / 2) + 2
    const note = await readPushedNotification(multipart(doc))
    relay.intake.accept(d, note)
  }
}

async function throughRelay(sim: SimBackend): Promise<{ received: number; relayed: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-relay-'))
  const db = openDatabase(dir)
  try {
    const { relay, devices } = relayOn(db, dir, sim)
    const started = performance.now()
    await receive(relay, devices, EVENTS, 0)
    const received = EVENTS / ((performance.now() - started) / 1000)
    for (const d of devices)
      relay.intake.accept(d, { kind: 'heartbeat', dateTime: '2026-09-01T23:00:00+05:00' })
    const sending = performance.now()
    relay.sender.start()
    await relay.sender.idle()
    const relayed = EVENTS / ((performance.now() - sending) / 1000)
    await relay.stop()
    return { received, relayed }
  } finally {
    db.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

function heapMb(): number {
  setFlagsFromString('--expose-gc')
  const gc = runInNewContext('gc') as () => void
  gc()
  gc()
  return process.memoryUsage().heapUsed / 1024 ** 2
}

async function backlogMemory(): Promise<{ baseMb: number; grownMb: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-relay-mem-'))
  const db = openDatabase(dir)
  try {
    const { relay, devices } = relayOn(db, dir, null)
    relay.sender.start()
    const baseMb = heapMb()
    await receive(relay, devices, WAITING, 0)
    relay.view()
    const grownMb = heapMb() - baseMb
    await relay.stop()
    return { baseMb, grownMb }
  } finally {
    db.close()
    rmSync(dir, { recursive: true, force: true })
  }
}
