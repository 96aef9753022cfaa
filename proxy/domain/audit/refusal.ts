/**
 * Error codes that mean the proxy turned the request down before anything was attempted: the caller's
 * role, its input, a target that is not there, or a state that forbids it. Such an entry is `refused`:
 * repeating it cannot succeed by chance, so it is never offered for a retry. Every other failure (a device
 * or the school server failing an allowed action, an internal error) is `failed`.
 */
const REFUSAL_CODES: ReadonlySet<string> = new Set([
  'unauthorized',
  'forbidden',
  'validation_failed',
  'not_found',
  'payload_too_large',
  'rate_limited',
  'host_not_allowed',
  'image_invalid',
  'credentials_expired',
  'duplicate',
  'conflict',
  'capacity_exceeded',
])

export function isRefusal(code: string | undefined): boolean {
  return code !== undefined && REFUSAL_CODES.has(code)
}
