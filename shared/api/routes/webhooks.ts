import { DeviceWebhook, WebhookApplyAll, WebhookUrls } from '../webhooks'
import type { RouteDeclaration } from './route'

export const listWebhookUrls = {
  method: 'GET',
  path: '/api/webhooks',
  access: 'token',
  what: "the school server's webhook URLs (read-only)",
  status: 200,
  answer: WebhookUrls,
} as const satisfies RouteDeclaration

export const applyAllWebhooks = {
  method: 'POST',
  path: '/api/webhooks/apply',
  access: 'token',
  what: 'write the expected webhook URL into every device and read it back',
  status: 200,
  answer: WebhookApplyAll,
  audit: 'webhooks.apply-all',
} as const satisfies RouteDeclaration

export const readDeviceWebhook = {
  method: 'GET',
  path: '/api/devices/:id/webhook',
  access: 'token',
  what: 'what the device posts events to, against what it should (`?refresh=1` asks the school server again, past the 60 s copy)',
  status: 200,
  answer: DeviceWebhook,
} as const satisfies RouteDeclaration

export const applyDeviceWebhook = {
  method: 'POST',
  path: '/api/devices/:id/webhook/apply',
  access: 'token',
  what: 'write the expected URL into the device (httpHosts) and read it back',
  status: 200,
  answer: DeviceWebhook,
  audit: 'device.webhook.apply',
} as const satisfies RouteDeclaration

/** The webhooks routes, in the order the API doc lists them. */
export const webhooksGroup = [
  listWebhookUrls,
  applyAllWebhooks,
  readDeviceWebhook,
  applyDeviceWebhook,
] as const
