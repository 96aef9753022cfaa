import ipaddr from 'ipaddr.js'
import type { Device } from '../../../shared/api/devices'
import type { FoundTerminal } from '../../../shared/api/discovery'
import { AppError } from '../../../shared/errors'
import type { ActivationOptions, ActivationTarget } from '../../isapi/activation'
import type { SadpAnswer } from '../../isapi/sadp'

export interface FindDeps {
  probe(): Promise<SadpAnswer[]>
  devices(): Device[]
  /** throws `host_not_allowed` for an address outside SR_DEVICE_NETS */
  checkAllowed(host: string): Promise<void>
  activationStatus(target: ActivationTarget, options?: ActivationOptions): Promise<boolean>
}

/** How many found terminals are asked over HTTP at once: a school has a handful, a campus a few dozen. */
const CHECKS_AT_ONCE = 8

/**
 * "Search the network": the SADP answers, each matched with the proxy's registry (by serial, else by
 * address) and, when its address is allowed, asked over HTTP whether it is activated (SADP's own flag is
 * what the device last broadcast; the HTTP answer is what it is now). Addresses outside the allowed
 * networks are listed but never contacted.
 */
export async function findTerminals(deps: FindDeps): Promise<FoundTerminal[]> {
  const answers = await deps.probe()
  const devices = deps.devices()
  const found = await mapLimited(answers, CHECKS_AT_ONCE, async (answer) => {
    const port = answer.httpPort ?? 80
    const known = devices.find(
      (device) =>
        device.deviceId === answer.serial || (sameAddress(device.host, answer.ipv4) && device.port === port),
    )
    const base = {
      serial: answer.serial,
      model: answer.model,
      mac: answer.mac,
      host: answer.ipv4,
      port,
      firmware: answer.firmware,
      deviceId: known?.id ?? null,
    }
    if (!(await allowed(deps, answer.ipv4))) return { ...base, state: 'outside' as const, reachable: null }
    let activated = answer.activated
    let reachable = false
    try {
      activated = await deps.activationStatus(
        { host: answer.ipv4, port, scheme: 'http' },
        { timeoutMs: 3_000 },
      )
      reachable = true
    } catch {
      // a device that answers SADP but not HTTP (another port, HTTPS only, busy) is still listed
    }
    const state = known ? ('added' as const) : activated ? ('new' as const) : ('inactive' as const)
    return { ...base, state, reachable }
  })
  const order = { inactive: 0, new: 1, added: 2, outside: 3 }
  return found.sort((a, b) => order[a.state] - order[b.state] || a.host.localeCompare(b.host))
}

async function allowed(deps: FindDeps, host: string): Promise<boolean> {
  try {
    await deps.checkAllowed(host)
    return true
  } catch (error) {
    if (error instanceof AppError && error.code === 'host_not_allowed') return false
    throw error
  }
}

function sameAddress(a: string, b: string): boolean {
  if (!ipaddr.isValid(a) || !ipaddr.isValid(b)) return a.toLowerCase() === b.toLowerCase()
  const normal = (value: string) => {
    const parsed = ipaddr.parse(value)
    return parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()
      ? (parsed as ipaddr.IPv6).toIPv4Address().toString()
      : parsed.toNormalizedString()
  }
  return normal(a) === normal(b)
}

async function mapLimited<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const index = next++
      results[index] = await work(items[index] as T)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return results
}
