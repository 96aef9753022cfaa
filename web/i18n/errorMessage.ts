import { isApiError } from '../api/errors'

type Translate = (key: string, named?: Record<string, unknown>) => string

/**
 * The words a person sees for a failed call: always from the language files, keyed by the stable code,
 * never the proxy's English `message` (that one is for logs and developers).
 */
export function errorMessage(t: Translate, error: unknown, te?: (key: string) => boolean): string {
  if (!isApiError(error)) return t('errors.internal')
  if (error.code === 'validation_failed' && error.field) {
    // `student.firstName` or `servers[0].server`: the field's own name, in words when the app knows it
    const name =
      error.field
        .split(/[.[\]]/)
        .filter((part) => part && !/^\d+$/.test(part))
        .at(-1) ?? ''
    const key = `errors.fields.${name}`
    const known = te ? te(key) : t(key) !== key
    return known ? t('errors.validation_failed_field', { field: t(key) }) : t('errors.validation_failed')
  }
  if (
    error.retryAfterSec !== undefined &&
    (error.code === 'device_locked' || error.code === 'rate_limited')
  ) {
    const minutes = Math.max(1, Math.ceil(error.retryAfterSec / 60))
    return t(`errors.${error.code}_wait`, { minutes })
  }
  const refusal = loginRefusal(error.code, error.details)
  if (refusal && (te ? te(refusal) : t(refusal) !== refusal)) return t(refusal)
  const twin = sameTerminal(error.details)
  if (error.code === 'conflict' && twin) return t('errors.conflict_same_terminal', { name: twin })
  if (error.code === 'device_rejected' && error.subStatusCode) {
    return t('errors.device_rejected_reason', { reason: error.subStatusCode })
  }
  return t(`errors.${error.code}`)
}

/** The school server refused a sign-in: wrong password, a role that may not register students, another school. */
function loginRefusal(code: string, details: unknown): string | null {
  if (code !== 'backend_rejected' || typeof details !== 'object' || details === null) return null
  const { reason } = details as { reason?: unknown }
  return typeof reason === 'string' && /^[a-z_]+$/.test(reason) ? `errors.backend_rejected_${reason}` : null
}

/** The name of the entry that already reaches this terminal, when a conflict is that (not a race). */
function sameTerminal(details: unknown): string | null {
  if (typeof details !== 'object' || details === null) return null
  const { reason, name } = details as { reason?: unknown; name?: unknown }
  return reason === 'same_terminal' && typeof name === 'string' && name ? name : null
}

/** The words for a stable error code kept in a record (an audit entry, a device's report); unknown codes read as "internal". */
export function errorCodeText(t: Translate, te: (key: string) => boolean, code: string): string {
  return te(`errors.${code}`) ? t(`errors.${code}`) : t('errors.internal')
}
