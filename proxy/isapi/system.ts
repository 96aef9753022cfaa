import { z } from 'zod'
import { AppError } from '../../shared/errors'
import type { CallOptions, Channel } from './channel'
import { deviceBadResponse } from './errors'
import { readDocument, readOk, validate, xmlText, type Parsed } from './parse'
import { int, str } from './schemas'
import { escapeXml } from './xml'
import { utcOffsetFromPosix } from '../../shared/device-zone'

const DEVICE_INFO = '/ISAPI/System/deviceInfo'
const TIME = '/ISAPI/System/time'
const ACCESS_CAPS = '/ISAPI/AccessControl/capabilities'
const USER_CAPS = '/ISAPI/AccessControl/UserInfo/capabilities?format=json'
const FACE_CAPS = '/ISAPI/Intelligent/FDLib/capabilities?format=json'

export interface DeviceInfoResult {
  deviceName?: string
  deviceId?: string
  model?: string
  serialNumber?: string
  macAddress?: string
  firmwareVersion?: string
  firmwareReleasedDate?: string
  deviceType?: string
  subDeviceType?: string
  /** `electroLockNum`: how many doors the terminal drives, when it says */
  doorCount?: number
}

const DeviceInfoDoc = z.object({
  deviceName: str.optional(),
  deviceID: str.optional(),
  model: str.optional(),
  serialNumber: str.optional(),
  macAddress: str.optional(),
  firmwareVersion: str.optional(),
  firmwareReleasedDate: str.optional(),
  deviceType: str.optional(),
  subDeviceType: str.optional(),
  electroLockNum: int.optional(),
})

/** `GET /ISAPI/System/deviceInfo`: XML on every captured terminal; a `{"DeviceInfo":{…}}` JSON is accepted too. */
export async function deviceInfo(ch: Channel, call?: CallOptions): Promise<DeviceInfoResult> {
  return ch.run('read', call, async (send) => {
    const parsed = readDocument(await send({ method: 'GET', path: DEVICE_INFO }), DEVICE_INFO)
    const node =
      parsed.kind === 'xml' && parsed.root === 'DeviceInfo'
        ? parsed.doc
        : parsed.kind === 'json'
          ? parsed.doc.DeviceInfo
          : undefined
    if (typeof node !== 'object' || node === null)
      throw deviceBadResponse(DEVICE_INFO, 'no DeviceInfo document')
    const doc = validate(node, DEVICE_INFO, DeviceInfoDoc)
    const { deviceID, electroLockNum, ...rest } = doc
    return {
      ...dropUndefined(rest),
      ...(deviceID !== undefined ? { deviceId: deviceID } : {}),
      ...(electroLockNum !== undefined ? { doorCount: electroLockNum } : {}),
    }
  })
}

export interface DeviceTime {
  timeMode: string
  /** as the device prints it, with its offset: `2026-07-13T19:14:08+03:00` */
  localTime: string
  /** POSIX style with the sign inverted: `CST-5:00:00` is UTC+05:00 */
  timeZone: string
  /** the device clock as epoch milliseconds, when `localTime` is readable */
  epochMs: number | null
  /** UTC offset in minutes read from `timeZone`, when readable */
  utcOffsetMinutes: number | null
}

const TimeDoc = z.object({ timeMode: str.optional(), localTime: str, timeZone: str.optional() })

export async function getTime(ch: Channel, call?: CallOptions): Promise<DeviceTime> {
  return ch.run('read', call, async (send) => {
    const parsed = readDocument(await send({ method: 'GET', path: TIME }), TIME)
    if (parsed.kind !== 'xml' || parsed.root !== 'Time') throw deviceBadResponse(TIME, 'expected XML <Time>')
    const doc = validate(parsed.doc, TIME, TimeDoc)
    const epoch = Date.parse(doc.localTime)
    const timeZone = doc.timeZone ?? ''
    return {
      timeMode: doc.timeMode ?? '',
      localTime: doc.localTime,
      timeZone,
      epochMs: Number.isNaN(epoch) ? null : epoch,
      utcOffsetMinutes: utcOffsetFromPosix(timeZone),
    }
  })
}

export interface SetTimeInput {
  /** manual: the device keeps this clock; NTP: it asks its configured NTP server */
  timeMode?: 'manual' | 'NTP'
  /** required for manual: local time with offset, e.g. `2026-01-01T08:00:00+05:00` */
  localTime?: string
  /** POSIX zone, e.g. `CST-5:00:00` (see posixTimeZone) */
  timeZone?: string
}

