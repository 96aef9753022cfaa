import { Outbox } from '../../proxy/backend/outbox'
import { createDeviceChecks } from '../../proxy/domain/device-checks'
import { createDomain, type Domain } from '../../proxy/domain/domain'
import { createLogger } from '../../proxy/log'
import { openMemoryDatabase } from '../../proxy/store/db'
import { createRepositories } from '../../proxy/store/repositories'
import { SecretBox } from '../../proxy/store/secrets'
import { SettingsRepo } from '../../proxy/store/settings-repo'
import { startTerminal, type Terminal } from '../sim/terminal'
import type { BenchRow } from './row'

const RUNS = 5
const LIVE = 6
/** A terminal's read answers on a school LAN (deviceInfo, counts, time, httpHosts, AcsEvent). */
const READ_MS = 40
const BUDGET_MS = 3_000

/**
 * The Check page's `GET /api/devices/status` through the same use case the route calls: six live
 * terminals against one alone (parallel checks: the ratio should stay near 1), the same six plus one that
 * refuses connections and one that never answers (bounded by the 3 s budget, not by the dead device),
 * and an answer from the 10-second cache against a fresh check.
 */
export async function bench(): Promise<BenchRow[]> {
  const live = await Promise.all(
    Array.from({ length: LIVE }, () => startTerminal({ seedUsers: 20, latency: { default: READ_MS } })),
  )
  const refused = await startTerminal()
  const silent = await startTerminal()
  const db = openMemoryDatabase()
  const domain = createDomain({
    config: { dataDir: '/nonexistent', deviceNets: ['127.0.0.0/8'] },
    repos: createRepositories(db),
    db,
    logger: createLogger('silent'),
    outbox: new Outbox({ db, backend: null }),
    secrets: SecretBox.withKey(Buffer.alloc(32, 5)),
    backend: null,
  })
  const checks = createDeviceChecks({
    config: { timeZone: 'Asia/Tashkent' },
    backend: null,
    devices: domain.registry,
    clients: domain.clients,
    settings: new SettingsRepo(db),
    budgetMs: BUDGET_MS,
  })
  try {
    const liveIds: string[] = []
    for (const [i, t] of live.entries()) liveIds.push(await addDevice(domain, t, `Eshik ${i + 1}`))
    const first = liveIds[0] as string
    // warm: nonces and capabilities learned, as after the page was opened once
    await checks.status.all({ refresh: true })

    const alone: number[] = []
    const all: number[] = []
    const cached: number[] = []
    for (let run = 0; run < RUNS; run++) {
      alone.push(await time(() => checks.status.one(first, { refresh: true })))
      all.push(await time(() => checks.status.all({ refresh: true })))
      cached.push(await time(() => checks.status.all()))
    }

    await addDevice(domain, refused, 'Oʻchirilgan')
    await addDevice(domain, silent, 'Javobsiz')
    await refused.setOffline(true)
    await silent.setOffline('blackhole')
    const withDead: number[] = []
    for (let run = 0; run < 3; run++) withDead.push(await time(() => checks.status.all({ refresh: true })))

    const floor = median(alone)
    const parallel = median(all)
    const dead = median(withDead)
    const fromCache = median(cached)
    return [
      {
        name: `device status: ${LIVE} live terminals (reads ${READ_MS} ms), median of ${RUNS}`,
        value: round(parallel),
        unit: 'ms',
        baseline: { name: 'one terminal alone', value: round(floor) },
        ratio: parallel / floor,
        target: '≤ 2×',
      },
      {
        name: `device status: the same plus one refusing and one silent terminal (budget ${BUDGET_MS} ms)`,
        value: round(dead),
        unit: 'ms',
        baseline: { name: 'the per-device budget', value: BUDGET_MS },
        ratio: dead / BUDGET_MS,
        target: '≤ 1.1×',
      },
      {
        name: `device status: ${LIVE} terminals answered from the 10-second cache`,
        value: Math.round(fromCache * 100) / 100,
        unit: 'ms',
        baseline: { name: 'a fresh check', value: round(parallel) },
        ratio: fromCache / parallel,
        target: '≤ 0.05×',
      },
    ]
  } finally {
    await domain.stop()
    db.close()
    await Promise.all([...live, refused, silent].map((t) => t.close()))
  }
}

async function addDevice(domain: Domain, terminal: Terminal, name: string): Promise<string> {
  const device = await domain.registry.create({
    name,
    host: terminal.host,
    port: terminal.port,
    username: terminal.username,
    password: terminal.password,
  })
  return device.id
}

async function time(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now()
  await work()
  return performance.now() - started
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] as number
}

function round(ms: number): number {
  return Math.round(ms)
}
