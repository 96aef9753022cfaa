import { deviceErrorMessage, type MessageLang } from '../../shared/api/isapi-messages'
import { isApiError } from '../api/errors'

type Translate = (key: string, named?: Record<string, unknown>) => string

/** What the words come from: `useI18n()` or an i18n instance's `global` both fit. */
export interface ErrorWords {
  t: Translate
  te: (key: string) => boolean
  locale: { value: string }
}

/** A refusal as a failed call, a draft or a device's outcome keeps it: the stable code and what came with it. */
export interface Reason {
  code: string
  field?: string | undefined
  retryAfterSec?: number | undefined
  subStatusCode?: string | undefined
  details?: unknown
}

/**
 * The words a person sees for a failed call: always from the language files, keyed by the stable code,
 * never the proxy's English `message` (that one is for logs and developers).
 */
export function errorMessage(words: ErrorWords, error: unknown): string {
  return isApiError(error) ? reasonText(words, error) : words.t('errors.internal')
}

/** The words for a stable error code kept in a record (an audit entry, a device's report). */
export function errorCodeText(words: ErrorWords, code: string): string {
  return reasonText(words, { code })
}

/**
 * The one mapping from a stable error code (and what came with it) to words, so every screen says the same
 * for the same refusal: a device's own refusal in the shared device messages by its sub-status, an unknown
 * code as "internal", never a raw key.
 */
export function reasonText(words: ErrorWords, reason: Reason): string {
  const { t, te } = words
  const { code } = reason
  if (code === 'validation_failed' && reason.field) return fieldText(words, reason.field)
  if (code === 'duplicate' && reason.field?.endsWith('employeeNo') && te('progress.alreadyEnrolled'))
    return t('progress.alreadyEnrolled')
  if (reason.retryAfterSec !== undefined && (code === 'device_locked' || code === 'rate_limited')) {
    const minutes = Math.max(1, Math.ceil(reason.retryAfterSec / 60))
    return t(`errors.${code}_wait`, { minutes })
  }
  const refusal = loginRefusal(code, reason.details)
  if (refusal && te(refusal)) return t(refusal)
  const twin = sameTerminal(reason.details)
  if (code === 'conflict' && twin) return t('errors.conflict_same_terminal', { name: twin })
  if (code === 'device_rejected' && reason.subStatusCode) {
    return deviceErrorMessage(reason.subStatusCode)[lang(words.locale.value)]
  }
  return te(`errors.${code}`) ? t(`errors.${code}`) : t('errors.internal')
}

/** `student.firstName` or `servers[0].server`: the field's own name, in words when the app knows it. */
function fieldText({ t, te }: ErrorWords, field: string): string {
  const name =
    field
      .split(/[.[\]]/)
      .filter((part) => part && !/^\d+$/.test(part))
      .at(-1) ?? ''
  const key = `errors.fields.${name}`
  return te(key) ? t('errors.validation_failed_field', { field: t(key) }) : t('errors.validation_failed')
}

function lang(locale: string): MessageLang {
  return locale === 'ru' || locale === 'en' ? locale : 'uz'
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
