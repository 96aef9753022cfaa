import 'fake-indexeddb/auto'
import sharp from 'sharp'
import { createIsapiClient } from '../../proxy/isapi'
import { Registration } from '../../shared/api/registrations'
import { RegistratorDb } from '../../web/db/database'
import { createDraftRepository } from '../../web/db/drafts'
import { createDraftSender } from '../../web/sync/sender'
import { startProxy, type RunningProxy } from '../helpers/proxy-process'
import type { BenchRow } from './row'
import { startTerminalProcess, type TerminalProcess } from './terminal-process'

const DRAFTS = 50
/** the floor's per-user write time is measured on this many users and scaled to DRAFTS */
const FLOOR_SAMPLE = 10
const FAST = { default: 20, userRecord: 40, faceRecord: 150 }
const SLOW = { default: 20, userRecord: 60, faceRecord: 250 }

/**
 * Enrollment day, after the tablet was out of reach: 50 drafts wait in IndexedDB and the real draft
 * sender (the PWA's web/sync) sends them to the real proxy process as `npm start` runs it, which writes each
 * to two simulated terminals, each in a process of its own as on the school's LAN. The floor is what the
 * slower terminal needs to store 50 people and faces when spoken to directly, one after another, measured
 * in the same run.
 */
export async function bench(): Promise<BenchRow[]> {
  const fast = await startTerminalProcess(FAST)
  const slow = await startTerminalProcess(SLOW)
  const proxy = await startProxy({ tls: 'off', build: 'bundle', env: { SR_LOG_LEVEL: 'warn' } })
  try {
    const deviceIds = [
      await addDevice(proxy.adminFetch, fast, 'Kirish'),
      await addDevice(proxy.adminFetch, slow, 'Chiqish'),
    ]
    const photo = await facePhoto()
    const floor = (await writeFloor(slow, photo)) * (DRAFTS / FLOOR_SAMPLE)
    const wall = await syncQueue(proxy.adminFetch, deviceIds, photo)
    const stored = await usersOn(slow)
    if (stored < DRAFTS) throw new Error(`only ${stored} users reached the device`)
    return [
      {
        name: `offline queue: ${DRAFTS} drafts synced by the PWA's sender through the proxy to 2 terminals`,
        value: Math.round(wall),
        unit: 'ms',
        baseline: {
          name: 'the slower terminal storing them directly, one after another',
          value: Math.round(floor),
        },
        ratio: wall / floor,
        target: '≤ 1.1×',
      },
    ]
  } finally {
    await proxy.stop()
    await Promise.all([fast.close(), slow.close()])
  }
}

type Fetch = RunningProxy['adminFetch']

async function addDevice(adminFetch: Fetch, terminal: TerminalProcess, name: string): Promise<string> {
  const answer = await adminFetch('/api/devices', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      name,
      host: terminal.host,
      port: terminal.port,
      username: terminal.username,
      password: terminal.password,
    }),
  })
  if (answer.status !== 201) throw new Error(`adding ${name}: ${answer.status} ${await answer.text()}`)
  return ((await answer.json()) as { id: string }).id
}

async function syncQueue(adminFetch: Fetch, deviceIds: string[], photo: Buffer): Promise<number> {
  const repo = createDraftRepository(new RegistratorDb(`bench-${Date.now()}`))
  for (let i = 0; i < DRAFTS; i++) {
    await repo.add({
      student: { firstName: `Oʻquvchi${i}`, lastName: 'Karimova', gender: 'female' },
      deviceIds,
      photo: { bytes: Uint8Array.from(photo).buffer, type: 'image/jpeg' },
    })
  }
  const sender = createDraftSender({
    repo,
    send: async (body) => {
      const answer = await adminFetch('/api/registrations', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
      if (answer.status !== 201) throw new Error(`registration: ${answer.status} ${await answer.text()}`)
      return Registration.parse(await answer.json())
    },
  })
  const started = performance.now()
  sender.start()
  for (;;) {
    await sender.idle()
    const counts = await repo.counts()
    if (counts.done === DRAFTS) break
    if (counts.failed + counts.attention > 0) throw new Error(`drafts refused: ${JSON.stringify(counts)}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  const wall = performance.now() - started
  sender.stop()
  return wall
}

function bareClient(terminal: TerminalProcess) {
  return createIsapiClient({
    host: terminal.host,
    port: terminal.port,
    scheme: 'http',
    username: terminal.username,
    password: terminal.password,
  })
}

/** How many people the terminal holds. */
async function usersOn(terminal: TerminalProcess): Promise<number> {
  const client = bareClient(terminal)
  try {
    return (await client.countUsers()).users
  } finally {
    await client.close()
  }
}

/** addUser + addFace back to back on the slower terminal, with a bare client (login already done). */
async function writeFloor(terminal: TerminalProcess, photo: Buffer): Promise<number> {
  const client = bareClient(terminal)
  await client.deviceInfo()
  const started = performance.now()
  for (let i = 0; i < FLOOR_SAMPLE; i++) {
    const employeeNo = String(9_000_000_000 + i)
    await client.addUser({ employeeNo, name: `Floor ${i}` })
    await client.addFace(employeeNo, photo)
  }
  const elapsed = performance.now() - started
  await client.deleteUsers(Array.from({ length: FLOOR_SAMPLE }, (_, i) => String(9_000_000_000 + i)))
  await client.close()
  return elapsed
}

/** A tablet's pre-resized photo, already within the terminals' limits. */
function facePhoto(): Promise<Buffer> {
  return sharp({ create: { width: 480, height: 640, channels: 3, background: { r: 180, g: 150, b: 130 } } })
    .composite([
      {
        input: Buffer.from(
          '<svg width="480" height="640"><ellipse cx="240" cy="300" rx="150" ry="200" fill="#d9b59a"/>' +
            '<circle cx="190" cy="260" r="18" fill="#333"/><circle cx="290" cy="260" r="18" fill="#333"/></svg>',
        ),
      },
    ])
    .jpeg({ quality: 85, progressive: false, chromaSubsampling: '4:2:0' })
    .toBuffer()
}
