import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Agent, fetch } from 'undici'
import { afterAll, describe, expect, it } from 'vitest'
import { Device } from '../../../shared/api/devices'
import { freePort, REPO_ROOT } from '../../helpers/proxy-process'

interface DemoRun {
  output(): string
  /** SIGINT, as Ctrl+C sends, then the exit */
  interrupt(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

const dataDir = mkdtempSync(join(tmpdir(), 'sr-demo-'))
const kill: Array<() => void> = []

afterAll(() => {
  for (const stop of kill) stop()
  rmSync(dataDir, { recursive: true, force: true })
})

/** Spawns the demo script (what `npm run demo` runs) and waits for its closing line. */
async function startDemo(port: number, httpPort: number): Promise<DemoRun> {
  const args = ['--no-build', '--data-dir', dataDir, '--port', String(port), '--http-port', String(httpPort)]
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/demo/run.ts', ...args], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  kill.push(() => child.kill('SIGKILL'))
  let output = ''
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk))
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk))
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  )
  let ended = false
  void exited.then(() => (ended = true))
  const deadline = Date.now() + 50_000
  while (!output.includes('Ctrl+C stops everything.')) {
    if (ended) throw new Error(`the demo ended before it was ready:\n${output}`)
    if (Date.now() > deadline) throw new Error(`the demo was not ready within 50 s:\n${output}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return {
    output: () => output,
    interrupt: () => {
      child.kill('SIGINT')
      return exited
    },
  }
}

function printed(output: string, label: string): string {
  const value = new RegExp(`^${label}: (\\S+)`, 'm').exec(output)?.[1]
  if (!value) throw new Error(`the demo did not print "${label}:"\n${output}`)
  return value
}

/** Every http://127.0.0.1:PORT the demo printed: the app, the trust page, the simulators. */
function printedPorts(output: string): number[] {
  return [...output.matchAll(/https?:\/\/127\.0\.0\.1:(\d+)/g)].map((match) => Number(match[1]))
}

function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port })
    socket.once('connect', () => {
      socket.destroy()
      resolve(false)
    })
    socket.once('error', () => resolve(true))
  })
}

async function listDevices(appUrl: string): Promise<Device[]> {
  const dispatcher = new Agent({ connect: { ca: readFileSync(join(dataDir, 'ca.crt'), 'utf8') } })
  const health = await fetch(new URL('/api/health', appUrl), { dispatcher })
  expect(health.status).toBe(200)
  const token = readFileSync(join(dataDir, 'demo-admin-token'), 'utf8').trim()
  const response = await fetch(new URL('/api/devices', appUrl), {
    dispatcher,
    headers: { authorization: `Bearer ${token}` },
  })
  expect(response.status).toBe(200)
  return Device.array().parse(await response.json())
}

describe('npm run demo', () => {
  it('starts the proxy with three registered terminals, again without duplicates, and Ctrl+C leaves nothing listening', async () => {
    const port = await freePort()
    let httpPort = await freePort()
    while (httpPort === port) httpPort = await freePort()

    const first = await startDemo(port, httpPort)
    const appUrl = printed(first.output(), 'App')
    expect(appUrl).toBe(`https://127.0.0.1:${port}/`)
    expect(printed(first.output(), 'Pairing code')).toMatch(/^\d{6,8}$/)
    expect(printed(first.output(), 'Trust page')).toBe(`http://127.0.0.1:${httpPort}/`)
    const devices = await listDevices(appUrl)
    expect(devices.map((device) => device.name).sort()).toEqual(['Chiqish 1', 'Kirish 1', 'Kirish 2'])
    expect(devices.map((device) => device.direction).sort()).toEqual(['in', 'in', 'out'])
    expect(devices.every((device) => device.backendId !== null && device.model)).toBe(true)
    const firstPorts = printedPorts(first.output())
    expect(await first.interrupt()).toEqual({ code: 0, signal: null })
    for (const used of firstPorts) expect(await refused(used), `port ${used} still open`).toBe(true)

    const second = await startDemo(port, httpPort)
    expect(second.output()).toMatch(/Kirish 1 .*\(updated\)/)
    const again = await listDevices(appUrl)
    expect(again.map((device) => device.id).sort()).toEqual(devices.map((device) => device.id).sort())
    expect(printed(second.output(), 'Pairing code')).toMatch(/^\d{6,8}$/)
    const secondPorts = printedPorts(second.output())
    expect(await second.interrupt()).toEqual({ code: 0, signal: null })
    for (const used of secondPorts) expect(await refused(used), `port ${used} still open`).toBe(true)
  }, 150_000)
})
