import sharp from 'sharp'
import type { Device } from '../../../shared/api/devices'
import { startProxy, type ProxyOptions, type RunningProxy } from '../../helpers/proxy-process'
import { startTerminal, type Terminal, type TerminalOptions } from '../../sim/terminal'

/** The real proxy process and simulated terminals, all on loopback, stopped together. */
export interface Rig {
  proxy: RunningProxy
  terminals: Terminal[]
  devices: Device[]
  close(): Promise<void>
}

export interface RigOptions {
  terminals?: TerminalOptions[]
  proxy?: ProxyOptions
}

export async function startRig(options: RigOptions = {}): Promise<Rig> {
  const terminals = await Promise.all((options.terminals ?? []).map((t) => startTerminal(t)))
  const proxy = await startProxy({ tls: 'off', ...options.proxy })
  const devices: Device[] = []
  for (const [i, terminal] of terminals.entries())
    devices.push(await addDevice(proxy, terminal, `Kirish ${i + 1}`))
  return {
    proxy,
    terminals,
    devices,
    async close() {
      await proxy.stop()
      await Promise.all(terminals.map((t) => t.close()))
    },
  }
}

export async function addDevice(proxy: RunningProxy, terminal: Terminal, name: string): Promise<Device> {
  const answer = await call<Device>(proxy, 'POST', '/api/devices', {
    name,
    host: terminal.host,
    port: terminal.port,
    username: terminal.username,
    password: terminal.password,
  })
  if (answer.status !== 201) throw new Error(`adding ${name} failed: ${JSON.stringify(answer.body)}`)
  return answer.body
}

export interface Answer<T> {
  status: number
  body: T
  contentType: string
}

/** A JSON request with the admin token (or `token`). */
export async function call<T = unknown>(
  proxy: RunningProxy,
  method: string,
  path: string,
  body?: unknown,
  token = proxy.adminToken,
): Promise<Answer<T>> {
  const response = await proxy.fetch(path, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  const contentType = response.headers.get('content-type') ?? ''
  const parsed = contentType.includes('json')
    ? await response.json()
    : Buffer.from(await response.arrayBuffer())
  return { status: response.status, body: parsed as T, contentType }
}

/** A paired screen with the operator role (not an admin). */
export async function operatorToken(proxy: RunningProxy): Promise<string> {
  const made = await call<{ code: string }>(proxy, 'POST', '/api/pairing-codes', { role: 'operator' })
  const paired = await proxy.fetch('/api/pair', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code: made.body.code, name: 'Kirish planshet' }),
  })
  return ((await paired.json()) as { token: string }).token
}

/** A phone-sized photo (with noise, so it does not compress to nothing), as a tablet would send it. */
export async function photo(width = 960, height = 1280): Promise<Buffer> {
  return sharp({
    create: {
      width,
      height,
      channels: 3,
      background: { r: 190, g: 160, b: 140 },
      noise: { type: 'gaussian', mean: 128, sigma: 25 },
    },
  })
    .jpeg({ quality: 85 })
    .toBuffer()
}

/** The people on a simulated terminal, by number. */
export function peopleOn(terminal: Terminal): string[] {
  return [...terminal.state.users.keys()]
}

/** Write operations the terminal received (creates, uploads, modifies, deletes). */
export function writesTo(terminal: Terminal): number {
  const writes = [
    'userRecord',
    'userModify',
    'userSetUp',
    'userDelete',
    'faceRecord',
    'faceSetUp',
    'faceDelete',
  ]
  return terminal.stats.log.filter((entry) => writes.includes(entry.op) && entry.auth !== 'none').length
}

/** Waits until `check` holds (polling), or fails with `what`. */
export async function eventually(
  check: () => boolean | Promise<boolean>,
  what: string,
  ms = 60_000,
): Promise<void> {
  const deadline = Date.now() + ms
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}
