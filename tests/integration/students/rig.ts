import { z } from 'zod'
import type { RequestInit, Response } from 'undici'
import { startProxy, type RunningProxy } from '../../helpers/proxy-process'
import type { SimBackend } from '../../sim/backend'

export const ErrorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), field: z.string().optional() }),
})

/** The settings that point the proxy at the backend simulator, logging in as the school's admin. */
export function backendEnv(sim: SimBackend): Record<string, string> {
  return {
    SR_BACKEND_URL: sim.url,
    SR_SCHOOL_ID: sim.schoolId,
    SR_BACKEND_EMAIL: sim.credentials.admin.email,
    SR_BACKEND_PASSWORD: sim.credentials.admin.password,
  }
}

/** The real proxy process pointed at the backend simulator, logging in as the school's admin. */
export function startProxyFor(sim: SimBackend, options: { dataDir?: string } = {}): Promise<RunningProxy> {
  return startProxy({
    tls: 'off',
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    env: backendEnv(sim),
  })
}

export async function json<S extends z.ZodType>(schema: S, response: Response): Promise<z.output<S>> {
  const body: unknown = await response.json()
  return schema.parse(body)
}

/** An operator screen's token: a pairing code made by the admin, traded for a token. */
export async function operatorFetch(proxy: RunningProxy) {
  const code = z.object({ code: z.string() }).parse(
    await (
      await proxy.adminFetch('/api/pairing-codes', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ role: 'operator' }),
      })
    ).json(),
  ).code
  const { token } = z.object({ token: z.string() }).parse(
    await (
      await proxy.fetch('/api/pair', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code, name: 'Operator plansheti' }),
      })
    ).json(),
  )
  return (path: string, init: RequestInit = {}) =>
    proxy.fetch(path, {
      ...init,
      headers: { authorization: `Bearer ${token}`, ...(init.headers as Record<string, string>) },
    })
}
