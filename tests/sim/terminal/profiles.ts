import { fixtureJson, fixtureText } from './fixture-files'

/*
 * Model profiles. Each serves the captured answers of a real device where a capture exists; the few
 * documents no source captured are marked "reconstructed" and follow the nearest captured sibling.
 */

export type ModelId = 'ds-k1t342mwx' | 'ds-k1a340fwx' | 'ds-k1t341am' | 'ds-kv6124-e1'

/** Which extra members this firmware prints in a person record (from the captured search answers). */
export type RecordStyle = 'k1t342' | 'k1a340' | 'kv6124'

export interface ModelProfile {
  id: ModelId
  label: string
  deviceInfoXml: string
  accessCapsXml: string
  userCaps: Record<string, unknown>
  faceCaps: Record<string, unknown>
  maxUsers: number
  maxFaces: number
  /** `name @max` of the user capabilities, enforced in UTF-8 bytes */
  nameMaxBytes: number
  employeeNoDigitsOnly: boolean
  userTypes: string[]
  remoteDoor: boolean
  /** face library endpoints exist (the door station reports no FDLib) */
  supportsFaces: boolean
  /** newer firmware lists the enrolment photo URL of people that have a face */
  faceUrlInSearch: boolean
  recordStyle: RecordStyle
  /** DS-K1T342MWX "sometimes sends XML with a Content-Type: application/json header" */
  mislabelsXmlAsJson: boolean
  /** the K1A340 answered notSupport with HTTP 200 */
  notSupportHttpStatus: number
  /** FDLib capabilities answer 404 unless `?format=json` is given (K1A340) */
  faceCapsNeedFormatJson: boolean
  httpHostsXml: string
  /** the K1A340 dropped a non-empty `url` and refused hostname addressing */
  persistsHostUrl: boolean
  acceptsHostname: boolean
  events: Array<Record<string, unknown>>
  /** the KV6124 refused permanent local validity bounds: "beginTime and endTime" */
  validityNeedsOffset: boolean
  /** the K1T341AM refused startTime/endTime in AcsEvent with badJsonContent */
  rejectsEventTimeRange: boolean
  timeZone: string
  timeMode: string
  /**
   * NTP client: `list` answers `ntpServers` and `ntpServers/1`; `item-only` only `ntpServers/1` (the
   * DS-K1A340FWX, research/isapi.md §2.4); `none` refuses both with notSupport and offers manual time only
   */
  ntp: 'list' | 'item-only' | 'none'
  /** `interfaces/1/ipAddress`: writable with DHCP offered, writable static only, or refused (notSupport) */
  network: 'dhcp' | 'static-only' | 'none'
  /** `Door/param/1` members as the device prints them; null: the model refuses it */
  doorParam: Record<string, string> | null
  /** `CardReaderCfg/1` and its capabilities; null: the model refuses both */
  cardReader: { value: Record<string, unknown>; caps: Record<string, unknown> } | null
  /** event types `httpHosts/capabilities` offers for `SubscribeEvent`; null: that document is notSupport */
  eventTypes: string[] | null
}

/*
 * Door parameters. No terminal's `Door/param/1` body was captured; a DS-K1T342MFWX is noted to answer it in
 * XML (index file id 68720649167), and the members and ranges are those of HK-VALUE's DoorParam and the
 * SDK's NET_DVR_DOOR_CFG (open duration 1–255 s, magnetic contact normally closed/open).
 */
const DOOR_PARAM: Record<string, string> = {
  doorName: 'Door1',
  magneticType: 'alwaysClose',
  openButtonType: 'alwaysOpen',
  openDuration: '5',
  disabledOpenDuration: '10',
  magneticAlarmTimeout: '0',
  enableDoorLock: 'false',
  enableLeaderCard: 'false',
}

