/** The reasons the proxy names for a school-server refusal; anything else reads as `other`. */
export const REFUSAL_KEYS = [
  'duplicate_in_class',
  'class_not_found',
  'device_student_id_taken',
  'invalid',
  'not_found',
  'forbidden',
  'other',
] as const
export type RefusalKey = (typeof REFUSAL_KEYS)[number]

/** A refusal as the result card, the Queue and the sheet receive it from the proxy. */
export interface SchoolRefusal {
  reason?: string
  /** the server's own words (often Uzbek) */
  message: string
  /** the refused outbox report, to send again once the cause is fixed */
  reportId?: string
}

export function refusalKey(refusal: SchoolRefusal): RefusalKey {
  return (REFUSAL_KEYS as readonly string[]).includes(refusal.reason ?? '')
    ? (refusal.reason as RefusalKey)
    : 'other'
}
