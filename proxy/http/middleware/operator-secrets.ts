import type { MiddlewareHandler } from 'hono'
import { hideWebhookSecrets } from '../../../shared/webhook-secret'
import type { AppEnv } from '../context'

/**
 * Only an admin sees the school server's webhook secret. It rides in the webhook URLs that several answers
 * carry (the URL directory, each device's listening slots, status reports, the settings page), so it is
 * taken out of every JSON answer to anyone else on the way out, rather than by each route, where a new
 * one could forget. Operators still apply webhooks: the proxy writes the URL it has, never one it is sent.
 */
export function hideSecretsFromOperators(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next()
    if (c.get('caller')?.role === 'admin') return
    if (!c.res.headers.get('content-type')?.startsWith('application/json')) return
    const text = await c.res.clone().text()
    const hidden = hideWebhookSecrets(text)
    if (hidden === text) return
    const headers = new Headers(c.res.headers)
    headers.delete('content-length')
    c.res = new Response(hidden, { status: c.res.status, headers })
  }
}
