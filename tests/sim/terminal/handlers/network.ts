import { asRecord, asString, refuse, type Handler, type HandlerContext } from '../context'
import { parseXmlBody, xmlDocument, xmlOk, xmlResponse } from '../format'
import type { SimNetwork } from '../state'

/** The MAC the model prints in deviceInfo, so both answers agree. */
function macOf(deviceInfoXml: string): string {
  return /<macAddress>([^<]*)<\/macAddress>/.exec(deviceInfoXml)?.[1] ?? '00:00:00:00:00:00'
}

/** `<IPAddress>`: the members the interfaces list and `interfaces/1/ipAddress` share. */
function ipAddressXml(net: SimNetwork): string {
  return `<ipVersion>v4</ipVersion>
<addressingType>${net.addressingType}</addressingType>
<ipAddress>${net.ipAddress}</ipAddress>
<subnetMask>${net.subnetMask}</subnetMask>
<DefaultGateway>
<ipAddress>${net.gateway}</ipAddress>
</DefaultGateway>
<PrimaryDNS>
<ipAddress>${net.dns[0] ?? '0.0.0.0'}</ipAddress>
</PrimaryDNS>
<SecondaryDNS>
<ipAddress>${net.dns[1] ?? '0.0.0.0'}</ipAddress>
</SecondaryDNS>
`
}

/**
 * `GET /ISAPI/System/Network/interfaces`. Not in the fixture set: the shape is the DS-K1A340FWX observation
 * write-up's "Network Interfaces" answer; the address is the one the simulator listens on.
 */
export const interfaces: Handler = (ctx) =>
  xmlResponse(
    xmlDocument(
      'NetworkInterfaceList',
      `<NetworkInterface>
<id>1</id>
<IPAddress>
${ipAddressXml(ctx.state.network)}</IPAddress>
<Link>
<MACAddress>${macOf(ctx.profile.deviceInfoXml)}</MACAddress>
<autoNegotiation>true</autoNegotiation>
<speed>100</speed>
<duplex>full</duplex>
<MTU>1500</MTU>
</Link>
</NetworkInterface>
`,
    ),
  )

function portOf(ctx: HandlerContext): string | undefined {
  return /\/interfaces\/(\d+)\/ipAddress/.exec(ctx.req.path)?.[1]
}

/**
 * `GET/PUT /ISAPI/System/Network/interfaces/1/ipAddress`. No capture; the `<IPAddress>` body is the one
 * camera and NVR clients read and write at this path (and the one inside the interfaces list above). A model
 * without remote network settings refuses with notSupport.
 */
export const getIpAddress: Handler = (ctx) => {
  if (ctx.profile.network === 'none') return refuse(ctx, 'notSupport')
  if (portOf(ctx) !== '1') return refuse(ctx, 'invalidID', 'id', 400)
  return xmlResponse(xmlDocument('IPAddress', ipAddressXml(ctx.state.network)))
}

export const ipAddressCapabilities: Handler = (ctx) => {
  if (ctx.profile.network === 'none') return refuse(ctx, 'notSupport')
  const types = ctx.profile.network === 'dhcp' ? 'static,dynamic' : 'static'
  return xmlResponse(
    xmlDocument(
      'IPAddress',
      `<ipVersion opt="v4"/>\n<addressingType opt="${types}"/>\n<ipAddress min="7" max="15"/>\n`,
    ),
  )
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/

/** The device checks shapes only: whether the gateway fits the subnet is the writer's business. */
export const putIpAddress: Handler = (ctx) => {
  if (ctx.profile.network === 'none') return refuse(ctx, 'notSupport')
  const doc = asRecord(parseXmlBody(ctx.req.body)?.IPAddress)
  if (!doc) return refuse(ctx, 'badXmlContent', 'IPAddress')
  const mode = asString(doc.addressingType) ?? 'static'
  if (mode !== 'static' && !(mode === 'dynamic' && ctx.profile.network === 'dhcp'))
    return refuse(ctx, 'badXmlContent', 'addressingType')
  const nested = (name: string) => asString(asRecord(doc[name])?.ipAddress)
  const dns = [nested('PrimaryDNS'), nested('SecondaryDNS')].filter(
    (address): address is string => !!address && address !== '0.0.0.0',
  )
  if (dns.some((address) => !IPV4.test(address))) return refuse(ctx, 'badXmlContent', 'PrimaryDNS')
  if (mode === 'dynamic') {
    // a DHCP server that hands the terminal the lease it had: it stays where it is
    ctx.state.network = { ...ctx.state.network, addressingType: 'dynamic', dns }
    return xmlOk(ctx.req.path)
  }
  const ipAddress = asString(doc.ipAddress) ?? ''
  const subnetMask = asString(doc.subnetMask) ?? ''
  const gateway = nested('DefaultGateway') ?? ''
  for (const [name, value] of [
    ['ipAddress', ipAddress],
    ['subnetMask', subnetMask],
    ['DefaultGateway', gateway],
  ]) {
    if (!IPV4.test(value as string)) return refuse(ctx, 'badXmlContent', name as string)
  }
  ctx.state.network = { addressingType: 'static', ipAddress, subnetMask, gateway, dns }
  return xmlOk(ctx.req.path)
}

/**
 * `GET /ISAPI/System/capabilities` (`DeviceCap`). Not in the fixture set: a trimmed copy of the
 * DS-K1A340FWX write-up's "System Capabilities" answer, with `isSupportNtp` following the model.
 */
export const systemCapabilities: Handler = (ctx) =>
  xmlResponse(
    xmlDocument(
      'DeviceCap',
      `  <isSupportPreview>false</isSupportPreview>
  <isSupportFactoryReset>true</isSupportFactoryReset>
  <isSupportDeviceInfo>true</isSupportDeviceInfo>
  <SysCap>
    <isSupportDst>true</isSupportDst>
    <NetworkCap>
      <isSupportWireless>false</isSupportWireless>
      <isSupportNtp>${ctx.profile.ntp !== 'none'}</isSupportNtp>
      <isSupportHttps>true</isSupportHttps>
    </NetworkCap>
    <isSupportSubscribeEvent>true</isSupportSubscribeEvent>
    <isSupportTimeCap>true</isSupportTimeCap>
  </SysCap>
  <isSupportAccessControlCap>true</isSupportAccessControlCap>
`,
    ),
  )
