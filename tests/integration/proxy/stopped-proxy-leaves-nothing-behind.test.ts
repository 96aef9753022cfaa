import { AsyncLocalStorage, createHook } from 'node:async_hooks'
import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import { Agent, fetch } from 'undici'
import { afterAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../../proxy/config'
import { createLogger } from '../../../proxy/log'
import { startProxy, type RunningServer } from '../../../proxy/main'
import { freePort } from '../../helpers/proxy-process'
import { startBackend, type SimBackend } from '../../sim/backend'
import { startTerminal, type Terminal } from '../../sim/terminal'

/**
 * What outlives a stopped program: timers and the handles of sockets and servers. A TLS socket is its TCP
 * handle (TCPWRAP) plus a wrapper that node reports gone only when it is garbage-collected, so the handle
 * is what is watched.
 */
const KEPT_ALIVE = new Set(['Timeout', 'TCPWRAP', 'TCPSERVERWRAP', 'UDPWRAP', 'PIPEWRAP', 'FSEVENTWRAP'])

/**
 * Timers node makes for itself while it works for the proxy, which belong to no part of it:
 * AbortSignal.timeout's belongs to the signal (cleared when the signal is collected, it reaches nothing of
 * the proxy), and utcDate's is node's one-second cache of the HTTP Date header, shared by every server in
 * the process. Neither keeps the process alive.
 */
const NODE_OWN = ['AbortSignal.timeout', 'utcDate']

interface Created {
  type: string
  stack: string
}

/**
 * Every timer and socket made on the proxy's behalf: whatever is created inside the proxy's own async
 * context, which its servers hand on to each connection and request, and those to everything they start.
 * The test's own client, the simulators and the test runner live outside it.
 */
function watchTheProxy() {
  const proxyContext = new AsyncLocalStorage<true>()
  const alive = new Map<number, Created>()
  const hook = createHook({
    init(asyncId, type) {
      if (!KEPT_ALIVE.has(type) || !proxyContext.getStore()) return
      const limit = Error.stackTraceLimit
      Error.stackTraceLimit = 40
      const stack = new Error().stack ?? ''
      Error.stackTraceLimit = limit
      alive.set(asyncId, { type, stack })
    },
    destroy(asyncId) {
      alive.delete(asyncId)
    },
  })
  hook.enable()
  return {
    run: <T>(work: () => Promise<T>) => proxyContext.run(true, work),
    /** what is still alive once the destroy notices already queued have been delivered */
    async leftBehind(): Promise<Created[]> {
      // node delivers destroy hooks from its own queue at the next turn of the event loop; no clock involved
      for (let turn = 0; turn < 5; turn++) await new Promise((resolve) => setImmediate(resolve))
      hook.disable()
      return [...alive.values()].filter((made) => !NODE_OWN.some((mark) => made.stack.includes(mark)))
    },
  }
}

async function photo(): Promise<string> {
  const noise = { type: 'gaussian' as const, mean: 128, sigma: 25 }
  const jpeg = await sharp({
    create: { width: 960, height: 1280, channels: 3, background: { r: 190, g: 160, b: 140 }, noise },
  })
    .jpeg({ quality: 85 })
    .toBuffer()
  return jpeg.toString('base64')
}

describe('a stopped proxy', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sr-stopped-'))
  let backend: SimBackend | undefined
  let terminal: Terminal | undefined
  afterAll(async () => {
    await terminal?.close()
    await backend?.close()
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('leaves no timer, interval, socket or server behind once close() has resolved', async () => {
    backend = await startBackend({ seed: { students: 3 } })
    terminal = await startTerminal({ host: '127.0.0.1' })
    const face = await photo()
    const adminToken = 'stopped-proxy-admin-token-0123456789'
    const config = loadConfig({
      SR_HOST: '127.0.0.1',
      SR_PORT: String(await freePort()),
      SR_HTTP_PORT: String(await freePort()),
      SR_DATA_DIR: dataDir,
      SR_ADMIN_TOKEN: adminToken,
      SR_DEVICE_NETS: '127.0.0.0/8',
      SR_EVENT_RELAY: 'on',
      SR_BACKEND_URL: backend.url,
      SR_SCHOOL_ID: backend.schoolId,
      SR_BACKEND_EMAIL: backend.credentials.admin.email,
      SR_BACKEND_PASSWORD: backend.credentials.admin.password,
    })
    const client = new Agent({ connect: { rejectUnauthorized: false } })
    const watch = watchTheProxy()
    let proxy: RunningServer | undefined
    try {
      proxy = await watch.run(() =>
        startProxy(config, { logger: createLogger('silent'), distDir: null, print: () => {} }),
      )
      const base = proxy.urls.at(-1) as string
      const call = async (method: string, path: string, body?: unknown) => {
        const answer = await fetch(new URL(path, base), {
          method,
          dispatcher: client,
          headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        })
        const text = await answer.text()
        return { status: answer.status, body: (text ? JSON.parse(text) : null) as Record<string, unknown> }
      }

      // the school server (students, a registration's report through the outbox), a terminal (its
      // connection, the saga, the status check), the audit trail, and the trust page's own server
      expect((await call('GET', '/api/health')).status).toBe(200)
      expect((await call('GET', '/api/students?limit=10')).status).toBe(200)
      const classes = await call('GET', '/api/classes')
      const classId = (classes.body as unknown as Array<{ id: string }>)[0]?.id
      const device = await call('POST', '/api/devices', {
        name: 'Asosiy kirish',
        host: terminal.host,
        port: terminal.port,
        scheme: 'http',
        username: terminal.username,
        password: terminal.password,
      })
      expect(device.status).toBe(201)
      const registered = await call('POST', '/api/registrations', {
        clientId: randomUUID(),
        student: { firstName: 'Madina', lastName: 'Yusupova', gender: 'female', classId },
        face,
        deviceIds: [device.body.id],
      })
      expect(registered.status, JSON.stringify(registered.body)).toBe(201)
      expect((await call('GET', '/api/devices/status')).status).toBe(200)
      expect((await call('GET', '/api/audit?limit=5')).status).toBe(200)
      expect((await fetch(proxy.trustPageUrls[0] as string, { dispatcher: client })).status).toBe(200)
    } finally {
      await client.close()
      await proxy?.close()
    }

    const left = await watch.leftBehind()
    expect(left.map((made) => `${made.type}\n${made.stack}`)).toEqual([])
  })
})
