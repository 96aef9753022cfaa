import type { ActivateTerminal, DiscoveryResult } from '../../../shared/api/discovery'
import { activateDevice, activationStatus, type ActivationOptions } from '../../isapi/activation'
import { sadpProbe } from '../../isapi/sadp'
import type { AllowedHosts } from '../../net/allowed-hosts'
import type { DeviceRegistry } from '../device-registry'
import { activateTerminal } from './activate-terminal'
import { findTerminals } from './find-terminals'

export interface DiscoveryDeps {
  sadp: { address: string; port: number }
  registry: DeviceRegistry
  allowedHosts: AllowedHosts
  /** how long a search listens for SADP answers */
  waitMs?: number
}

/** Finding terminals on the LAN and activating new ones: the Devices page's "Search the network". */
export class Discovery {
  private readonly waitMs: number
  private readonly fence: ActivationOptions

  constructor(private readonly deps: DiscoveryDeps) {
    this.waitMs = deps.waitMs ?? 2_000
    this.fence = {
      beforeConnect: (host) => deps.allowedHosts.checkBeforeConnect(host),
      lookup: deps.allowedHosts.lookup,
    }
  }

  async search(): Promise<DiscoveryResult> {
    const terminals = await findTerminals({
      probe: () => sadpProbe({ ...this.deps.sadp, waitMs: this.waitMs }),
      devices: () => this.deps.registry.list(),
      checkAllowed: (host) => this.deps.allowedHosts.check(host),
      activationStatus: (target, options) => activationStatus(target, { ...this.fence, ...options }),
    })
    return { terminals, waitedMs: this.waitMs }
  }

  activate(input: ActivateTerminal): Promise<void> {
    return activateTerminal({ activationStatus, activateDevice, fence: this.fence }, input)
  }
}
