/*
 * `npm run demo`: the whole product on one machine without hardware. See HELP in ./options.ts.
 */
import { mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { demoAdminToken } from './admin-token'
import { banner } from './banner'
import { HELP, parseDemoArgs, UsageError, type DemoOptions } from './options'
import { startProxyChild, type ProxyChild } from './proxy-child'
import { pairingCode, registerTerminals } from './register-devices'
import { keepSchool, loadSchool, type SchoolSaver } from './school-store'
import { DEMO_TERMINALS, startSimulators, type DemoSimulators } from './simulators'

let simulators: DemoSimulators | null = null
let proxy: ProxyChild | null = null
let stopProxy: (() => Promise<void>) | null = null
let school: SchoolSaver | null = null
let stopping = false

/** Stops what was started, the proxy first (it may still be talking to the simulators). */
async function stopAll(): Promise<void> {
  await stopProxy?.()
  school?.stop()
  school?.save()
  await simulators?.close()
}

function onSignal(signal: NodeJS.Signals): void {
  if (stopping) return
  stopping = true
  process.stdout.write(`\nStopping the demo (${signal})…\n`)
  stopAll().then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`Could not stop cleanly: ${(error as Error).message}\n`)
      process.exit(1)
    },
  )
}

async function run(options: DemoOptions): Promise<void> {
  if (options.reset) {
    process.stdout.write(`Forgetting the demo school in ${options.dataDir}…\n`)
    rmSync(options.dataDir, { recursive: true, force: true })
  }
  mkdirSync(options.dataDir, { recursive: true })
  const admin = demoAdminToken(options.dataDir)
  const saved = loadSchool(options.dataDir, DEMO_TERMINALS)
  process.stdout.write(
    saved.backend
      ? 'Starting the simulated school server and three face terminals as the last run left them…\n'
      : 'Starting the simulated school server and three face terminals…\n',
  )
  simulators = await startSimulators({
    saved,
    backendPort: options.backendPort,
    terminalPorts: options.terminalPorts,
  })
  const { backend } = simulators
  school = keepSchool(
    options.dataDir,
    backend.state,
    simulators.terminals.map((t) => t.terminal.state),
  )
  process.stdout.write(`Starting the proxy (data in ${options.dataDir})…\n`)
  proxy = await startProxyChild(
    options,
    {
      backendUrl: backend.url,
      schoolId: backend.schoolId,
      backendEmail: backend.credentials.admin.email,
      backendPassword: backend.credentials.admin.password,
      adminToken: admin.token,
    },
    (stop) => (stopProxy = stop),
  )
  void proxy.exited.then((code) => {
    if (stopping) return
    process.stderr.write(`The proxy stopped on its own (exit ${code}); see ${proxy?.logFile}\n`)
    stopping = true
    void simulators?.close().then(() => process.exit(1))
  })
  const terminals = await registerTerminals(proxy, simulators.terminals)
  const pairing = await pairingCode(proxy)
  const appUrl = proxy.appUrls[0] ?? `${proxy.localUrl}/`
  process.stdout.write(
    banner({
      appUrl,
      pairing,
      trustPageUrls: proxy.trustPageUrls,
      caFile: options.tls === 'auto' ? join(options.dataDir, 'ca.crt') : null,
      backend,
      terminals,
      adminTokenFile: admin.file,
      logFile: proxy.logFile,
    }),
  )
}

process.once('SIGINT', onSignal)
process.once('SIGTERM', onSignal)

let options: DemoOptions | null
try {
  options = parseDemoArgs(process.argv.slice(2))
} catch (error) {
  if (!(error instanceof UsageError)) throw error
  process.stderr.write(`${error.message}\n\n${HELP}`)
  process.exit(2)
}
if (options === null) {
  process.stdout.write(HELP)
  process.exit(0)
}
try {
  await run(options)
} catch (error) {
  // after Ctrl+C the signal handler is already stopping everything; the failure is just its echo
  if (!stopping) {
    process.stderr.write(`The demo could not start: ${(error as Error).message}\n`)
    stopping = true
    await stopAll()
    process.exit(1)
  }
}
