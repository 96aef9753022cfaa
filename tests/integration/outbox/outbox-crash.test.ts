import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { REPO_ROOT } from '../../helpers/proxy-process'
import { registrationFor, type SeededSchool } from '../../helpers/outbox-fixtures'
import { startBackend, type SimBackend } from '../../sim/backend'

interface Worker {
  child: ChildProcess
  events: Record<string, unknown>[]
  exited: Promise<unknown>
}

const workers = new Set<ChildProcess>()
let sim: SimBackend
let school: SeededSchool
let dataDir: string
let draftsFile: string

const STUDENTS = ['3100000001', '3100000002', '3100000003']

beforeEach(async () => {
  sim = await startBackend()
  school = await sim.seedSchool({ classes: 1, devices: 2 })
  dataDir = mkdtempSync(join(tmpdir(), 'sr-outbox-crash-'))
  draftsFile = join(dataDir, 'registrations.json')
  writeFileSync(
    draftsFile,
    JSON.stringify(STUDENTS.flatMap((employeeNo) => registrationFor(school, { employeeNo }))),
  )
})

afterEach(async () => {
  for (const child of workers) child.kill('SIGKILL')
  await sim.close()
})

/** Starts the worker on the data dir; it writes the registrations' reports again (a no-op after the first). */
function startWorker(): Worker {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/integration/outbox/outbox-worker.ts'], {
    cwd: REPO_ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      SR_DATA_DIR: dataDir,
      SR_BACKEND_URL: sim.url,
      SR_SCHOOL_ID: sim.schoolId,
      SR_BACKEND_TOKEN: sim.credentials.provisioningToken,
      OUTBOX_ENQUEUE: draftsFile,
      OUTBOX_BACKOFF_MS: '100',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  workers.add(child)
  const events: Record<string, unknown>[] = []
  let buffered = ''
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    buffered += chunk
    const lines = buffered.split('\n')
    buffered = lines.pop() ?? ''
    for (const line of lines) if (line.trim()) events.push(JSON.parse(line) as Record<string, unknown>)
  })
  let errors = ''
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (errors += chunk))
  const exited = new Promise((resolve) =>
    child.once('exit', (code, signal) => {
      workers.delete(child)
      resolve({ code, signal, errors })
    }),
  )
  return { child, events, exited }
}

async function killHard(worker: Worker): Promise<void> {
  worker.child.kill('SIGKILL')
  await worker.exited
}

async function until(condition: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

/** The outbox as the data dir holds it, read by a separate connection (the worker may be dead). */
function outboxRows(): { kind: string; state: string; attempts: number; group_key: string }[] {
  const db = new Database(join(dataDir, 'proxy.sqlite'), { readonly: true })
  try {
    return db.prepare('SELECT kind, state, attempts, group_key FROM outbox ORDER BY seq').all() as never
  } finally {
    db.close()
  }
}

const provisionCalls = () => sim.calls.filter((c) => c.path.endsWith('/students/provision'))
const deviceResultCalls = () => sim.calls.filter((c) => c.path.endsWith('/device-result'))
const studentsWith = (employeeNo: string) =>
  [...sim.state.students.values()].filter((s) => s.deviceStudentId === employeeNo)

describe('the outbox across kill -9', () => {
  it('keeps reports pending while the backend is down, and after kill -9 and restart delivers them once', async () => {
    await sim.setMode('down')
    const first = startWorker()
    await until(
      () => first.events.some((e) => e.event === 'settled' && e.state === 'pending'),
      'an attempt fails',
    )
    await killHard(first)
    const waiting = outboxRows()
    expect(waiting).toHaveLength(9)
    expect(waiting.every((r) => r.state === 'pending')).toBe(true)
    expect(waiting.some((r) => r.kind === 'provision' && r.attempts > 0)).toBe(true)
    expect(sim.state.students.size).toBe(0)

    await sim.setMode('up')
    const second = startWorker()
    await until(
      () => second.events.some((e) => e.event === 'settled' && e.delivered === 9),
      'all are delivered',
    )
    await killHard(second)

    expect(outboxRows().every((r) => r.state === 'delivered')).toBe(true)
    for (const employeeNo of STUDENTS) expect(studentsWith(employeeNo)).toHaveLength(1)
    expect(sim.state.provisionings.size).toBe(3)
    expect(provisionCalls()).toHaveLength(3)
    expect(deviceResultCalls()).toHaveLength(6)
  })

  it('does not create a student twice when killed while the backend is working on the provision', async () => {
    await sim.setMode('slow', { slowMs: 1_500 })
    const first = startWorker()
    await until(() => provisionCalls().length === 3, 'the three provisions are in flight')
    await killHard(first)
    // The server finishes what it was asked and answers into a closed connection.
    await until(() => STUDENTS.every((n) => studentsWith(n).length === 1), 'the server has created them')
    expect(outboxRows().every((r) => r.state === 'pending')).toBe(true)

    await sim.setMode('up')
    const second = startWorker()
    await until(
      () => second.events.some((e) => e.event === 'settled' && e.delivered === 9),
      'all are delivered',
    )
    await killHard(second)

    for (const employeeNo of STUDENTS) expect(studentsWith(employeeNo)).toHaveLength(1)
    expect(sim.state.provisionings.size).toBe(3)
    const requestIds = provisionCalls().map((c) => (c.body as { requestId: string }).requestId)
    expect(requestIds).toHaveLength(6)
    expect(new Set(requestIds).size).toBe(3)
    for (const call of provisionCalls()) {
      expect(call.headers['idempotency-key']).toBe((call.body as { requestId: string }).requestId)
    }
    // Each device result went out once, to the provisioning the server made the first time.
    expect(deviceResultCalls()).toHaveLength(6)
    const provisioningIds = new Set([...sim.state.provisionings.keys()])
    for (const call of deviceResultCalls()) expect(provisioningIds.has(call.path.split('/')[2]!)).toBe(true)
    for (const provisioning of sim.state.provisionings.values()) {
      expect(provisioning.links.map((l) => [l.status, l.attemptCount])).toEqual([
        ['SUCCESS', 1],
        ['SUCCESS', 1],
      ])
    }
  })
})
