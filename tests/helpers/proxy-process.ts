import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Agent, fetch as undiciFetch, type RequestInit, type Response } from 'undici'

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url))

export interface RunningProxy {
  /** https://127.0.0.1:PORT, or http:// when TLS is off */
  url: string
  /** the plain-HTTP trust page, or null when it is off */
  httpUrl: string | null
  dataDir: string
  adminToken: string
  /** the first-start code the proxy printed, or null when it was already paired */
  pairingCode: string | null
  /** the local CA (PEM) the proxy made, or null when TLS is off */
  caPem: string | null
  pid: number
  /** stdout and stderr so far */
  output(): string
  /** fetch against this proxy, trusting its CA; `path` is relative to `url` */
  fetch(path: string, init?: RequestInit): Promise<Response>
  /** the same, with `Authorization: Bearer <adminToken>` */
  adminFetch(path: string, init?: RequestInit): Promise<Response>
  /** resolves with the exit code once the process has exited (null when a signal ended it) */
  exited: Promise<number | null>
  /** SIGTERM, then wait for the process to exit */
  stop(): Promise<void>
  /** SIGKILL, then wait for the process to exit */
  kill(): Promise<void>
}

export interface ProxyOptions {
  /** extra or overriding SR_* variables */
  env?: Record<string, string>
  /** reuse a data dir (restart tests); a fresh temporary one otherwise */
  dataDir?: string
  tls?: 'auto' | 'off'
  /**
   * `source` (default): TypeScript through tsx, as the tests run it. `bundle`: as `npm start` runs it (the
   * bundled proxy, built first when older than its sources), for benchmarks that speak of the product.
   */
  build?: 'source' | 'bundle'
}

export interface LaunchedProxy {
  child: ChildProcess
  env: Record<string, string>
  dataDir: string
  output(): string
  /** resolves when the process has exited, with its exit code (null when killed by a signal) */
  exited: Promise<number | null>
}

const PAIRING_LINE = /^Pairing code: (\d+)$/m
const START_BUDGET_MS = 120_000

const children = new Set<ChildProcess>()
process.once('exit', () => {
  for (const child of children) child.kill('SIGKILL')
})

/** A TCP port nobody listens on right now (bind port 0, read it, release it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

/**
 * Spawns the real proxy (`node --import tsx proxy/main.ts`, or the bundle) without waiting for it; for tests of start-up
 * failures. Inherited SR_* variables are dropped so the caller's shell cannot leak into a test.
 */
export async function launchProxy(options: ProxyOptions = {}): Promise<LaunchedProxy> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'sr-proxy-'))
  const tls = options.tls ?? 'auto'
  const port = await freePort()
  let httpPort = await freePort()
  while (httpPort === port) httpPort = await freePort()
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(
      (entry): entry is [string, string] => !entry[0].startsWith('SR_') && entry[1] !== undefined,
    ),
  )
  const env: Record<string, string> = {
    ...inherited,
    SR_HOST: '127.0.0.1',
    SR_PORT: String(port),
    SR_HTTP_PORT: tls === 'off' ? '0' : String(httpPort),
    SR_TLS: tls,
    SR_DATA_DIR: dataDir,
    SR_ADMIN_TOKEN: 'test-admin-' + randomBytes(16).toString('hex'),
    // Loopback too, so tests can register simulated terminals on 127.0.0.1.
    SR_DEVICE_NETS: '127.0.0.0/8,::1/128,10.0.0.0/8,172.16.0.0/12,192.168.0.0/16,fc00::/7',
    SR_LOG_LEVEL: 'info',
    ...options.env,
  }
  const args = options.build === 'bundle' ? ['proxy/launch.cjs'] : ['--import', 'tsx', 'proxy/main.ts']
  const child = spawn(process.execPath, args, {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  children.add(child)
  let output = ''
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk))
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk))
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => {
      children.delete(child)
      resolve(code)
    })
  })
  return { child, env, dataDir, output: () => output, exited }
}

