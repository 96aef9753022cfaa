import type { ModelProfile } from './profiles'
import { SAMPLE_FACE_JPEG } from './sample-face'

export interface SimValidity {
  enable: boolean
  beginTime: string
  endTime: string
  timeType: string
}

export interface SimUser {
  employeeNo: string
  name: string
  userType: string
  gender: string
  valid: SimValidity
  doorRight: string
  rightPlan: Array<{ doorNo: number; planTemplateNo: string }>
  localUIRight: boolean
  userVerifyMode?: string
}

export interface SimFace {
  fpid: string
  jpeg: Buffer
  /** the enrolment picture number behind its URL (`/LOCALS/pic/enrlFace/0/000000000N.jpg@WEB…`) */
  pictureNo: number
}

/** `SubscribeEvent` of a listening slot: which notifications it posts. */
export interface SimSubscription {
  heartbeat: number
  eventMode: 'all' | 'list'
  types: string[]
}

export interface SimHttpHost {
  id: string
  subscribeEvent?: SimSubscription
  url: string
  protocolType: string
  parameterFormatType: string
  addressingFormatType: string
  ipAddress: string
  hostName?: string
  portNo: number
  httpAuthenticationMethod: string
  userName?: string
}

/** One NTP slot (`/ISAPI/System/time/ntpServers`). */
export interface SimNtpServer {
  id: string
  addressingFormatType: string
  hostName: string
  ipAddress: string
  portNo: number
  synchronizeInterval: number
}

/** A remote door command the device carried out (nothing can be read back on a real one). */
export interface SimDoorCommand {
  doorId: number
  cmd: string
  at: number
}

/** Everything the terminal remembers; tests read and change it directly. */
export interface TerminalState {
  /** in insertion order, as devices list them */
  users: Map<string, SimUser>
  faces: Map<string, SimFace>
  events: Array<Record<string, unknown>>
  httpHosts: SimHttpHost[]
  clock: { offsetMs: number; timeZone: string; timeMode: string }
  nextPictureNo: number
  /** empty on a model without NTP */
  ntpServers: SimNtpServer[]
  doorCommands: SimDoorCommand[]
  /** port 1's IPv4 settings; a static address other than the one listened on moves the terminal there */
  network: SimNetwork
  /** `Door/param/1` members in the device's order; null on a model without it */
  doorParam: Record<string, string> | null
  /** `CardReaderCfg/1` (JSON); null on a model without a card-reader/face configuration */
  cardReader: Record<string, unknown> | null
  /** `FaceRecognizeMode` (JSON) */
  faceRecognizeMode: Record<string, unknown> | null
}

export interface SimNetwork {
  addressingType: 'static' | 'dynamic'
  ipAddress: string
  subnetMask: string
  gateway: string
  dns: string[]
}

export interface SeedUser {
  employeeNo: string
  name: string
  withFace?: boolean
}

const DEMO_NAMES = [
  'Aziza Karimova',
  'Bekzod Rahimov',
  'Dilnoza Tursunova',
  'Jasur Aliyev',
  'Madina Yusupova',
  'Otabek Qodirov',
  'Shahnoza Ergasheva',
  'Sardor Nazarov',
  'Gulnora Saidova',
  'Oʻtkir Hamidov',
]

export function demoUsers(count: number): SeedUser[] {
  return Array.from({ length: count }, (_, i) => ({
    employeeNo: String(1001 + i),
    name: DEMO_NAMES[i % DEMO_NAMES.length] ?? `Oʻquvchi ${i + 1}`,
    withFace: i % 3 !== 2,
  }))
}

export function newUser(employeeNo: string, name: string): SimUser {
  return {
    employeeNo,
    name,
    userType: 'normal',
    gender: 'unknown',
    valid: {
      enable: true,
      beginTime: '2020-01-01T00:00:00',
      endTime: '2037-12-31T23:59:59',
      timeType: 'local',
    },
    doorRight: '1',
    rightPlan: [{ doorNo: 1, planTemplateNo: '1' }],
    localUIRight: false,
  }
}

/** reconstructed: the factory NTP slot of Hikvision firmware (host name, port 123, daily) */
const DEFAULT_NTP_SERVER: SimNtpServer = {
  id: '1',
  addressingFormatType: 'hostname',
  hostName: 'time.windows.com',
  ipAddress: '0.0.0.0',
  portNo: 123,
  synchronizeInterval: 1440,
}

export function initialState(
  profile: ModelProfile,
  seed: SeedUser[],
  hosts: SimHttpHost[],
  listenHost = '127.0.0.1',
): TerminalState {
  const state: TerminalState = {
    users: new Map(),
    faces: new Map(),
    events: profile.events.map((event) => ({ ...event })),
    httpHosts: hosts,
    clock: { offsetMs: 0, timeZone: profile.timeZone, timeMode: profile.timeMode },
    nextPictureNo: 1,
    ntpServers: profile.ntp === 'none' ? [] : [{ ...DEFAULT_NTP_SERVER }],
    doorCommands: [],
    // the loopback address it listens on stands for its LAN address; a /8 like the loopback network itself
    network: {
      addressingType: 'static',
      ipAddress: listenHost,
      subnetMask: '255.0.0.0',
      gateway: '127.0.0.254',
      dns: ['127.0.0.53'],
    },
    doorParam: profile.doorParam ? { ...profile.doorParam } : null,
    cardReader: profile.cardReader ? structuredClone(profile.cardReader.value) : null,
    faceRecognizeMode: profile.cardReader ? { mode: 'normalMode' } : null,
  }
  for (const user of seed) {
    state.users.set(user.employeeNo, newUser(user.employeeNo, user.name))
    if (user.withFace) storeFace(state, user.employeeNo, SAMPLE_FACE_JPEG)
  }
  return state
}

export function storeFace(state: TerminalState, fpid: string, jpeg: Buffer): SimFace {
  const existing = state.faces.get(fpid)
  const face = { fpid, jpeg, pictureNo: existing?.pictureNo ?? state.nextPictureNo++ }
  state.faces.set(fpid, face)
  return face
}

export function facePicturePath(face: SimFace): string {
  const no = String(face.pictureNo).padStart(10, '0')
  return `/LOCALS/pic/enrlFace/0/${no}.jpg@WEB${String(face.pictureNo + 14).padStart(12, '0')}`
}

/** The device clock: real time plus whatever offset a PUT System/time set. */
export function deviceNow(state: TerminalState, now: number): number {
  return now + state.clock.offsetMs
}

/** `CST-5:00:00` → +300 minutes (the sign is inverted, POSIX style). */
export function zoneOffsetMinutes(zone: string): number {
  const match = /^[A-Za-z]{3,}([+-])(\d{1,2})(?::(\d{2}))?/.exec(zone)
  if (!match) return 0
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0)
  return match[1] === '-' ? minutes : -minutes
}

/** `2026-07-13T19:14:08+03:00` */
export function formatLocal(epochMs: number, offsetMinutes: number): string {
  const local = new Date(epochMs + offsetMinutes * 60_000).toISOString().slice(0, 19)
  const abs = Math.abs(offsetMinutes)
  const sign = offsetMinutes < 0 ? '-' : '+'
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`
}