function cardReader(withVerifyMode: boolean): NonNullable<ModelProfile['cardReader']> {
  const value = fixtureJson<{ CardReaderCfg: Record<string, unknown> }>(`${K1A340}/CardReaderCfg.1.json`)
  const caps = fixtureJson<{ CardReaderCfg: Record<string, unknown> }>(
    `${K1A340}/CardReaderCfg.capabilities.json`,
  )
  if (!withVerifyMode) return { value: value.CardReaderCfg, caps: caps.CardReaderCfg }
  // `defaultVerifyMode` as a DS-K1T343EFX client writes it (index file id 53198159182); its option list is
  // reconstructed from the verify modes HK-VALUE names
  return {
    value: {
      ...value.CardReaderCfg,
      cardReaderDescription: 'DS-K1T342MWX',
      defaultVerifyMode: 'faceOrFpOrCardOrPw',
    },
    caps: {
      ...caps.CardReaderCfg,
      defaultVerifyMode: { '@opt': 'faceOrFpOrCardOrPw,face,faceAndCard,faceOrCard,cardOrPw' },
    },
  }
}

const K1A340 = 'access-terminals/ds-k1a340fwx_v1.2.7'
const K1T342 = 'access-terminals/ds-k1t342mwx_v3.16.1'
const KV6124 = 'intercom/ds-kv6124-e1_v3.9.0'

function faceCaps(max: number, functions: string): Record<string, unknown> {
  // reconstructed: no terminal's FDLib capabilities were captured; members as the clients read them
  return {
    FDLibCap: {
      supportFDFunction: { '@opt': functions },
      FDRecordDataMaxNum: max,
      FDNameMaxLen: { '@min': 1, '@max': 96 },
      faceLibType: { '@opt': 'blackFD' },
    },
  }
}

function userCapsWith(
  base: Record<string, unknown>,
  changes: Record<string, unknown>,
): Record<string, unknown> {
  const inner = (base.UserInfo ?? {}) as Record<string, unknown>
  return { UserInfo: { ...inner, ...changes } }
}

function events(file: string): Array<Record<string, unknown>> {
  const doc = fixtureJson<{ AcsEvent: { InfoList: Array<Record<string, unknown>> } }>(file)
  return doc.AcsEvent.InfoList
}

/** The K1A340 capabilities with the members that differ on another model. */
function accessCapsWith(changes: Record<string, string>): string {
  let xml = fixtureText(`${K1A340}/AccessControl.capabilities.xml`)
  for (const [element, value] of Object.entries(changes)) {
    xml = xml.replace(new RegExp(`<${element}>[^<]*</${element}>`), `<${element}>${value}</${element}>`)
  }
  return xml
}

function deviceInfoXml(fields: Record<string, string>): string {
  const inner = Object.entries(fields)
    .map(([k, v]) => `<${k}>${v}</${k}>`)
    .join('\n')
  return `<?xml version="1.0" encoding="UTF-8"?>\n<DeviceInfo version="2.0" xmlns="http://www.isapi.org/ver20/XMLSchema">\n${inner}\n</DeviceInfo>\n`
}

function twoSlotHosts(): string {
  // reconstructed: the DS-K1T342MWX has 2 slots (SANTANA discovery); the slot shape is the K1A340's
  return fixtureText(`${K1A340}/httpHosts.GET.single-empty.xml`).replace(
    '</HttpHostNotificationList>',
    `  <HttpHostNotification>
    <id>2</id>
    <url></url>
    <protocolType>HTTP</protocolType>
    <parameterFormatType>XML</parameterFormatType>
    <addressingFormatType>ipaddress</addressingFormatType>
    <ipAddress>0.0.0.0</ipAddress>
    <portNo>0</portNo>
    <httpAuthenticationMethod>none</httpAuthenticationMethod>
  </HttpHostNotification>
</HttpHostNotificationList>`,
  )
}

