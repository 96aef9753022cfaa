/*
 * Runs simulated face terminals for the demo and for manual testing:
 *
 *   node --import tsx tests/sim/terminal/cli.ts --port 8001 --model ds-k1t342mwx
 *   node --import tsx tests/sim/terminal/cli.ts --count 3 --seed-users 12 --latency faceRecord=800,default=40
 */
import { parseArgs } from 'node:util'
import { MODEL_IDS, type ModelId } from './profiles'
import type { OpName } from './routes'
import { startTerminal, type Terminal, type TerminalOptions } from './server'

const HELP = `Simulated Hikvision face terminals (ISAPI over HTTP, Digest login) on loopback.

  --port N             first port (default 8001; 0 = any free port)
  --count N            how many terminals, on consecutive ports (default 1)
  --model ID           ${MODEL_IDS.join(' | ')} (default ds-k1t342mwx)
  --user NAME          login name (default admin)
  --password PASS      login password (default Admin12345)
  --auth MODE          digest | digest-no-qop | basic | none (default digest)
  --algorithm ALG      MD5 | MD5-sess | SHA-256 (default MD5)
  --nonce-uses N       requests one nonce may sign (default 2)
  --stale-mode MODE    plain-401 | stale-flag: how a spent nonce is refused (default plain-401)
  --no-lockout         do not lock the account after 5 wrong passwords
  --seed-users N       people already on each device (default 0)
  --capacity-users N   room for people (default: the model's)
  --capacity-faces N   room for faces (default: the model's)
  --latency SPEC       milliseconds: "120" for every operation, or "faceRecord=800,default=40"
  --clock-drift SEC    start with the device clock off by this many seconds
  --busy               refuse a second concurrent request with deviceBusy instead of making it wait
  --vanish-on-move     stop answering after a network write gives a new address (default: listen there)
  --help               this text
`

function latencySpec(spec: string | undefined): TerminalOptions['latency'] {
  if (!spec) return undefined
  if (/^\d+$/.test(spec)) return { default: Number(spec) }
  const latency: Partial<Record<OpName | 'default', number>> = {}
  for (const pair of spec.split(',')) {
    const [op, ms] = pair.split('=')
    if (!op || !ms || !/^\d+$/.test(ms)) throw new Error(`bad --latency item "${pair}"`)
    latency[op.trim() as OpName] = Number(ms)
  }
  return latency
}

function int(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined
  if (!/^\d+$/.test(value)) throw new Error(`--${name} needs a whole number`)
  return Number(value)
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '8001' },
      count: { type: 'string', default: '1' },
      model: { type: 'string', default: 'ds-k1t342mwx' },
      user: { type: 'string' },
      password: { type: 'string' },
      auth: { type: 'string' },
      algorithm: { type: 'string' },
      'nonce-uses': { type: 'string' },
      'stale-mode': { type: 'string' },
      'no-lockout': { type: 'boolean', default: false },
      'seed-users': { type: 'string' },
      'capacity-users': { type: 'string' },
      'capacity-faces': { type: 'string' },
      latency: { type: 'string' },
      'clock-drift': { type: 'string' },
      busy: { type: 'boolean', default: false },
      'vanish-on-move': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  })
  if (values.help) {
    process.stdout.write(HELP)
    return
  }
  if (!MODEL_IDS.includes(values.model as ModelId))
    throw new Error(`unknown --model; use one of ${MODEL_IDS.join(', ')}`)
  const first = int(values.port, 'port') ?? 8001
  const count = int(values.count, 'count') ?? 1
  const capacityUsers = int(values['capacity-users'], 'capacity-users')
  const capacityFaces = int(values['capacity-faces'], 'capacity-faces')
  const options: TerminalOptions = {
    model: values.model as ModelId,
    ...(values.user ? { username: values.user } : {}),
    ...(values.password ? { password: values.password } : {}),
    ...(values.auth ? { auth: values.auth as TerminalOptions['auth'] } : {}),
    ...(values.algorithm ? { algorithm: values.algorithm as TerminalOptions['algorithm'] } : {}),
    ...(values['nonce-uses'] ? { nonceUses: int(values['nonce-uses'], 'nonce-uses') } : {}),
    ...(values['stale-mode'] ? { staleMode: values['stale-mode'] as TerminalOptions['staleMode'] } : {}),
    ...(values['no-lockout'] ? { lockout: false } : {}),
    ...(values['seed-users'] ? { seedUsers: int(values['seed-users'], 'seed-users') } : {}),
    capacity: {
      ...(capacityUsers !== undefined ? { users: capacityUsers } : {}),
      ...(capacityFaces !== undefined ? { faces: capacityFaces } : {}),
    },
    ...(values.latency ? { latency: latencySpec(values.latency) } : {}),
    ...(values['clock-drift'] ? { clockDriftSec: int(values['clock-drift'], 'clock-drift') } : {}),
    ...(values.busy ? { concurrency: 'busy' as const } : {}),
    ...(values['vanish-on-move'] ? { afterAddressChange: 'vanish' as const } : {}),
  }
  const terminals: Terminal[] = []
  for (let i = 0; i < count; i++) {
    terminals.push(await startTerminal({ ...options, port: first === 0 ? 0 : first + i }))
  }
  for (const t of terminals) {
    process.stdout.write(
      `terminal ${t.profile.label} at ${t.url}  login ${t.username} / ${t.password}  people ${t.state.users.size}\n`,
    )
  }
  process.stdout.write('Ctrl+C stops them.\n')
  const stop = async () => {
    await Promise.all(terminals.map((t) => t.close()))
    process.exit(0)
  }
  process.once('SIGINT', () => void stop())
  process.once('SIGTERM', () => void stop())
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n\n${HELP}`)
  process.exit(2)
})
