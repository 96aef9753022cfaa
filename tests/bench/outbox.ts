import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createBackendClient } from '../../proxy/backend/client'
import { Outbox } from '../../proxy/backend/outbox'
import {
  prepareReport,
  sendReport,
  type ReportBackend,
  type ReportDraft,
} from '../../proxy/backend/report-kinds'
import { openDatabase } from '../../proxy/store/db'
import { registrationFor } from '../helpers/outbox-fixtures'
import { startBackend, type SimBackend } from '../sim/backend'
import type { BenchRow } from './row'

const STUDENTS = 100
const IN_FLIGHT = 4
const RUNS = 5

/**
 * What durability costs: the outbox delivering 100 registrations' reports (a provision and two device
 * results each) through SQLite, an attempt and a delivery committed per report, against the same requests
 * sent straight with the backend client at the same concurrency and in the same order per student.
 * Measured twice: against the simulator answering at once in this process (the outbox's CPU cost laid bare,
 * sharing one event loop with the server) and with the server 20 ms away, closer to a school's backend.
 */
export async function bench(): Promise<BenchRow[]> {
  const rows: BenchRow[] = []
  for (const latencyMs of [0, 20]) {
    await measure(direct, latencyMs)
    await measure(throughOutbox, latencyMs)
    const bare: number[] = []
    const outbox: number[] = []
    for (let i = 0; i < RUNS; i++) {
      bare.push(await measure(direct, latencyMs))
      outbox.push(await measure(throughOutbox, latencyMs))
    }
    const bareMs = median(bare)
    const outboxMs = median(outbox)
    const where = latencyMs === 0 ? 'server in-process, answering at once' : `server ${latencyMs} ms away`
    rows.push({
      name: `outbox: ${STUDENTS * 3} reports (${STUDENTS} registrations) written and delivered, ${IN_FLIGHT} in flight, ${where}, median of ${RUNS}`,
      value: Math.round(outboxMs),
      unit: 'ms',
      baseline: { name: 'the same calls straight through the client', value: Math.round(bareMs) },
      ratio: outboxMs / bareMs,
      ...(latencyMs === 0 ? {} : { target: '≤ 1.3×' }),
    })
  }
  return rows
}

type Delivery = (sim: SimBackend, backend: ReportBackend, registrations: ReportDraft[][]) => Promise<void>

async function measure(delivery: Delivery, latencyMs: number): Promise<number> {
  const sim = await startBackend()
  try {
    if (latencyMs > 0) await sim.setMode('slow', { slowMs: latencyMs })
    const school = await sim.seedSchool({ classes: 1, devices: 2 })
    const backend = createBackendClient({
      baseUrl: sim.url,
      schoolId: sim.schoolId,
      token: sim.credentials.provisioningToken,
    })
    const registrations = Array.from({ length: STUDENTS }, (_, i) =>
      registrationFor(school, { employeeNo: String(6_100_000_000 + i), clientId: randomUUID() }),
    )
    const began = performance.now()
    await delivery(sim, backend, registrations)
    const elapsed = performance.now() - began
    if (sim.state.provisionings.size !== STUDENTS)
      throw new Error('not every registration reached the backend')
    return elapsed
  } finally {
    await sim.close()
  }
}

/** Each student's reports in order, IN_FLIGHT students at a time, the provisioningId passed along in memory. */
const direct: Delivery = async (_sim, backend, registrations) => {
  const queue = [...registrations]
  const worker = async () => {
    for (let drafts = queue.shift(); drafts; drafts = queue.shift()) {
      const results = new Map<string, unknown>()
      for (const draft of drafts) {
        const report = prepareReport(draft)
        const dependency = report.dependsOn
          ? { kind: 'provision', result: results.get(report.dependsOn) }
          : null
        const toSend = { ...report, dependency }
        results.set(report.id, await sendReport(backend, toSend))
      }
    }
  }
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker))
}

const throughOutbox: Delivery = async (_sim, backend, registrations) => {
  const dir = mkdtempSync(join(tmpdir(), 'sr-bench-outbox-'))
  const db = openDatabase(dir)
  const outbox = new Outbox({
    db,
    backend,
    sender: { maxInFlight: IN_FLIGHT, maxPerMinute: 1e9, burst: 1e9 },
  })
  try {
    let delivered = 0
    const all = new Promise<void>((resolve) => {
      outbox.onSettled((report) => {
        if (report.state === 'delivered' && ++delivered === STUDENTS * 3) resolve()
      })
    })
    outbox.start()
    for (const drafts of registrations) outbox.enqueue(drafts)
    await all
  } finally {
    await outbox.stop()
    db.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] as number
}
