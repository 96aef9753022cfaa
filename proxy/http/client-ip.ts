import { getConnInfo } from '@hono/node-server/conninfo'
import type { Context } from 'hono'

/**
 * The peer's address from the socket. X-Forwarded-For is ignored on purpose: the proxy is reached
 * directly on the LAN, and a header would let a guesser pick a fresh "address" for every try.
 */
export function clientIp(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown'
  } catch {
    // app.request() in tests has no socket
    return 'unknown'
  }
}
