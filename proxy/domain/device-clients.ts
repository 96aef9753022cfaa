import { createIsapiClient, SerialQueue, type IsapiClient, type IsapiTimeouts } from '../isapi'
import { canonicalAddress, type AllowedHosts } from '../net/allowed-hosts'
import type { DeviceRegistry } from './device-registry'

export interface DeviceClientsDeps {
  registry: DeviceRegistry
  allowedHosts: AllowedHosts
  timeouts?: Partial<IsapiTimeouts>
}

/**
 * One ISAPI client per device, kept between requests: it holds the device's Digest nonce and its queue,
 * so everything sent to one terminal goes one at a time while terminals work in parallel. A client is
 * dropped when the device's address or login changes, and every operation re-checks the address against
 * the allowed networks right before connecting (a hostname may resolve elsewhere by now).
 */
export class DeviceClients {
  private readonly clients = new Map<string, IsapiClient>()
  /** one queue per terminal, by its canonical address and port: entries that reach one unit share it */
  private readonly queues = new Map<string, SerialQueue>()

  constructor(private readonly deps: DeviceClientsDeps) {
    deps.registry.onChange((id) => this.drop(id))
  }

  /** The device's client. Throws `not_found`, or `credentials_expired` before any packet is sent. */
  get(deviceId: string): IsapiClient {
    const { registry } = this.deps
    const target = registry.target(deviceId)
    const cached = this.clients.get(deviceId)
    if (cached) return cached
    const client = createIsapiClient(
      { ...target, ...(this.deps.timeouts ? { timeouts: this.deps.timeouts } : {}) },
      {
        beforeConnect: (host) => this.deps.allowedHosts.checkBeforeConnect(host),
        lookup: this.deps.allowedHosts.lookup,
        onDigest: () => registry.recordDigest(deviceId),
        queue: this.queueFor(target.host, target.port),
        budget: registry.loginBudget(deviceId),
        onLoginRefused: () => registry.recordLoginRefused(deviceId),
        onLocked: (untilMs) => registry.recordLocked(deviceId, untilMs),
        onUnlocked: () => registry.recordUnlocked(deviceId),
      },
    )
    this.clients.set(deviceId, client)
    return client
  }

  /**
   * A short-lived client to the device at another address (where it was just told to move), with the device's
   * login and the same fence; never cached, the caller closes it.
   */
  at(deviceId: string, host: string, timeouts: Partial<IsapiTimeouts>): IsapiClient {
    const target = this.deps.registry.target(deviceId)
    return createIsapiClient(
      { ...target, host, timeouts: { ...this.deps.timeouts, ...timeouts } },
      {
        beforeConnect: (address) => this.deps.allowedHosts.checkBeforeConnect(address),
        lookup: this.deps.allowedHosts.lookup,
      },
    )
  }

  private queueFor(host: string, port: number): SerialQueue {
    const key = `${canonicalAddress(host)}:${port}`
    let queue = this.queues.get(key)
    if (!queue) {
      queue = new SerialQueue()
      this.queues.set(key, queue)
    }
    return queue
  }

  drop(deviceId: string): void {
    const client = this.clients.get(deviceId)
    if (!client) return
    this.clients.delete(deviceId)
    void client.close().catch(() => undefined)
  }

  async close(): Promise<void> {
    const all = [...this.clients.values()]
    this.clients.clear()
    await Promise.allSettled(all.map((client) => client.close()))
  }
}