export async function setTime(ch: Channel, input: SetTimeInput, call?: CallOptions): Promise<void> {
  const mode = input.timeMode ?? 'manual'
  if (mode === 'manual' && !input.localTime) {
    throw new AppError('validation_failed', 'localTime is required to set the clock by hand', {
      field: 'localTime',
    })
  }
  const body =
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<Time version="2.0" xmlns="http://www.isapi.org/ver20/XMLSchema">' +
    `<timeMode>${escapeXml(mode)}</timeMode>` +
    (input.localTime ? `<localTime>${escapeXml(input.localTime)}</localTime>` : '') +
    (input.timeZone ? `<timeZone>${escapeXml(input.timeZone)}</timeZone>` : '') +
    '</Time>'
  return ch.run('write', call, async (send) => {
    readOk(
      await send({ method: 'PUT', path: TIME, body: Buffer.from(body), contentType: 'application/xml' }),
      TIME,
    )
  })
}

/** UTC offset in minutes → the device's zone string: +300 → `CST-5:00:00`, -240 → `CST+4:00:00`. */
export function posixTimeZone(utcOffsetMinutes: number): string {
  const sign = utcOffsetMinutes > 0 ? '-' : '+'
  const abs = Math.abs(utcOffsetMinutes)
  const hh = Math.floor(abs / 60)
  const mm = String(abs % 60).padStart(2, '0')
  return `CST${sign}${hh}:${mm}:00`
}

export { utcOffsetFromPosix }

