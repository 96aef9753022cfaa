import { z } from 'zod'
import { Direction } from './devices'

/**
 * `GET /api/webhooks`: where the school backend wants attendance posted, absolute and with the secrets
 * (read-only; the backend decides them). `source` says whether it came from the backend just now or from
 * the copy kept for when the internet is gone.
 */
export const WebhookUrls = z.object({
  in: z.string(),
  out: z.string(),
  source: z.enum(['backend', 'cache']),
  /** when the proxy last had these from the backend */
  fetchedAt: z.string(),
  secretHeaderName: z.string().optional(),
  enforceSecret: z.boolean().optional(),
})
export type WebhookUrls = z.infer<typeof WebhookUrls>

/** Why a device has no expected URL: it has no direction yet, or the proxy knows no backend URLs. */
export const WebhookGap = z.enum(['no_direction', 'no_backend'])
export type WebhookGap = z.infer<typeof WebhookGap>

/** `GET /api/devices/:id/webhook` and `POST /api/devices/:id/webhook/apply` */
export const DeviceWebhook = z.object({
  expected: z.string().nullable(),
  /** every listening address configured on the device (empty slots left out) */
  actual: z.array(z.string()),
  inSync: z.boolean(),
  direction: Direction.nullable().optional(),
  /** why `expected` is null */
  gap: WebhookGap.optional(),
  /** how many listening slots the device has */
  slots: z.number().optional(),
  /** the slot that holds (or would hold) the expected URL */
  slotId: z.string().nullable().optional(),
  /**
   * the address now in the slot a fix would write, when that slot is not empty (its query left out): the
   * person sees what stops receiving events before they agree to it
   */
  replaces: z.string().nullable().optional(),
})
export type DeviceWebhook = z.infer<typeof DeviceWebhook>

export const ResultError = z.object({ code: z.string(), message: z.string() })
export type ResultError = z.infer<typeof ResultError>

/** One line of `POST /api/webhooks/apply`; `deviceId` is the proxy's device id. */
export const WebhookApplyItem = z.object({
  deviceId: z.string(),
  name: z.string().optional(),
  inSync: z.boolean(),
  expected: z.string().nullable().optional(),
  actual: z.array(z.string()).optional(),
  error: ResultError.optional(),
})
export type WebhookApplyItem = z.infer<typeof WebhookApplyItem>

export const WebhookApplyAll = z.array(WebhookApplyItem)
export type WebhookApplyAll = z.infer<typeof WebhookApplyAll>
