import type { Handler } from '../context'
import { xmlDocument, xmlResponse } from '../format'

/** The MAC the model prints in deviceInfo, so both answers agree. */
function macOf(deviceInfoXml: string): string {
  return /<macAddress>([^<]*)<\/macAddress>/.exec(deviceInfoXml)?.[1] ?? '00:00:00:00:00:00'
}

/**
 * `GET /ISAPI/System/Network/interfaces`. Not in the fixture set: the shape (and the documentation
 * addresses) are the DS-K1A340FWX observation write-up's "Network Interfaces" answer; read-only here.
 */
export const interfaces: Handler = (ctx) =>
  xmlResponse(
    xmlDocument(
      'NetworkInterfaceList',
      `  <NetworkInterface>
    <id>1</id>
    <IPAddress>
      <ipVersion>v4</ipVersion>
      <addressingType>static</addressingType>
      <ipAddress>192.0.0.64</ipAddress>
      <subnetMask>255.255.255.0</subnetMask>
      <DefaultGateway>
        <ipAddress>192.0.0.1</ipAddress>
      </DefaultGateway>
      <PrimaryDNS>
        <ipAddress>8.8.8.8</ipAddress>
      </PrimaryDNS>
      <SecondaryDNS>
        <ipAddress>8.8.4.4</ipAddress>
      </SecondaryDNS>
    </IPAddress>
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
