import { spawn, type ChildProcess } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Agent, fetch } from 'undici'
import { appIsStale, bundleIsStale, bundleProxy } from '../../proxy/bundle.cjs'
import { REPO_ROOT, freePort } from '../helpers/proxy-process'
import { gzippedSize, initialJs } from './initial-js'
import type { BenchRow } from './row'

const RUNS = 5

/**
 * A copy of what `npm start` reads (sources and builds, node_modules linked), timestamps kept: edits made in
 * the working tree while the bench runs cannot turn a timed start into a build.
 */
const TREE = snapshotTree()

/** What `npm start` runs (its script in package.json), minus npm itself. */
const START_ARGS = startScriptArgs()
/** How the tests start the proxy, and how `npm start` did before the bundle: TypeScript through tsx. */
const TSX_ARGS = ['--import', 'tsx', 'proxy/main.ts']

/**
 * How fast the proxy comes up and how much it holds while idle, against a bare Node process that only
 * listens on HTTP, plus the size of the JavaScript a tablet must load before the app shows anything.
 */
export async function bench(): Promise<BenchRow[]> {
  try {
    return await measureAll()
  } finally {
    rmSync(TREE, { recursive: true, force: true })
  }
}

async function measureAll(): Promise<BenchRow[]> {
  // One start each to warm the disk cache and tsx's transform cache, as after a first `npm start`.
  await measureStart(startBareNode)
  await measureStart(() => startProxyProcess())
  await measureStart(() => startProxyProcess({ args: TSX_ARGS }))
  const bare = await repeat(startBareNode)
  const proxy = await repeat(() => startProxyProcess())
  const firstStart = await repeat(() => startProxyProcess({ fresh: true }))
  const viaTsx = await repeat(() => startProxyProcess({ args: TSX_ARGS }))
  const js = await initialJsGzipBytes()
  return [
    {
      name: `startup: proxy cold start to healthy /api/health (existing data dir; \`${START_ARGS.join(' ')}\` as npm start runs it, builds up to date), median of ${RUNS}`,
      value: proxy.ms,
      unit: 'ms',
      baseline: { name: 'node -e http.createServer().listen()', value: bare.ms },
      ratio: proxy.ms / bare.ms,
      target: '≤ 2.5× the bare node listen',
    },
    {
      name: `startup: proxy first start (makes CA, certificate, database), median of ${RUNS}`,
      value: firstStart.ms,
      unit: 'ms',
      baseline: { name: 'node -e http.createServer().listen()', value: bare.ms },
      ratio: firstStart.ms / bare.ms,
      target: '≤ 1500 ms',
    },
    {
      name: 'startup: proxy idle RSS after start (VmRSS)',
      value: round(proxy.rssMb),
      unit: 'MB',
      baseline: { name: 'bare node HTTP server', value: round(bare.rssMb) },
      ratio: proxy.rssMb / bare.rssMb,
      target: '≤ 1.6× the bare node server',
    },
    {
      name: `startup: the same start through the tsx loader (\`node ${TSX_ARGS.join(' ')}\`, as tests start it), median of ${RUNS}`,
      value: viaTsx.ms,
      unit: 'ms',
      baseline: { name: 'the bundled start above', value: proxy.ms },
      ratio: viaTsx.ms / proxy.ms,
    },
    {
      name: 'startup: idle RSS through the tsx loader',
      value: round(viaTsx.rssMb),
      unit: 'MB',
      baseline: { name: 'the bundled start above', value: round(proxy.rssMb) },
      ratio: viaTsx.rssMb / proxy.rssMb,
    },
    {
      name: `startup: PWA initial JS, gzip (${js.files} file${js.files === 1 ? '' : 's'} referenced by dist/index.html)`,
      value: round(js.bytes / 1024),
      unit: 'KB',
      baseline: {
        name: `all of the app's JS, gzip (${js.allFiles} files; the rest loads when a page needs it)`,
        value: round(js.allBytes / 1024),
      },
      ratio: js.bytes / js.allBytes,
      target: '≤ 110 KB',
    },
  ]
}

interface Started {
  child: ChildProcess
  healthUrl: string
  cleanup?: () => void
}

interface Measured {
  ms: number
  rssMb: number
}

async function repeat(start: () => Promise<Started>): Promise<Measured> {
  const runs: Measured[] = []
  for (let i = 0; i < RUNS; i++) runs.push(await measureStart(start))
  return { ms: median(runs.map((r) => r.ms)), rssMb: median(runs.map((r) => r.rssMb)) }
}

