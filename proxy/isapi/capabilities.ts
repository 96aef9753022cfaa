import { AppError } from '../../shared/errors'
import type { CallOptions, Channel } from './channel'
import { readDocument, xmlText, type Parsed, type XmlNode } from './parse'

const SYSTEM_CAPS = '/ISAPI/System/capabilities'
const TIME_CAPS = '/ISAPI/System/time/capabilities'

/** Refusals that mean "this model has no such endpoint"; every other failure still throws. */
const ABSENT = new Set(['notsupport', 'invalidid', 'methodnotallowed', 'notfound', 'invalidoperation'])

/** True for a device refusal that only says the endpoint does not exist on this model. */
export function isAbsent(error: unknown): boolean {
  if (!(error instanceof AppError)) return false
  if (error.code === 'device_rejected') return ABSENT.has((error.extra.subStatusCode ?? '').toLowerCase())
  const status = (error.extra.details as { httpStatus?: number } | undefined)?.httpStatus
  return error.code === 'device_bad_response' && (status === 404 || status === 405)
}

/**
 * One GET whose endpoint some models lack: their answer (404, 405, or a `notSupport`/`invalidID` status,
 * whatever HTTP status carries it) becomes `null`, so callers can say "not on this model" instead of failing.
 */
export async function readOptional<T>(
  ch: Channel,
  path: string,
  call: CallOptions | undefined,
  read: (parsed: Parsed) => T,
): Promise<T | null> {
  try {
    return await ch.run('read', call, async (send) => {
      const answer = await send({ method: 'GET', path })
      if (answer.status === 404 || answer.status === 405) return null
      return read(readDocument(answer, path))
    })
  } catch (error) {
    if (isAbsent(error)) return null
    throw error
  }
}

/** `DeviceCap` flags the settings page needs. `null` = the device does not say. */
export interface SystemCapabilities {
  ntp: boolean | null
  /** `isSupportTimeCap`: the device has `System/time/capabilities` */
  timeCaps: boolean | null
  deviceInfo: boolean | null
  /** `isSupportAccessControlCap` */
  accessControl: boolean | null
}

const flag = (value: unknown): boolean | null => {
  const text = xmlText(value)?.trim().toLowerCase()
  return text === 'true' ? true : text === 'false' ? false : null
}

const child = (node: XmlNode | undefined, name: string): XmlNode | undefined => {
  const value = node?.[name]
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as XmlNode) : undefined
}

/**
 * `GET /ISAPI/System/capabilities` (XML `<DeviceCap>`). No fixture was captured; the shape follows the
 * DS-K1A340FWX observation write-up ("System Capabilities": `SysCap/NetworkCap/isSupportNtp`,
 * `SysCap/isSupportTimeCap`). Some firmware 404s it entirely, which is `null`, not an error.
 */
export async function systemCapabilities(
  ch: Channel,
  call?: CallOptions,
): Promise<SystemCapabilities | null> {
  return readOptional(ch, SYSTEM_CAPS, call, (parsed) => {
    if (parsed.kind !== 'xml' || parsed.root !== 'DeviceCap') return null
    const sys = child(parsed.doc, 'SysCap')
    const network = child(sys, 'NetworkCap')
    // firmware spells it isSupportNtp or isSupportNTP
    const ntp = flag(network?.isSupportNtp ?? network?.isSupportNTP)
    return {
      ntp,
      timeCaps: flag(sys?.isSupportTimeCap),
      deviceInfo: flag(parsed.doc.isSupportDeviceInfo),
      accessControl: flag(parsed.doc.isSupportAccessControlCap),
    }
  })
}

/** `GET /ISAPI/System/time/capabilities` (fixture `System.time.capabilities.xml`). */
export interface TimeCapabilities {
  /** `timeMode opt="NTP,manual"` → ['NTP', 'manual'] */
  timeModes: string[]
}

export async function timeCapabilities(ch: Channel, call?: CallOptions): Promise<TimeCapabilities | null> {
  return readOptional(ch, TIME_CAPS, call, (parsed) => {
    if (parsed.kind !== 'xml' || parsed.root !== 'Time') return null
    const opt = xmlText(child(parsed.doc, 'timeMode')?.['@opt']) ?? ''
    return {
      timeModes: opt
        .split(',')
        .map((mode) => mode.trim())
        .filter(Boolean),
    }
  })
}

const ACCESS_CAPS = '/ISAPI/AccessControl/capabilities'

/** Every `isSupport…` flag under a capability document, by name (`isSupportDoorCfg` → true). */
function collectFlags(node: unknown, into: Record<string, boolean>): void {
  if (typeof node !== 'object' || node === null) return
  for (const [name, value] of Object.entries(node as XmlNode)) {
    if (name.startsWith('isSupport')) {
      const set = flag(value)
      if (set !== null && !(name in into)) into[name] = set
    } else if (!name.startsWith('@')) {
      collectFlags(value, into)
    }
  }
}

/**
 * The `isSupport…` flags of `System/capabilities` and `AccessControl/capabilities` together: what this model
 * says it has. A model that answers neither says nothing (an empty map), which callers read as "unknown".
 */
export async function capabilityFlags(ch: Channel, call?: CallOptions): Promise<Record<string, boolean>> {
  const flags: Record<string, boolean> = {}
  for (const path of [SYSTEM_CAPS, ACCESS_CAPS]) {
    const doc = await readOptional(ch, path, call, (parsed) => (parsed.kind === 'xml' ? parsed.doc : null))
    collectFlags(doc, flags)
  }
  return flags
}
