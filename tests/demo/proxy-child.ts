import { spawn, type ChildProcess } from 'node:child_process'
import { createWriteStream, existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Agent, fetch, type RequestInit, type Response } from 'undici'
import type { DemoOptions } from './options'

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url))
const HEALTHY_WITHIN_MS = 120_000

export interface ProxyChild {
  child: ChildProcess
  /** https://127.0.0.1:PORT (or http:// with --tls off): the address the demo itself talks to */
  localUrl: string
  /** what the proxy printed at start: `App:` addresses, trust pages, the first-start pairing code */
  appUrls: string[]
  trustPageUrls: string[]
  firstStartCode: string | null
  logFile: string
  /** fetch against the proxy, trusting its local CA, with the admin token */
  adminFetch(path: string, init?: RequestInit): Promise<Response>
  /** resolves with the exit code (null after a signal) */
  exited: Promise<number | null>
  /** SIGTERM, then SIGKILL if it has not gone within `graceMs` */
  stop(graceMs?: number): Promise<void>
}

export interface ProxyEnv {
  backendUrl: string
  schoolId: string
  backendEmail: string
  backendPassword: string
  adminToken: string
}

/** The proxy's environment: ours without any SR_* of the caller's shell, then the demo's settings. */
function proxyEnv(options: DemoOptions, env: ProxyEnv): Record<string, string> {
  const inherited = Object.entries(process.env).filter(
    (entry): entry is [string, string] => !entry[0].startsWith('SR_') && entry[1] !== undefined,
  )
  return {
    ...Object.fromEntries(inherited),
    SR_HOST: options.host,
    SR_PORT: String(options.port),
    SR_HTTP_PORT: options.tls === 'off' ? '0' : String(options.httpPort),
    SR_TLS: options.tls,
    SR_DATA_DIR: options.dataDir,
    SR_ADMIN_TOKEN: env.adminToken,
    SR_DEVICE_NETS: '127.0.0.0/8',
    SR_BACKEND_URL: env.backendUrl,
    SR_SCHOOL_ID: env.schoolId,
    SR_BACKEND_EMAIL: env.backendEmail,
    SR_BACKEND_PASSWORD: env.backendPassword,
    SR_LOG_LEVEL: 'info',
  }
}

/**
 * Runs the proxy as a child process, as `npm start` does (building the app first when it is stale, unless
 * told not to), with its output kept in `<dataDir>/proxy.log`, and resolves once `/api/health` answers.
 */
export async function startProxyChild(
  options: DemoOptions,
  env: ProxyEnv,
  /** told at once how to stop the child, so a Ctrl+C while it is still starting leaves no orphan */
  onSpawn: (stop: () => Promise<void>) => void,
): Promise<ProxyChild> {
  const entry = options.build ? 'proxy/start.ts' : 'proxy/main.ts'
  const logFile = join(options.dataDir, 'proxy.log')
  const log = createWriteStream(logFile, { flags: 'a' })
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: REPO_ROOT,
    env: proxyEnv(options, env),
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const keep = (chunk: Buffer) => {
    output += chunk.toString('utf8')
    log.write(chunk)
  }
  child.stdout?.on('data', keep)
  child.stderr?.on('data', keep)
  let exitCode: number | null | undefined
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => {
      exitCode = code
      log.end()
      resolve(code)
    })
  })

  const scheme = options.tls === 'off' ? 'http' : 'https'
  const loopback = options.host === '0.0.0.0' || options.host === '::' ? '127.0.0.1' : options.host
  const localUrl = `${scheme}://${loopback.includes(':') ? `[${loopback}]` : loopback}:${options.port}`
  const caFile = join(options.dataDir, 'ca.crt')
  let dispatcher: Agent | undefined
  const agent = () => {
    if (!dispatcher && scheme === 'https' && existsSync(caFile)) {
      dispatcher = new Agent({ connect: { ca: readFileSync(caFile, 'utf8') } })
    }
    return dispatcher
  }
  const stop = async (graceMs = 10_000) => {
    if (exitCode !== undefined) return
    child.kill('SIGTERM')
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs)
    await exited
    clearTimeout(timer)
  }
  onSpawn(stop)

  const deadline = Date.now() + HEALTHY_WITHIN_MS
  for (;;) {
    if (exitCode !== undefined) {
      throw new Error(`the proxy stopped (exit ${exitCode}) before it was ready:\n${output.trim()}`)
    }
    if (Date.now() > deadline) {
      await stop(1000)
      throw new Error(`the proxy was not ready within ${HEALTHY_WITHIN_MS / 1000} s; see ${logFile}`)
    }
    const healthy = await fetch(`${localUrl}/api/health`, { dispatcher: agent() }).then(
      (response) => response.ok,
      () => false,
    )
    // the start-up lines come before the "listening" log line
    if (healthy && output.includes('"msg":"listening"')) break
    await new Promise((resolve) => setTimeout(resolve, 100))
  }

  const linesAfter = (prefix: string) =>
    output
      .split('\n')
      .filter((line) => line.startsWith(prefix))
      .map((line) => line.slice(prefix.length).trim())
  return {
    child,
    localUrl,
    appUrls: linesAfter('App: '),
    trustPageUrls: linesAfter('Trust page (install the certificate on each screen first): '),
    firstStartCode: /^Pairing code: (\d+)$/m.exec(output)?.[1] ?? null,
    logFile,
    adminFetch: (path, init = {}) =>
      fetch(localUrl + path, {
        dispatcher: agent(),
        ...init,
        headers: {
          authorization: `Bearer ${env.adminToken}`,
          ...(init.body ? { 'content-type': 'application/json' } : {}),
          ...(init.headers as Record<string, string> | undefined),
        },
      }),
    exited,
    stop,
  }
}
