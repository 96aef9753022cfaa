import { Outbox } from '../../proxy/backend/outbox'
import { createDomain, type Domain } from '../../proxy/domain/domain'
import { createLogger } from '../../proxy/log'
import { openMemoryDatabase } from '../../proxy/store/db'
import { createRepositories } from '../../proxy/store/repositories'
import { SecretBox } from '../../proxy/store/secrets'
import { startTerminal } from '../sim/terminal'
import type { OpName } from '../sim/terminal/routes'

/** The proxy's domain (LAN-only, in memory) over simulated terminals, one per latency table, in that order. */
export interface TerminalsRig {
  domain: Domain
  /** the terminals' device ids, in the order of the latency tables */
  ids: string[]
  close(): Promise<void>
}

export async function startTerminalsRig(
  latencies: ReadonlyArray<Partial<Record<OpName, number>>>,
  readMs: number,
): Promise<TerminalsRig> {
  const terminals = await Promise.all(
    latencies.map((latency) => startTerminal({ latency: { default: readMs, ...latency } })),
  )
  const db = openMemoryDatabase()
  const domain = createDomain({
    config: { dataDir: '/nonexistent', deviceNets: ['127.0.0.0/8'] },
    repos: createRepositories(db),
    db,
    logger: createLogger('silent'),
    outbox: new Outbox({ db, backend: null }),
    secrets: SecretBox.withKey(Buffer.alloc(32, 3)),
    backend: null,
  })
  const ids: string[] = []
  for (const [i, t] of terminals.entries()) {
    const device = await domain.registry.create({
      name: `Eshik ${i + 1}`,
      host: t.host,
      port: t.port,
      username: t.username,
      password: t.password,
    })
    ids.push(device.id)
  }
  return {
    domain,
    ids,
    async close() {
      await domain.stop()
      db.close()
      await Promise.all(terminals.map((t) => t.close()))
    },
  }
}
