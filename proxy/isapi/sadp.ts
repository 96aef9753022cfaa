import { randomUUID } from 'node:crypto'
import { createSocket } from 'node:dgram'
import { createRequire } from 'node:module'
import type { XMLParser } from 'fast-xml-parser'

/**
 * SADP, the discovery protocol of Hikvision's own search tool: one XML `Probe` of type `inquiry` to UDP
 * 37020 on the multicast group 239.255.255.250, and every device on the segment answers with a
 * `ProbeMatch` describing itself, activated or not. Written by hand: it is one datagram out and a few
 * back, and no maintained package speaks it.
 */
export interface SadpAnswer {
  serial: string
  model: string
  mac: string
  ipv4: string
  subnetMask: string | null
  gateway: string | null
  httpPort: number | null
  firmware: string | null
  activated: boolean
  dhcp: boolean | null
}

export interface SadpProbeOptions {
  /** where the probe goes; the multicast group in a school, a simulator's loopback address in tests */
  address: string
  port: number
  /** how long to collect answers */
  waitMs: number
  /** the local address to send from (default: any) */
  bindAddress?: string
}

export function probeXml(uuid: string): string {
  return `<?xml version="1.0" encoding="utf-8"?><Probe><Uuid>${uuid}</Uuid><Types>inquiry</Types></Probe>`
}

let parser: XMLParser | undefined

/** Loaded with the first answer (synchronously, through the package's CommonJS build), not at start. */
function xmlParser(): XMLParser {
  if (parser) return parser
  const { XMLParser } = createRequire(import.meta.url)('fast-xml-parser') as typeof import('fast-xml-parser')
  parser = new XMLParser({ parseTagValue: false, trimValues: true, processEntities: false })
  return parser
}

/** One datagram → the device it describes, or null for anything that is not a ProbeMatch. */
export function parseProbeMatch(datagram: Buffer): SadpAnswer | null {
  const text = datagram.toString('utf8')
  if (!text.includes('ProbeMatch') || /<!(DOCTYPE|ENTITY)/i.test(text)) return null
  let doc: Record<string, unknown>
  try {
    doc = (xmlParser().parse(text) as { ProbeMatch?: Record<string, unknown> }).ProbeMatch ?? {}
  } catch {
    return null
  }
  const text_ = (key: string): string | null => {
    const value = doc[key]
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : null
  }
  const serial = text_('DeviceSN')
  const ipv4 = text_('IPv4Address')
  const mac = text_('MAC')
  if (!serial || !ipv4 || !mac) return null
  const httpPort = Number(text_('HttpPort'))
  const dhcp = text_('DHCP')
  return {
    serial,
    model: text_('DeviceDescription') ?? text_('DeviceType') ?? '',
    mac: mac.toUpperCase().replace(/-/g, ':'),
    ipv4,
    subnetMask: text_('IPv4SubnetMask'),
    gateway: text_('IPv4Gateway'),
    httpPort: Number.isInteger(httpPort) && httpPort > 0 && httpPort < 65536 ? httpPort : null,
    firmware: text_('SoftwareVersion'),
    activated: (text_('Activated') ?? 'true').toLowerCase() !== 'false',
    dhcp: dhcp === null ? null : dhcp.toLowerCase() === 'true',
  }
}

/** Sends one inquiry and collects the answers for `waitMs`, one per MAC address. */
export function sadpProbe(options: SadpProbeOptions): Promise<SadpAnswer[]> {
  return new Promise((resolve, reject) => {
    const socket = createSocket({ type: 'udp4', reuseAddr: true })
    const uuid = randomUUID().toUpperCase()
    const found = new Map<string, SadpAnswer>()
    let timer: NodeJS.Timeout | undefined
    const finish = () => {
      clearTimeout(timer)
      socket.close()
      resolve([...found.values()])
    }
    socket.on('error', (error) => {
      clearTimeout(timer)
      socket.close()
      reject(error)
    })
    socket.on('message', (message) => {
      const answer = parseProbeMatch(message)
      if (answer && !found.has(answer.mac)) found.set(answer.mac, answer)
    })
    socket.bind(0, options.bindAddress, () => {
      socket.send(probeXml(uuid), options.port, options.address, (error) => {
        if (error) {
          socket.close()
          reject(error)
          return
        }
        timer = setTimeout(finish, options.waitMs)
      })
    })
  })
}
