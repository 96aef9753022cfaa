import { z } from 'zod'
import { Direction } from './devices'
import { WebhookApplyItem } from './webhooks'

/** An event the school server refused for good, with its reason. */
export const RelayRefused = z.object({
  serialNo: z.number(),
  eventTime: z.string(),
  employeeNo: z.string().nullable(),
  code: z.string().nullable(),
  reason: z.string().nullable(),
})
export type RelayRefused = z.infer<typeof RelayRefused>

/** One terminal in `GET /api/events/relay`. */
export const RelayTerminal = z.object({
  deviceId: z.string(),
  name: z.string(),
  direction: Direction.nullable(),
  /** when the terminal last posted anything (an event or a heartbeat) */
  lastSeenAt: z.string().nullable(),
  /** the time of its newest event, as the terminal wrote it */
  lastEventAt: z.string().nullable(),
  waiting: z.number(),
  /** the time of its oldest event still waiting */
  oldestWaiting: z.string().nullable(),
  delivered: z.number(),
  refused: z.array(RelayRefused),
  refusedCount: z.number(),
  /** its log is not known to be complete and the others no longer wait for it */
  behind: z.boolean(),
  lastSearchedAt: z.string().nullable(),
  searchError: z.string().nullable(),
})
export type RelayTerminal = z.infer<typeof RelayTerminal>

export const RelayMode = z.enum(['direct', 'relay'])
export type RelayMode = z.infer<typeof RelayMode>

/** `GET /api/events/relay`: the relay at a glance. */
export const RelayView = z.object({
  mode: RelayMode,
  /** where terminals post in relay mode */
  address: z.string(),
  waiting: z.number(),
  /** the school server is not taking events until then */
  holdUntil: z.string().nullable(),
  lastError: z.object({ code: z.string(), message: z.string() }).nullable(),
  terminals: z.array(RelayTerminal),
  /** events per hour today (school time), index 0 = 00:00–01:00 */
  perHour: z.array(z.number()).length(24),
})
export type RelayView = z.infer<typeof RelayView>

/** `PUT /api/events/relay/mode` */
export const RelayModeBody = z.object({ mode: RelayMode })
export type RelayModeBody = z.infer<typeof RelayModeBody>

/** Its answer: the mode now, and each device's webhook written for it. */
export const RelayModeResult = z.object({ mode: RelayMode, devices: z.array(WebhookApplyItem) })
export type RelayModeResult = z.infer<typeof RelayModeResult>

/** `POST /api/events/relay/search`: each terminal's log read for what push missed. */
export const RelaySearchResult = z.array(
  z.object({ deviceId: z.string(), found: z.number(), pages: z.number(), error: z.string().optional() }),
)
export type RelaySearchResult = z.infer<typeof RelaySearchResult>
