import ipaddr from 'ipaddr.js'
import { lookup } from 'node:dns/promises'
import { isIP } from 'node:net'
import { AppError } from '../../shared/errors'

type Range = [ipaddr.IPv4 | ipaddr.IPv6, number]

export type Resolver = (host: string) => Promise<string[]>

const systemResolver: Resolver = async (host) =>
  (await lookup(host, { all: true, verbatim: true })).map((entry) => entry.address)

/**
 * Keeps the proxy from being used as a door into the rest of the network: a device may only live in the
 * configured CIDRs. A hostname is resolved and every address it resolves to must be allowed, and the check is
 * repeated right before each connection so a DNS answer that changes later (rebinding) is caught too.
 */
export class AllowedHosts {
  private readonly ranges: Range[]

  constructor(
    cidrs: readonly string[],
    private readonly resolve: Resolver = systemResolver,
  ) {
    this.ranges = cidrs.map((cidr) => ipaddr.parseCIDR(cidr))
  }

  /** Throws `host_not_allowed` unless every address of `host` lies in an allowed network. */
  async check(host: string): Promise<void> {
    const bare = host.replace(/^\[(.*)\]$/, '$1')
    const addresses = isIP(bare) ? [bare] : await this.resolveOrRefuse(bare)
    const refused = addresses.filter((address) => !this.allows(address))
    if (refused.length > 0) {
      throw new AppError(
        'host_not_allowed',
        `${host} (${refused.join(', ')}) is outside the networks devices may live in (SR_DEVICE_NETS)`,
        { field: 'host' },
      )
    }
  }

  allows(address: string): boolean {
    if (!ipaddr.isValid(address)) return false
    // process() turns ::ffff:10.0.0.1 into 10.0.0.1, so a mapped address cannot slip past an IPv4 rule.
    const ip = ipaddr.process(address)
    return this.ranges.some(([range, bits]) => ip.kind() === range.kind() && ip.match(range, bits))
  }

  private async resolveOrRefuse(host: string): Promise<string[]> {
    try {
      const addresses = await this.resolve(host)
      if (addresses.length > 0) return addresses
    } catch {
      // fall through: an unresolvable name is refused the same way as an empty answer
    }
    throw new AppError('host_not_allowed', `${host} could not be resolved to an address`, { field: 'host' })
  }
}
