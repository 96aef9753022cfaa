import { TIME_DRIFT_WARN_SEC, type DeviceClock, type TimeSyncResult } from '../../../shared/api/status'
import { AppError } from '../../../shared/errors'
import {
  formatDeviceTime,
  posixTimeZone,
  type CallOptions,
  type DeviceTime,
  type IsapiClient,
} from '../../isapi'
import { utcOffsetMinutesAt } from './school-zone'

/** What a clock is compared with: the proxy's clock and the school's zone (SR_TIMEZONE). */
export interface ClockReference {
  timeZone: string
  now: () => number
}

type ClockClient = Pick<IsapiClient, 'getTime' | 'setTime'>

/**
 * Reads the device clock and compares it with the proxy's. The device's reading is taken to belong to the
 * middle of the round trip, and devices print whole seconds (cut, not rounded), so half a second is added
 * back before the difference is rounded.
 */
export async function readDeviceClock(
  client: Pick<IsapiClient, 'getTime'>,
  ref: ClockReference,
  call?: CallOptions,
): Promise<DeviceClock> {
  const sentAt = ref.now()
  const time = await client.getTime(call)
  const midpoint = (sentAt + ref.now()) / 2
  return compareClock(time, midpoint, ref.timeZone)
}

export function compareClock(time: DeviceTime, proxyNowMs: number, schoolZone: string): DeviceClock {
  if (time.epochMs === null) {
    throw new AppError(
      'device_bad_response',
      `The device's clock reads "${time.localTime}", which is not a time`,
    )
  }
  const driftSec = Math.round((time.epochMs + 500 - proxyNowMs) / 1000)
  const expected = utcOffsetMinutesAt(schoolZone, proxyNowMs)
  const deviceOffset = time.utcOffsetMinutes ?? offsetOfLocalTime(time.localTime)
  const zoneMatches = deviceOffset === expected
  return {
    deviceTime: time.localTime,
    timeZone: time.timeZone,
    timeMode: time.timeMode,
    utcOffsetMinutes: deviceOffset,
    expectedUtcOffsetMinutes: expected,
    driftSec,
    zoneMatches,
    warning: Math.abs(driftSec) > TIME_DRIFT_WARN_SEC || !zoneMatches,
  }
}

/** `…+05:00` → 300; the zone string wins when both are readable, this is for devices that send no zone. */
function offsetOfLocalTime(localTime: string): number | null {
  const match = /([+-])(\d{2}):?(\d{2})$/.exec(localTime.trim())
  if (!match) return /Z$/i.test(localTime.trim()) ? 0 : null
  const minutes = Number(match[2]) * 60 + Number(match[3])
  return match[1] === '-' ? -minutes : minutes
}

/**
 * Sets the device clock to the proxy's, in the school's zone, then reads it back. The device is put in
 * manual mode: a device left on NTP without a reachable server (a school LAN without internet) keeps
 * drifting or jumps back to its own idea of the time. A device that still disagrees after the write by more
 * than the warning threshold did not take the setting, and that is an error, not a success.
 */
export async function syncDeviceClock(
  client: ClockClient,
  ref: ClockReference,
  call?: CallOptions,
): Promise<TimeSyncResult> {
  const before = await client.getTime(call)
  const now = ref.now()
  const offset = utcOffsetMinutesAt(ref.timeZone, now)
  await client.setTime(
    { timeMode: 'manual', localTime: formatDeviceTime(now, offset), timeZone: posixTimeZone(offset) },
    call,
  )
  const clock = await readDeviceClock(client, ref, call)
  if (Math.abs(clock.driftSec) > TIME_DRIFT_WARN_SEC || !clock.zoneMatches) {
    throw new AppError(
      'device_rejected',
      `The device accepted the new time but still reads ${clock.deviceTime} (${clock.driftSec} s off)`,
      { details: { clock } },
    )
  }
  return {
    timeDriftSec: clock.driftSec,
    clock,
    ...(before.timeMode && before.timeMode !== 'manual' ? { previousTimeMode: before.timeMode } : {}),
  }
}