/**
 * Spawn → first 200 from the health URL; then a second of idleness and the resident set size. The app and
 * the proxy bundle are brought up to date first, untimed: the target is the start without a build, and
 * other work in this tree may have touched their sources since the last run.
 */
async function measureStart(start: () => Promise<Started>): Promise<Measured> {
  await buildsUpToDate(TREE)
  const began = performance.now()
  const started = await start()
  const dispatcher = new Agent({ connect: { rejectUnauthorized: false } })
  try {
    for (;;) {
      if (started.child.exitCode !== null) throw new Error(`process exited with ${started.child.exitCode}`)
      const ok = await fetch(started.healthUrl, { dispatcher }).then(
        (response) => response.status === 200,
        () => false,
      )
      if (ok) break
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
    const ms = performance.now() - began
    await new Promise((resolve) => setTimeout(resolve, 1000))
    return { ms, rssMb: vmRssKb(started.child.pid as number) / 1024 }
  } finally {
    await dispatcher.close()
    await stop(started.child)
    started.cleanup?.()
  }
}

async function startBareNode(): Promise<Started> {
  const port = await freePort()
  const script = `require('node:http').createServer((q, s) => s.end('ok')).listen(${port}, '127.0.0.1')`
  const child = spawn(process.execPath, ['-e', script], { stdio: 'ignore' })
  return { child, healthUrl: `http://127.0.0.1:${port}/` }
}

const keptDataDir = mkdtempSync(join(tmpdir(), 'sr-bench-'))

async function startProxyProcess(options: { fresh?: boolean; args?: string[] } = {}): Promise<Started> {
  const dataDir = options.fresh ? mkdtempSync(join(tmpdir(), 'sr-bench-fresh-')) : keptDataDir
  const port = await freePort()
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('SR_')))
  const child = spawn(process.execPath, options.args ?? START_ARGS, {
    cwd: TREE,
    stdio: 'ignore',
    env: {
      ...inherited,
      SR_HOST: '127.0.0.1',
      SR_PORT: String(port),
      SR_HTTP_PORT: String(await freePort()),
      SR_DATA_DIR: dataDir,
      SR_ADMIN_TOKEN: 'bench-admin-token-0123456789',
      SR_LOG_LEVEL: 'warn',
    },
  })
  return {
    child,
    healthUrl: `https://127.0.0.1:${port}/api/health`,
    cleanup: options.fresh ? () => rmSync(dataDir, { recursive: true, force: true }) : undefined,
  }
}

/** `node <args>` from the start script; anything else would not be what this bench claims to measure. */
function startScriptArgs(): string[] {
  const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>
  }
  const [command, ...args] = (pkg.scripts.start ?? '').trim().split(/\s+/)
  if (command !== 'node') throw new Error(`the start script is not "node …": ${pkg.scripts.start}`)
  return args
}

function snapshotTree(): string {
  const root = mkdtempSync(join(tmpdir(), 'sr-bench-tree-'))
  const parts = [
    'package.json',
    'package-lock.json',
    'tsconfig.json',
    'index.html',
    'vite.config.ts',
    'vite.face-models.ts',
  ]
  for (const part of [...parts, 'proxy', 'shared', 'web', 'public', 'dist', 'dist-proxy']) {
    const from = join(REPO_ROOT, part)
    if (existsSync(from)) cpSync(from, join(root, part), { recursive: true, preserveTimestamps: true })
  }
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(root, 'node_modules'))
  return root
}

async function buildsUpToDate(root: string): Promise<void> {
  if (appIsStale(root)) {
    const { build } = await import('vite')
    await build({ root, logLevel: 'warn' })
  }
  if (bundleIsStale(root)) await bundleProxy(root)
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    child.once('exit', () => resolve())
    child.kill('SIGTERM')
  })
}

function vmRssKb(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
  if (!match) throw new Error(`no VmRSS for ${pid}`)
  return Number(match[1])
}

/** The gzip size of every script and module preload dist/index.html names: what a first visit must load. */
async function initialJsGzipBytes(): Promise<{
  bytes: number
  files: number
  allBytes: number
  allFiles: number
}> {
  await buildsUpToDate(TREE)
  const dist = join(TREE, 'dist')
  const { bytes, files } = initialJs(dist)
  const all = readdirSync(join(dist, 'assets')).filter((name) => name.endsWith('.js'))
  const allBytes = all.reduce((sum, name) => sum + gzippedSize(join(dist, 'assets', name)), 0)
  return { bytes, files, allBytes, allFiles: all.length }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] as number
}

function round(value: number): number {
  return Math.round(value * 10) / 10
}