function k1a340(): ModelProfile {
  const userCaps = fixtureJson(`${K1A340}/UserInfo.capabilities.json`)
  return {
    id: 'ds-k1a340fwx',
    label: 'DS-K1A340FWX V1.2.7 (face attendance terminal)',
    deviceInfoXml: fixtureText(`${K1A340}/deviceInfo.xml`),
    accessCapsXml: fixtureText(`${K1A340}/AccessControl.capabilities.xml`),
    userCaps,
    faceCaps: faceCaps(1500, 'post,delete,put,get,setUp'),
    maxUsers: 1500,
    maxFaces: 1500,
    nameMaxBytes: 128,
    employeeNoDigitsOnly: false,
    userTypes: ['normal'],
    remoteDoor: false,
    supportsFaces: true,
    faceUrlInSearch: false,
    recordStyle: 'k1a340',
    mislabelsXmlAsJson: false,
    notSupportHttpStatus: 200,
    faceCapsNeedFormatJson: true,
    httpHostsXml: fixtureText(`${K1A340}/httpHosts.GET.single-empty.xml`),
    persistsHostUrl: false,
    acceptsHostname: false,
    events: events(`${K1A340}/AcsEvent.Search.MORE.first-record.json`),
    validityNeedsOffset: false,
    rejectsEventTimeRange: false,
    timeZone: 'CST-3:00:00',
    timeMode: 'NTP',
    ntp: 'item-only',
    network: 'static-only',
    // the capture's isSupportDoorCfg true: the door parameters exist though the relay cannot be opened remotely
    doorParam: { ...DOOR_PARAM },
    cardReader: cardReader(false),
    // "…/httpHosts/capabilities → notSupport" on this firmware (research/isapi.md §5.1)
    eventTypes: null,
  }
}

function k1t342(): ModelProfile {
  const base = fixtureJson(`${K1A340}/UserInfo.capabilities.json`)
  return {
    id: 'ds-k1t342mwx',
    label: 'DS-K1T342MWX V3.16.1 (face terminal)',
    // reconstructed from SANTANA's discovery notes: model, firmware, build, subDeviceType
    deviceInfoXml: deviceInfoXml({
      deviceName: 'Access Controller',
      deviceID: '255',
      model: 'DS-K1T342MWX',
      serialNumber: 'DS-K1T342MWX20240528V031601ENXXXXXXXX',
      macAddress: 'ac:b9:2f:00:00:00',
      firmwareVersion: 'V3.16.1',
      firmwareReleasedDate: 'build 240528',
      deviceType: 'ACS',
      subDeviceType: 'accessControlTerminal',
      electroLockNum: '1',
      manufacturer: 'hikvision',
    }),
    accessCapsXml: accessCapsWith({ isSupportRemoteControlDoor: 'true', isSupportCardInfo: 'true' }),
    userCaps: userCapsWith(base, { userType: { '@opt': 'normal,visitor,blackList' }, maxRecordNum: 1500 }),
    faceCaps: faceCaps(1500, 'post,delete,put,get,setUp'),
    maxUsers: 1500,
    maxFaces: 1500,
    nameMaxBytes: 128,
    employeeNoDigitsOnly: false,
    userTypes: ['normal', 'visitor', 'blackList'],
    remoteDoor: true,
    supportsFaces: true,
    faceUrlInSearch: true,
    recordStyle: 'k1t342',
    mislabelsXmlAsJson: true,
    notSupportHttpStatus: 403,
    faceCapsNeedFormatJson: false,
    httpHostsXml: twoSlotHosts(),
    persistsHostUrl: true,
    acceptsHostname: true,
    events: events(`${K1T342}/AcsEvent.Search.MORE.json`),
    validityNeedsOffset: false,
    rejectsEventTimeRange: false,
    timeZone: 'CST+4:00:00',
    timeMode: 'NTP',
    ntp: 'list',
    network: 'dhcp',
    doorParam: { ...DOOR_PARAM },
    cardReader: cardReader(true),
    // reconstructed: SANTANA saw slot 1 subscribed with eventMode all; the type list is HK-VALUE's
    eventTypes: ['AccessControllerEvent', 'IDCardInfoEvent', 'QRCodeEvent'],
  }
}