/** `2026-01-01T08:00:00+05:00` for a moment and an offset, the way the device prints it. */
export function formatDeviceTime(epochMs: number, utcOffsetMinutes: number): string {
  const local = new Date(epochMs + utcOffsetMinutes * 60_000).toISOString().slice(0, 19)
  const sign = utcOffsetMinutes < 0 ? '-' : '+'
  const abs = Math.abs(utcOffsetMinutes)
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`
}

export interface AccessControlCaps {
  userInfo: boolean
  faceLib: boolean
  acsEvent: boolean
  remoteDoor: boolean
  employeeNoMaxLength: number
  /** the device restricts employeeNo characters (anything but `opt="any"`): use digits only */
  employeeNoDigitsOnly: boolean
}

export interface UserCaps {
  functions: string[]
  supportsSetUp: boolean
  /** `name @max`, treated as UTF-8 bytes */
  nameMaxBytes: number
  employeeNoMaxLength: number
  searchMaxResults: number
  deleteMaxIds: number
  maxRecords: number | null
  userTypes: string[]
  timeTypes: string[]
  timeRange: { begin: string; end: string } | null
}

export interface FaceCaps {
  functions: string[]
  supportsSetUp: boolean
  maxRecords: number | null
  nameMaxBytes: number | null
}

/** What this model can do, so later code adapts instead of guessing. `null` = the device does not say. */
export interface DeviceCapabilities {
  accessControl: AccessControlCaps | null
  users: UserCaps | null
  faces: FaceCaps | null
}

/** Used when a device does not report its name limit. */
export const DEFAULT_NAME_MAX_BYTES = 64

/** The name budget to cut to: the device's own limit, or a safe default. */
export function nameByteLimit(caps: DeviceCapabilities | null | undefined): number {
  return caps?.users?.nameMaxBytes ?? DEFAULT_NAME_MAX_BYTES
}

/** Three probes, each optional: a model that lacks one of them simply reports `null` for it. */
export async function capabilities(ch: Channel, call?: CallOptions): Promise<DeviceCapabilities> {
  const accessControl = await probe(ch, ACCESS_CAPS, call, (parsed) => {
    if (parsed.kind !== 'xml' || parsed.root !== 'AccessControl') return null
    return readAccessControl(parsed.doc)
  })
  const users = await probe(ch, USER_CAPS, call, (parsed) => {
    if (parsed.kind === 'empty') return null
    const node =
      parsed.kind === 'xml' ? (parsed.root === 'UserInfo' ? parsed.doc : undefined) : parsed.doc.UserInfo
    return typeof node === 'object' && node !== null ? readUserCaps(node as Record<string, unknown>) : null
  })
  const faces = await probe(ch, FACE_CAPS, call, (parsed) => {
    if (parsed.kind === 'empty') return null
    const inner = parsed.kind === 'xml' ? parsed.doc : (parsed.doc.FDLibCap ?? parsed.doc)
    return typeof inner === 'object' && inner !== null ? readFaceCaps(inner as Record<string, unknown>) : null
  })
  return { accessControl, users, faces }
}

/** Refusals that mean "this model has no such endpoint"; every other failure still throws. */
const ABSENT = new Set(['notsupport', 'invalidid', 'methodnotallowed', 'notfound', 'invalidoperation'])

async function probe<T>(
  ch: Channel,
  endpoint: string,
  call: CallOptions | undefined,
  read: (parsed: Parsed) => T | null,
): Promise<T | null> {
  try {
    return await ch.run('read', call, async (send) => {
      const answer = await send({ method: 'GET', path: endpoint })
      if (answer.status === 404 || answer.status === 405) return null
      return read(readDocument(answer, endpoint))
    })
  } catch (error) {
    if (error instanceof AppError && error.code === 'device_rejected') {
      if (ABSENT.has((error.extra.subStatusCode ?? '').toLowerCase())) return null
    }
    throw error
  }
}

const flag = (value: unknown) => xmlText(value)?.trim() === 'true'

function readAccessControl(doc: Record<string, unknown>): AccessControlCaps {
  const info = (doc.EmployeeNoInfo ?? {}) as Record<string, unknown>
  const employeeNo = (info.employeeNo ?? {}) as Record<string, unknown>
  const characterType = (info.characterType ?? {}) as Record<string, unknown>
  const opt = xmlText(characterType['@opt'])
  return {
    userInfo: flag(doc.isSupportUserInfo),
    faceLib: flag(doc.isSupportFDLib),
    acsEvent: flag(doc.isSupportAcsEvent),
    remoteDoor: flag(doc.isSupportRemoteControlDoor),
    employeeNoMaxLength: bound(employeeNo, '@max') ?? 32,
    employeeNoDigitsOnly: opt !== undefined && opt.trim() !== 'any',
  }
}

const Bound = z.object({ '@min': int.optional(), '@max': int.optional() }).partial()
const Opt = z.union([
  z.object({ '@opt': z.union([z.string(), z.array(z.union([z.string(), z.number(), z.boolean()]))]) }),
  z.string(),
])

const UserCapsDoc = z.object({
  supportFunction: Opt.optional(),
  name: Bound.optional(),
  employeeNo: Bound.optional(),
  maxRecordNum: int.optional(),
  userType: Opt.optional(),
  UserInfoSearchCond: z.object({ maxResults: Bound.optional() }).partial().optional(),
  UserInfoDelCond: z
    .object({ EmployeeNoList: z.object({ maxSize: int.optional() }).partial().optional() })
    .partial()
    .optional(),
  Valid: z
    .object({ timeType: Opt.optional(), timeRangeBegin: str.optional(), timeRangeEnd: str.optional() })
    .partial()
    .optional(),
})

function options(value: z.output<typeof Opt> | undefined): string[] {
  if (value === undefined) return []
  const raw = typeof value === 'string' ? value : value['@opt']
  const items = Array.isArray(raw) ? raw.map(String) : raw.split(',')
  return items.map((s) => s.trim()).filter(Boolean)
}

function readUserCaps(node: Record<string, unknown>): UserCaps {
  const doc = validate(node, USER_CAPS, UserCapsDoc)
  const functions = options(doc.supportFunction)
  const begin = doc.Valid?.timeRangeBegin
  const end = doc.Valid?.timeRangeEnd
  return {
    functions,
    supportsSetUp: functions.some((f) => f.toLowerCase() === 'setup'),
    nameMaxBytes: doc.name?.['@max'] ?? DEFAULT_NAME_MAX_BYTES,
    employeeNoMaxLength: doc.employeeNo?.['@max'] ?? 32,
    searchMaxResults: Math.min(30, doc.UserInfoSearchCond?.maxResults?.['@max'] ?? 30),
    deleteMaxIds: Math.min(30, doc.UserInfoDelCond?.EmployeeNoList?.maxSize ?? 30),
    maxRecords: doc.maxRecordNum ?? null,
    userTypes: options(doc.userType),
    timeTypes: options(doc.Valid?.timeType),
    timeRange: begin && end ? { begin, end } : null,
  }
}

function readFaceCaps(node: Record<string, unknown>): FaceCaps {
  const functions = options(
    typeof node.supportFDFunction === 'string' || typeof node.supportFDFunction === 'object'
      ? validate(node.supportFDFunction, FACE_CAPS, Opt)
      : undefined,
  )
  return {
    functions,
    supportsSetUp: functions.some((f) => f.toLowerCase() === 'setup'),
    maxRecords: numberOrBound(node.FDRecordDataMaxNum ?? node.maxFDRecordNum),
    nameMaxBytes: numberOrBound(node.FDNameMaxLen),
  }
}

function numberOrBound(value: unknown): number | null {
  if (value === undefined || value === null) return null
  if (typeof value === 'object') return bound(value as Record<string, unknown>, '@max') ?? null
  const parsed = int.safeParse(value)
  return parsed.success ? parsed.data : null
}

function bound(node: Record<string, unknown>, key: '@max' | '@min'): number | undefined {
  const parsed = int.safeParse(node[key])
  return parsed.success ? parsed.data : undefined
}

function dropUndefined<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>
}
