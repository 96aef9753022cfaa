import { z } from 'zod'
import { Device } from '../../../shared/api/devices'
import { startProxy, type RunningProxy } from '../../helpers/proxy-process'
import type { SimBackend } from '../../sim/backend'
import type { Terminal } from '../../sim/terminal'
import { backendEnv } from '../students/rig'

/** The real proxy process (plain HTTP), pointed at the backend simulator when one is given. */
export function proxyFor(sim: SimBackend | null, options: { dataDir?: string } = {}): Promise<RunningProxy> {
  return startProxy({
    tls: 'off',
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    env: sim ? backendEnv(sim) : {},
  })
}

export interface Answer<T> {
  status: number
  body: T
}

/** One API call as the admin; the body parsed as JSON (or null for none). */
export async function call<T = unknown>(
  proxy: RunningProxy,
  method: string,
  path: string,
  body?: unknown,
): Promise<Answer<T>> {
  const response = await proxy.adminFetch(path, {
    method,
    ...(body === undefined
      ? {}
      : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  })
  const text = await response.text()
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T }
}

/** Registers a simulated terminal through the API, as a person would in the Devices page. */
export async function addDevice(
  proxy: RunningProxy,
  t: Terminal,
  name: string,
  direction?: 'in' | 'out',
): Promise<Device> {
  const answer = await call(proxy, 'POST', '/api/devices', {
    name,
    host: t.host,
    port: t.port,
    scheme: 'http',
    username: t.username,
    password: t.password,
    ...(direction ? { direction } : {}),
  })
  if (answer.status !== 201)
    throw new Error(`adding ${name}: ${answer.status} ${JSON.stringify(answer.body)}`)
  return Device.parse(answer.body)
}

export const ErrorBody = z.object({ error: z.object({ code: z.string(), message: z.string() }) })