function k1t341am(): ModelProfile {
  const base = fixtureJson(`${K1A340}/UserInfo.capabilities.json`)
  return {
    id: 'ds-k1t341am',
    label: 'DS-K1T341AM V3.2.30 (face terminal)',
    deviceInfoXml: fixtureText('access-terminals/ds-k1t341am_v3.2.30/deviceInfo.xml'),
    // reconstructed: the K1A340 capabilities, with a door relay and digits-only person numbers
    accessCapsXml: accessCapsWith({ isSupportRemoteControlDoor: 'true' }).replace(
      '<characterType opt="any"/>',
      '<characterType opt="number"/>',
    ),
    userCaps: userCapsWith(base, { name: { '@min': 0, '@max': 32 }, maxRecordNum: 1500 }),
    // reconstructed, in the top-level shape some clients read; no setUp on this firmware
    faceCaps: { supportFDFunction: 'post,delete,put,get', FDRecordDataMaxNum: 1500 },
    maxUsers: 1500,
    maxFaces: 1500,
    nameMaxBytes: 32,
    employeeNoDigitsOnly: true,
    userTypes: ['normal'],
    remoteDoor: true,
    supportsFaces: true,
    faceUrlInSearch: false,
    recordStyle: 'k1a340',
    mislabelsXmlAsJson: false,
    notSupportHttpStatus: 403,
    faceCapsNeedFormatJson: false,
    httpHostsXml: fixtureText(`${K1A340}/httpHosts.GET.single-empty.xml`),
    persistsHostUrl: true,
    acceptsHostname: true,
    events: [],
    validityNeedsOffset: false,
    rejectsEventTimeRange: true,
    timeZone: 'CST-5:00:00',
    timeMode: 'manual',
    // reconstructed: no NTP endpoint appears in the V3.2.30 field notes; this model stands for firmware
    // without an NTP client
    ntp: 'none',
    // reconstructed: stands for firmware whose address is set only on its own screen
    network: 'none',
    doorParam: { ...DOOR_PARAM },
    cardReader: cardReader(false),
    eventTypes: null,
  }
}

function kv6124(): ModelProfile {
  const capture = fixtureJson<{ payload: Record<string, unknown> }>(
    `${KV6124}/UserInfo.capabilities.capture.json`,
  )
  const userCaps = JSON.parse(
    JSON.stringify(capture.payload).replace(/"REDACTED"/g, '"true,false"'),
  ) as Record<string, unknown>
  return {
    id: 'ds-kv6124-e1',
    label: 'DS-KV6124-E1 V3.9.0 (door station)',
    // reconstructed: no deviceInfo body was captured from this model
    deviceInfoXml: deviceInfoXml({
      deviceName: 'Door Station',
      deviceID: '255',
      model: 'DS-KV6124-E1',
      serialNumber: 'DS-KV6124-E120260115V030900ENXXXXXXXX',
      macAddress: '24:0f:9b:00:00:00',
      firmwareVersion: 'V3.9.0',
      firmwareReleasedDate: 'build 260115',
      deviceType: 'VIS',
      electroLockNum: '2',
    }),
    // reconstructed: a door station's lock and reader are configured under VideoIntercom, not AccessControl
    accessCapsXml: accessCapsWith({
      isSupportRemoteControlDoor: 'true',
      isSupportFDLib: 'false',
      isSupportDoorCfg: 'false',
      isSupportCardReaderCfg: 'false',
      isSupportFaceRecognizeMode: 'false',
    }),
    userCaps,
    faceCaps: faceCaps(2000, 'post,delete,put,get,setUp'),
    maxUsers: 2000,
    maxFaces: 2000,
    nameMaxBytes: 32,
    employeeNoDigitsOnly: false,
    userTypes: ['normal'],
    remoteDoor: true,
    supportsFaces: false,
    faceUrlInSearch: false,
    recordStyle: 'kv6124',
    mislabelsXmlAsJson: false,
    notSupportHttpStatus: 403,
    faceCapsNeedFormatJson: false,
    httpHostsXml: fixtureText(`${K1A340}/httpHosts.GET.single-empty.xml`),
    persistsHostUrl: true,
    acceptsHostname: true,
    events: [],
    validityNeedsOffset: true,
    rejectsEventTimeRange: false,
    timeZone: 'CST-5:00:00',
    timeMode: 'NTP',
    ntp: 'list',
    network: 'static-only',
    doorParam: null,
    cardReader: null,
    eventTypes: null,
  }
}

const BUILDERS: Record<ModelId, () => ModelProfile> = {
  'ds-k1t342mwx': k1t342,
  'ds-k1a340fwx': k1a340,
  'ds-k1t341am': k1t341am,
  'ds-kv6124-e1': kv6124,
}

export const MODEL_IDS = Object.keys(BUILDERS) as ModelId[]

export function loadProfile(id: ModelId): ModelProfile {
  const build = BUILDERS[id]
  if (!build) throw new Error(`unknown terminal model ${id}; known: ${MODEL_IDS.join(', ')}`)
  return build()
}
