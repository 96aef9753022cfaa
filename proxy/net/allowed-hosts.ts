import ipaddr from 'ipaddr.js'
import type { LookupAddress } from 'node:dns'
import { lookup } from 'node:dns/promises'
import { isIP, type LookupFunction } from 'node:net'
import { AppError } from '../../shared/errors'

type Range = [ipaddr.IPv4 | ipaddr.IPv6, number]

export type Resolver = (host: string) => Promise<string[]>

const systemResolver: Resolver = async (host) =>
  (await lookup(host, { all: true, verbatim: true })).map((entry) => entry.address)

/**
 * Keeps the proxy from being used as a door into the rest of the network: a device may only live in the
 * configured CIDRs. A hostname is resolved and every address it resolves to must be allowed; the device
 * sockets resolve names through `lookup`, which refuses a disallowed answer too, so a name that answers
 * differently a moment later (rebinding) cannot slip between a check and the connection.
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
    await this.allowedAddresses(host)
  }

  /**
   * The addresses `host` stands for, each in one canonical spelling (`127.1`, `2130706433`, `127.0.0.01`,
   * `::ffff:127.0.0.1` and `localhost` are all `127.0.0.1`), after the same check as `check`.
   */
  async canonical(host: string): Promise<string[]> {
    return [...new Set((await this.allowedAddresses(host)).map(canonicalAddress))]
  }

  /**
   * The check right before each operation on a device. An IP literal is checked here: a socket to it
   * resolves nothing. A name is checked by `lookup` when the socket resolves it, so it is looked up once
   * per connection, and the socket goes to exactly the addresses that were checked.
   */
  async checkBeforeConnect(host: string): Promise<void> {
    if (isIP(bareHost(host))) await this.check(host)
  }

  /**
   * net.connect's `lookup`, for the device sockets: the resolver's answer, refused whole with
   * `host_not_allowed` when any address lies outside the allowed networks.
   */
  readonly lookup: LookupFunction = (hostname, options, callback) => {
    this.allowedAddresses(hostname).then(
      (addresses) => {
        const found: LookupAddress[] = addresses
          .map((address) => ({ address, family: isIP(address) }))
          .filter((entry) => !options.family || entry.family === options.family)
        const first = found[0]
        if (!first) return callback(refusal(`${hostname} has no IPv${String(options.family)} address`), '', 0)
        if (options.all) return (callback as (e: null, all: LookupAddress[]) => void)(null, found)
        callback(null, first.address, first.family)
      },
      (error: Error) => callback(error, '', 0),
    )
  }

  /** Every address of `host` (an IP literal is its own), or `host_not_allowed` naming those refused. */
  private async allowedAddresses(host: string): Promise<string[]> {
    const bare = bareHost(host)
    const addresses = isIP(bare) ? [bare] : await this.resolveOrRefuse(bare)
    const refused = addresses.filter((address) => !this.allows(address))
    if (refused.length > 0) {
      throw refusal(
        `${host} (${refused.join(', ')}) is outside the networks devices may live in (SR_DEVICE_NETS)`,
      )
    }
    return addresses
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
    throw refusal(`${host} could not be resolved to an address`)
  }
}

/**
 * One spelling per address: IPv4 in dotted decimal (short, octal and whole-number forms and IPv4-mapped
 * IPv6 included), IPv6 in its shortest form; a name (not an address) lower-cased.
 */
export function canonicalAddress(host: string): string {
  const bare = bareHost(host)
  return ipaddr.isValid(bare) ? ipaddr.process(bare).toString() : bare.toLowerCase()
}

function bareHost(host: string): string {
  return host.replace(/^\[(.*)\]$/, '$1')
}

function refusal(message: string): AppError {
  return new AppError('host_not_allowed', message, { field: 'host' })
}
