import { DeviceWebhook, WebhookUrls } from '../../shared/api/webhooks'
import type { ApiClient } from './client'
import { segment } from './query'

/** `GET /api/webhooks`: the addresses the terminals send their events to. */
export function webhookUrls(api: ApiClient): Promise<WebhookUrls> {
  return api.request('GET', '/api/webhooks', { schema: WebhookUrls })
}

/** `POST /api/devices/:id/webhook/apply`: points the terminal's events at this proxy. */
export function applyWebhook(api: ApiClient, deviceId: string): Promise<DeviceWebhook> {
  return api.request('POST', `/api/devices/${segment(deviceId)}/webhook/apply`, { schema: DeviceWebhook })
}
