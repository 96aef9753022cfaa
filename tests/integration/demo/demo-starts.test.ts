import { spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { connect, createServer, type AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomUUID } from 'node:crypto'
import { Agent, fetch, type RequestInit, type Response } from 'undici'
import { afterAll, describe, expect, it } from 'vitest'
import { StudentListResponse } from '../../../shared/api/backend'
import { Device } from '../../../shared/api/devices'
import { Registration } from '../../../shared/api/registrations'
import { freePort, REPO_ROOT } from '../../helpers/proxy-process'
import { launchChromium } from '../../e2e/browser'

interface DemoRun {
  output(): string
  /** SIGINT, as Ctrl+C sends, then the exit */
  interrupt(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

const dataDir = mkdtempSync(join(tmpdir(), 'sr-demo-'))
const kill: Array<() => void> = []

afterAll(() => {
  for (const stop of kill) stop()
  // a demo killed outright cannot stop its proxy; this test's data dir names the ones it started
  for (const pid of processesOnDataDir()) process.kill(pid, 'SIGKILL')
  rmSync(dataDir, { recursive: true, force: true })
})

/** Spawns the demo script (what `npm run demo` runs) and waits for its closing line. */
async function startDemo(
  port: number,
  httpPort: number,
  readyLine = 'Ctrl+C stops everything.',
  extra: string[] = [],
): Promise<DemoRun> {
  const args = [
    '--no-build',
    '--data-dir',
    dataDir,
    '--port',
    String(port),
    '--http-port',
    String(httpPort),
    ...extra,
  ]
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
  let ended: number | null | undefined
  void exited.then(({ code }) => (ended = code))
  const deadline = Date.now() + 90_000
  while (!output.includes(readyLine)) {
    if (ended !== undefined) throw new Error(`the demo ended (exit ${ended}) before it was ready:\n${output}`)
    if (Date.now() > deadline) throw new Error(`the demo was not ready within 90 s:\n${output}`)
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

/** Processes (other than this one) started with this test's data dir in their environment: the proxy child. */
function processesOnDataDir(): number[] {
  const found: number[] = []
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue
    try {
      const environ = readFileSync(`/proc/${entry}/environ`, 'utf8')
      if (environ.split('\0').includes(`SR_DATA_DIR=${dataDir}`)) found.push(Number(entry))
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return found
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

/** fetch against the demo proxy, trusting its CA, with the admin token the demo keeps in its data dir */
function adminFetch(appUrl: string, path: string, init: RequestInit = {}): Promise<Response> {
  const dispatcher = new Agent({ connect: { ca: readFileSync(join(dataDir, 'ca.crt'), 'utf8') } })
  const token = readFileSync(join(dataDir, 'demo-admin-token'), 'utf8').trim()
  return fetch(new URL(path, appUrl), {
    ...init,
    dispatcher,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
  })
}

async function listDevices(appUrl: string): Promise<Device[]> {
  expect((await adminFetch(appUrl, '/api/health')).status).toBe(200)
  const response = await adminFetch(appUrl, '/api/devices')
  expect(response.status).toBe(200)
  return Device.array().parse(await response.json())
}

/** One student from the simulated school server, with their photo, onto all three terminals. */
async function enrollOne(appUrl: string, devices: Device[]): Promise<Registration> {
  const page = StudentListResponse.parse(await (await adminFetch(appUrl, '/api/students?page=1')).json())
  const student = page.students.find((item) => item.hasPhoto)
  if (!student) throw new Error('no seeded student has a photo')
  const photo = await adminFetch(appUrl, `/api/students/${student.id}/photo`)
  expect(photo.status).toBe(200)
  const face = Buffer.from(await photo.arrayBuffer()).toString('base64')
  const response = await adminFetch(appUrl, '/api/registrations', {
    method: 'POST',
    body: JSON.stringify({
      clientId: randomUUID(),
      student: { firstName: 'Oʻtkir', lastName: 'Gʻulomov', gender: 'male', classId: student.classId },
      face,
      deviceIds: devices.map((device) => device.id),
    }),
  })
  expect(response.status).toBe(201)
  return Registration.parse(await response.json())
}

async function studentsNamed(appUrl: string, search: string): Promise<number> {
  const response = await adminFetch(appUrl, `/api/students?page=1&search=${encodeURIComponent(search)}`)
  expect(response.status).toBe(200)
  return StudentListResponse.parse(await response.json()).students.length
}

/** A browser opens the printed address with the printed code, is paired, and sees the school's students. */
async function pairsAScreenAndListsStudents(appUrl: string, code: string): Promise<void> {
  const browser = await launchChromium()
  try {
    // the demo's CA is not installed in this browser; the trust page is tested on its own
    const page = await (await browser.newContext({ ignoreHTTPSErrors: true })).newPage()
    await page.goto(`${appUrl}?pair=${code}`)
    const token = () =>
      page.evaluate(
        () => (JSON.parse(localStorage.getItem('sr.session') ?? '{}') as { token?: string }).token,
      )
    await expect.poll(token, { timeout: 20_000 }).toMatch(/\S{16,}/)
    await page.goto(`${appUrl}students`)
    const cards = page.locator('[data-testid="students-list"] > li')
    await cards.first().waitFor({ timeout: 20_000 })
    expect(await cards.count()).toBeGreaterThan(5)
  } finally {
    await browser.close()
  }
}

describe('npm run demo', () => {
  it('starts the proxy with three registered terminals, a pairing code that pairs a browser showing the students, an enrollment taken; again without duplicates; Ctrl+C leaves nothing listening', async () => {
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
    await pairsAScreenAndListsStudents(appUrl, printed(first.output(), 'Pairing code'))
    const registration = await enrollOne(appUrl, devices)
    expect(registration.devices.map((device) => device.status)).toEqual(['SUCCESS', 'SUCCESS', 'SUCCESS'])
    expect(registration.backend.status).toBe('sent')
    const firstPorts = printedPorts(first.output())
    expect(await first.interrupt()).toEqual({ code: 0, signal: null })
    for (const used of firstPorts) expect(await refused(used), `port ${used} still open`).toBe(true)

    const second = await startDemo(port, httpPort)
    expect(second.output()).toMatch(/Kirish 1 .*\(updated\)/)
    expect(second.output()).toContain('as the last run left them')
    const again = await listDevices(appUrl)
    expect(again.map((device) => device.id).sort()).toEqual(devices.map((device) => device.id).sort())
    // the simulated school kept the student enrolled in the first run, on every terminal and on the server
    for (const device of again) {
      const user = await adminFetch(appUrl, `/api/devices/${device.id}/users/${registration.employeeNo}`)
      expect(user.status, device.name).toBe(200)
    }
    expect(await studentsNamed(appUrl, 'Gʻulomov')).toBe(1)
    expect(printed(second.output(), 'Pairing code')).toMatch(/^\d{6,8}$/)
    const secondPorts = printedPorts(second.output())
    expect(await second.interrupt()).toEqual({ code: 0, signal: null })
    for (const used of secondPorts) expect(await refused(used), `port ${used} still open`).toBe(true)
    expect(processesOnDataDir()).toEqual([])

    const fresh = await startDemo(port, httpPort, 'Ctrl+C stops everything.', ['--reset'])
    expect(fresh.output()).toContain('Forgetting the demo school')
    expect(await studentsNamed(appUrl, 'Gʻulomov')).toBe(0)
    expect(await fresh.interrupt()).toEqual({ code: 0, signal: null })
  }, 300_000)

  it('Ctrl+C while the proxy is still starting stops it too', async () => {
    const port = await freePort()
    const starting = await startDemo(port, await freePort(), 'Starting the proxy')
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect((await starting.interrupt()).code).toBe(0)
    expect(processesOnDataDir()).toEqual([])
    expect(await refused(port)).toBe(true)
  }, 120_000)

  it('stops with exit code 1 and a line naming the taken port', async () => {
    const blocker = createServer()
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve))
    const taken = (blocker.address() as AddressInfo).port
    try {
      const run = await startDemo(taken, await freePort()).then(
        () => null,
        (error: Error) => error.message,
      )
      expect(run).toMatch(/exit 1\).*The demo could not start: .*Port \d+ \(SR_PORT\) is already in use/s)
    } finally {
      blocker.close()
    }
  }, 120_000)
})
