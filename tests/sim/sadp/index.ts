import { createSocket, type Socket } from 'node:dgram'

/** One device as it describes itself in a SADP `ProbeMatch`. */
export interface SadpDevice {
  serial: string
  model: string
  mac: string
  ipv4: string
  httpPort: number
  firmware: string
  activated: boolean
  subnetMask?: string
  gateway?: string
}

export interface SadpResponder {
  /** where a probe must go: the proxy's SR_SADP_ADDRESS and SR_SADP_PORT in tests */
  address: string
  port: number
  /** inquiries received, for tests that check what was asked */
  readonly probes: string[]
  close(): Promise<void>
}

/**
 * The devices of a network segment answering SADP, on loopback only: every inquiry gets one `ProbeMatch`
 * datagram per device, sent back to the asker, in the shape Hikvision's search tool receives (the fields
 * public SADP clients read: Uuid echoed, Types inquiry, DeviceType, DeviceDescription, DeviceSN, MAC with
 * dashes, IPv4 address/mask/gateway, HttpPort, CommandPort 8000, SoftwareVersion, DHCP, Activated).
 * Anything that is not an inquiry is ignored, as devices ignore it.
 */
export async function startSadpResponder(
  devices: () => SadpDevice[],
  options: { host?: string; port?: number } = {},
): Promise<SadpResponder> {
  const host = options.host ?? '127.0.0.1'
  if (!host.startsWith('127.')) throw new Error('the SADP simulator listens on loopback only')
  const socket: Socket = createSocket('udp4')
  const probes: string[] = []
  socket.on('message', (message, from) => {
    const text = message.toString('utf8')
    const uuid = /<Uuid>([^<]*)<\/Uuid>/.exec(text)?.[1]
    if (!uuid || !/<Types>inquiry(_v32)?<\/Types>/.test(text)) return
    probes.push(text)
    for (const device of devices()) {
      socket.send(probeMatch(uuid, device), from.port, from.address)
    }
  })
  await new Promise<void>((resolve) => socket.bind(options.port ?? 0, host, () => resolve()))
  return {
    address: host,
    port: socket.address().port,
    probes,
    close: () => new Promise((resolve) => socket.close(() => resolve())),
  }
}

function probeMatch(uuid: string, device: SadpDevice): string {
  const fields: Record<string, string | number> = {
    Uuid: uuid,
    Types: 'inquiry',
    DeviceType: '605',
    DeviceDescription: device.model,
    DeviceSN: device.serial,
    CommandPort: 8000,
    HttpPort: device.httpPort,
    MAC: device.mac.toLowerCase().replace(/:/g, '-'),
    IPv4Address: device.ipv4,
    IPv4SubnetMask: device.subnetMask ?? '255.0.0.0',
    IPv4Gateway: device.gateway ?? '127.0.0.1',
    IPv6Address: '::',
    IPv6Gateway: '::',
    IPv6MaskLen: 64,
    DHCP: 'false',
    AnalogChannelNum: 0,
    DigitalChannelNum: 0,
    SoftwareVersion: device.firmware,
    DSPVersion: 'V1.0',
    BootTime: '2026-12-01 08:00:00',
    Encrypt: 'true',
    ResetAbility: 'false',
    DiskNumber: 0,
    Activated: device.activated ? 'true' : 'false',
    PasswordResetAbility: 'true',
    PasswordResetModeSecond: 'true',
  }
  const inner = Object.entries(fields)
    .map(([key, value]) => `<${key}>${value}</${key}>`)
    .join('')
  return `<?xml version="1.0" encoding="UTF-8"?><ProbeMatch>${inner}</ProbeMatch>`
}
