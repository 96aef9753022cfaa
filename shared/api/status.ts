import { z } from 'zod'
import { Direction, DeviceStatus } from './devices'
import { DeviceWebhook } from './webhooks'

/** A clock further off than this gets a warning on the Check page. */
export const TIME_DRIFT_WARN_SEC = 30

/** The device clock as read, against the proxy's clock and the school's time zone. */
export const DeviceClock = z.object({
  /** as the device prints it, with its offset: `2026-11-25T14:16:08+05:00` */
  deviceTime: z.string(),
  /** the device's own zone string (POSIX style, sign inverted): `CST-5:00:00` is UTC+05:00 */
  timeZone: z.string(),
  timeMode: z.string(),
  /** UTC offset the device's zone means, in minutes; null when unreadable */
  utcOffsetMinutes: z.number().nullable(),
  /** the school's UTC offset now (SR_TIMEZONE), in minutes */
  expectedUtcOffsetMinutes: z.number(),
  /** device minus proxy, in whole seconds: positive = the device is ahead */
  driftSec: z.number(),
  zoneMatches: z.boolean(),
  /** drift beyond TIME_DRIFT_WARN_SEC, or a zone that is not the school's */
  warning: z.boolean(),
})
export type DeviceClock = z.infer<typeof DeviceClock>

/**
 * `GET /api/devices/:id/status` and each item of `GET /api/devices/status`: the contract's fields
 * (`online`, `deviceInfo`, `userCount`, `faceCount`, `timeDriftSec`, …) and the details behind them.
 */
export const DeviceStatusReport = DeviceStatus.extend({
  /** the proxy's device id */
  id: z.string(),
  name: z.string(),
  direction: Direction.nullable(),
  clock: DeviceClock.nullable(),
  webhook: DeviceWebhook.nullable(),
  /** the device was busy with other work (e.g. an enrolment): the figures are from `checkedAt` */
  busy: z.boolean().optional(),
  /** some figures are missing: the device answered but not everything in time */
  partial: z.boolean().optional(),
  /** how long the check took, in milliseconds */
  tookMs: z.number().optional(),
})
export type DeviceStatusReport = z.infer<typeof DeviceStatusReport>

export const DeviceStatusList = z.array(DeviceStatusReport)
export type DeviceStatusList = z.infer<typeof DeviceStatusList>

/**
 * What a clock sync did about NTP: `set` = the school's server (SR_NTP_SERVER) was written, read back and
 * the device follows it; `not_configured` = no school server is set (clock only); `not_supported` = the
 * model has no NTP client (clock only); `failed` = the clock was set but the NTP write was not kept (the
 * device's previous NTP settings were put back).
 */
export const TimeSyncNtp = z.discriminatedUnion('status', [
  z.object({ status: z.literal('set'), server: z.string(), timeMode: z.string() }),
  z.object({ status: z.literal('not_configured') }),
  z.object({ status: z.literal('not_supported') }),
  z.object({
    status: z.literal('failed'),
    server: z.string(),
    error: z.object({ code: z.string(), message: z.string() }),
  }),
])
export type TimeSyncNtp = z.infer<typeof TimeSyncNtp>

/** `POST /api/devices/:id/time/sync` */
export const TimeSyncResult = z.object({
  timeDriftSec: z.number(),
  clock: DeviceClock,
  /** the device had an NTP mode on: it was switched to manual so the clock set here stays */
  previousTimeMode: z.string().optional(),
  /** what was done about the device's NTP server */
  ntp: TimeSyncNtp.optional(),
})
export type TimeSyncResult = z.infer<typeof TimeSyncResult>

/** `GET /api/devices/status/stream`: one `status` event per device (a DeviceStatusReport), then `done`. */
export const STATUS_EVENT = 'status'
export const STATUS_DONE_EVENT = 'done'
