import ipaddr from 'ipaddr.js'
import { lookup as lookupOne, type LookupAddress } from 'node:dns'
import { lookup } from 'node:dns/promises'
import { isIP, type LookupFunction } from 'node:net'
import { AppError } from '../../shared/errors'

type Range = [ipaddr.IPv4 | ipaddr.IPv6, number]

export type Resolver = (host: string) => Promise<string[]>

const systemResolver: Resolver = async (host) =>
  (await lookup(host, { all: true, verbatim: true })).map((entry) => entry.address)

/**
 * Keeps the proxy from being used as a door into the rest of the network: a device may only live in the
 * configured CIDRs. A hostname is resolved and every address it resolves to must be allowed; the check is
 * repeated right before each operation, and the socket itself resolves through `lookup`, which refuses a
 * disallowed answer too: a name that answers differently a moment later (rebinding) cannot slip between
 * the check and the connection.
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

  /**
   * net.connect's `lookup`, for the device sockets: the system resolver's answer, refused whole with
   * `host_not_allowed` when any address lies outside the allowed networks.
   */
  readonly lookup: LookupFunction = (hostname, options, callback) => {
    lookupOne(hostname, { ...options, all: true }, (error, found: LookupAddress[]) => {
      const fail = (reason: Error) => (callback as (e: Error) => void)(reason)
      if (error) return fail(error)
      const refused = found.filter((entry) => !this.allows(entry.address))
      if (found.length === 0 || refused.length > 0) {
        const listed = refused.map((entry) => entry.address).join(', ')
        return fail(
          new AppError(
            'host_not_allowed',
            `${hostname} (${listed || 'no address'}) is outside the networks devices may live in (SR_DEVICE_NETS)`,
            { field: 'host' },
          ),
        )
      }
      if (options.all) return (callback as (e: null, all: LookupAddress[]) => void)(null, found)
      const first = found[0] as LookupAddress
      callback(null, first.address, first.family)
    })
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
