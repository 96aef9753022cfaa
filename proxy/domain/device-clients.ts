import { createIsapiClient, type IsapiClient, type IsapiTimeouts } from '../isapi'
import type { AllowedHosts } from '../net/allowed-hosts'
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

  constructor(private readonly deps: DeviceClientsDeps) {
    deps.registry.onChange((id) => this.drop(id))
  }

  /** The device's client. Throws `not_found`, or `credentials_expired` before any packet is sent. */
  get(deviceId: string): IsapiClient {
    const target = this.deps.registry.target(deviceId)
    const cached = this.clients.get(deviceId)
    if (cached) return cached
    const client = createIsapiClient(
      { ...target, ...(this.deps.timeouts ? { timeouts: this.deps.timeouts } : {}) },
      {
        beforeConnect: (host) => this.deps.allowedHosts.checkBeforeConnect(host),
        lookup: this.deps.allowedHosts.lookup,
        onDigest: () => this.deps.registry.recordDigest(deviceId),
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
