import { z } from 'zod'
import { BackendRefusalReason } from './terminal-state'

/** One backend report waiting in the proxy's outbox (no payload, no photo). */
export const OutboxItem = z.object({
  id: z.string(),
  kind: z.string(),
  /** the student the report is about (its employeeNo); reports of one student go out in order */
  groupKey: z.string(),
  /** a short label a person can read, e.g. "Aliyev Vali (4820193746)" */
  summary: z.string(),
  state: z.enum(['pending', 'failed']),
  attempts: z.number(),
  nextAttemptAt: z.string(),
  lastAttemptAt: z.string().nullable(),
  /** the backend's own words for a failed report (often Uzbek), or why the last attempt did not go through */
  lastError: z.string().nullable(),
  lastErrorCode: z.string().nullable(),
  /** for a report the school server refused: why, as a stable code (the server's words are `lastError`) */
  refusalReason: BackendRefusalReason.optional(),
  createdAt: z.string(),
  /** the earlier report of the same student this one waits behind, when it is not next in line */
  waitingFor: z.string().nullable(),
})
export type OutboxItem = z.infer<typeof OutboxItem>

/** `GET /api/outbox` */
export const OutboxView = z.object({
  pending: z.array(OutboxItem),
  delivered: z.number(),
  /** refused by the backend for good; each waits for a person to fix the cause and retry it */
  failed: z.array(OutboxItem),
  /** lan-only: no backend is configured (SR_BACKEND_URL unset), reports wait and nothing is sent */
  mode: z.enum(['online', 'lan-only']),
})
export type OutboxView = z.infer<typeof OutboxView>

/** `POST /api/outbox/flush` */
export const OutboxFlushResult = z.object({ pending: z.number() })
export type OutboxFlushResult = z.infer<typeof OutboxFlushResult>
