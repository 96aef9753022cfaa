import { BACKEND_REFUSAL_REASONS, type BackendRefusalReason } from '../../shared/api'

/** A refusal as the result card, the Queue and the sheet receive it from the proxy. */
export interface SchoolRefusal {
  reason?: string
  /** the server's own words (often Uzbek) */
  message: string
  /** the refused outbox report, to send again once the cause is fixed */
  reportId?: string
}

/** The reason to explain; one the app does not know yet reads as `other`. */
export function refusalKey(refusal: SchoolRefusal): BackendRefusalReason {
  return (BACKEND_REFUSAL_REASONS as readonly string[]).includes(refusal.reason ?? '')
    ? (refusal.reason as BackendRefusalReason)
    : 'other'
}