/** The proxy refused a port found free a moment before: another process bound it in between. */
class PortTaken extends Error {
  constructor(
    message: string,
    readonly dataDir: string,
  ) {
    super(message)
  }
}

const PORT_TAKEN = /\(SR_(?:HTTP_)?PORT\) is already in use/
const PORT_ATTEMPTS = 3

/**
 * Starts the real proxy on free loopback ports and resolves once `/api/health` answers 200. A free port is
 * found by binding and releasing it, so with test files in parallel another process (a simulator, another
 * proxy) may take it before the proxy binds: then the proxy starts again on other ports, with the same data.
 */
export async function startProxy(options: ProxyOptions = {}): Promise<RunningProxy> {
  const portsChosenHere = !options.env?.SR_PORT && !options.env?.SR_HTTP_PORT
  let attempt = { ...options }
  for (let tries = 1; ; tries++) {
    try {
      return await startOnce(attempt)
    } catch (error) {
      if (!(error instanceof PortTaken) || !portsChosenHere || tries >= PORT_ATTEMPTS) throw error
      attempt = { ...attempt, dataDir: error.dataDir }
    }
  }
}

async function startOnce(options: ProxyOptions): Promise<RunningProxy> {
  const launched = await launchProxy(options)
  const { env, dataDir, child } = launched
  const tlsOn = env.SR_TLS !== 'off'
  const url = `${tlsOn ? 'https' : 'http'}://127.0.0.1:${env.SR_PORT}`
  const httpUrl = tlsOn && env.SR_HTTP_PORT !== '0' ? `http://127.0.0.1:${env.SR_HTTP_PORT}` : null
  let exitCode: number | null | undefined
  void launched.exited.then((code) => (exitCode = code ?? -1))

  const caPath = join(dataDir, 'ca.crt')
  let caPem: string | null = null
  let dispatcher = new Agent()
  // a cold start beside a CPU hog (CI on a busy 2-core machine) took over 30 s: the budget is generous, the
  // wait still ends as soon as the proxy answers
  const deadline = Date.now() + START_BUDGET_MS
  for (;;) {
    if (exitCode !== undefined) {
      const message = `proxy exited with ${exitCode} before it was healthy:\n${launched.output()}`
      throw PORT_TAKEN.test(launched.output()) ? new PortTaken(message, dataDir) : new Error(message)
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(`proxy was not healthy within ${START_BUDGET_MS / 1000} s:\n${launched.output()}`)
    }
    if (tlsOn && !caPem && env.SR_TLS === 'auto' && existsSync(caPath)) {
      caPem = readFileSync(caPath, 'utf8')
      dispatcher = new Agent({ connect: { ca: caPem } })
    }
    const health = await undiciFetch(`${url}/api/health`, { dispatcher }).then(
      async (response) =>
        response.status === 200 ? ((await response.json()) as { paired?: boolean }) : null,
      () => null,
    )
    // The proxy prints its start-up lines before it serves, but they travel over a pipe, which may be
    // read after the health answer: while unpaired, wait for the pairing code line as well.
    if (health && (health.paired !== false || PAIRING_LINE.test(launched.output()))) break
    await new Promise((resolve) => setTimeout(resolve, 50))
  }

  const doFetch = (path: string, init: RequestInit = {}) => undiciFetch(url + path, { dispatcher, ...init })
  const adminToken = env.SR_ADMIN_TOKEN as string
  const signal = async (name: NodeJS.Signals) => {
    if (exitCode === undefined) child.kill(name)
    await launched.exited
  }
  return {
    url,
    httpUrl,
    dataDir,
    adminToken,
    pairingCode: PAIRING_LINE.exec(launched.output())?.[1] ?? null,
    caPem,
    pid: child.pid as number,
    output: launched.output,
    exited: launched.exited,
    fetch: doFetch,
    adminFetch: (path, init = {}) =>
      doFetch(path, {
        ...init,
        headers: { authorization: `Bearer ${adminToken}`, ...(init.headers as Record<string, string>) },
      }),
    stop: () => signal('SIGTERM'),
    kill: () => signal('SIGKILL'),
  }
}
