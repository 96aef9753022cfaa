import type { Response } from 'undici'
import { Device, DeviceTestResult, type DeviceCreate } from '../../shared/api/devices'
import { PairingCodeResponse } from '../../shared/api/pairing'
import type { ProxyChild } from './proxy-child'
import type { DemoTerminal } from './simulators'

export interface RegisteredTerminal {
  demo: DemoTerminal
  device: Device
  /** `added` on a fresh data dir, `updated` when a device of that name was there from an earlier run */
  action: 'added' | 'updated'
  /** the connection test: what the proxy learned, or why it could not reach the terminal */
  test:
    | { ok: true; authScheme: string; model: string; firmware: string; latencyMs: number }
    | { ok: false; error: string }
}

async function json(response: Response, what: string): Promise<unknown> {
  const body = await response.text()
  if (!response.ok) throw new Error(`${what}: HTTP ${response.status} ${body.slice(0, 300)}`)
  return body === '' ? null : JSON.parse(body)
}

/**
 * Puts the demo terminals into the proxy's registry through its API. A device with the same name from an
 * earlier run is brought up to date (the simulators' ports and the school server's ids change per run)
 * instead of added twice.
 */
export async function registerTerminals(
  proxy: ProxyChild,
  terminals: DemoTerminal[],
): Promise<RegisteredTerminal[]> {
  const existing = Device.array().parse(await json(await proxy.adminFetch('/api/devices'), 'listing devices'))
  const registered: RegisteredTerminal[] = []
  for (const demo of terminals) {
    const fields: DeviceCreate = {
      name: demo.name,
      host: demo.terminal.host,
      port: demo.terminal.port,
      scheme: 'http',
      username: demo.terminal.username,
      password: demo.terminal.password,
      backendId: demo.backendId,
      direction: demo.direction,
      ...(demo.basicOnly ? { allowBasic: true } : {}),
    }
    const known = existing.find((device) => device.name === demo.name)
    const response = known
      ? await proxy.adminFetch(`/api/devices/${encodeURIComponent(known.id)}`, {
          method: 'PATCH',
          body: JSON.stringify(fields),
        })
      : await proxy.adminFetch('/api/devices', { method: 'POST', body: JSON.stringify(fields) })
    const device = Device.parse(await json(response, `saving ${demo.name}`))
    registered.push({
      demo,
      device,
      action: known ? 'updated' : 'added',
      test: await testDevice(proxy, device),
    })
  }
  return registered
}

async function testDevice(proxy: ProxyChild, device: Device): Promise<RegisteredTerminal['test']> {
  const response = await proxy.adminFetch(`/api/devices/${encodeURIComponent(device.id)}/test`, {
    method: 'POST',
  })
  const body: unknown = await response.json().catch(() => null)
  if (!response.ok) {
    const error = (body as { error?: { code?: string; message?: string } } | null)?.error
    return { ok: false, error: `${error?.code ?? response.status}: ${error?.message ?? 'no answer'}` }
  }
  const result = DeviceTestResult.parse(body)
  return {
    ok: true,
    authScheme: result.authScheme,
    model: result.deviceInfo.model ?? '?',
    firmware: result.deviceInfo.firmwareVersion ?? '?',
    latencyMs: result.latencyMs,
  }
}

/** The first-start code the proxy printed, or else a fresh admin code (the proxy prints one only until a screen pairs). */
export async function pairingCode(proxy: ProxyChild): Promise<{ code: string; expiresAt: string | null }> {
  if (proxy.firstStartCode) return { code: proxy.firstStartCode, expiresAt: null }
  const response = await proxy.adminFetch('/api/pairing-codes', {
    method: 'POST',
    body: JSON.stringify({ role: 'admin' }),
  })
  const issued = PairingCodeResponse.parse(await json(response, 'issuing a pairing code'))
  return { code: issued.code, expiresAt: issued.expiresAt }
}
