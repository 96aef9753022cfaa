import { z } from 'zod'

/**
 * `refused`: turned down before anything was attempted (role, validation, a missing target): nothing to
 * retry. `failed`: an allowed action a device or the school server did not carry out.
 */
export const AuditResult = z.enum(['ok', 'failed', 'refused'])
export type AuditResult = z.infer<typeof AuditResult>

/** What a change was done to: its kind, its id and a name a person recognises. */
export const AuditTarget = z.object({
  type: z.string(),
  id: z.string().nullable(),
  label: z.string().nullable(),
})
export type AuditTarget = z.infer<typeof AuditTarget>

/**
 * One change made through the proxy: who (the paired screen's name and role), when, what, to what, and how
 * it ended. `before`/`after` are snapshots cut down to fields known to hold no secret.
 */
export const AuditEntry = z.object({
  id: z.number(),
  at: z.string(),
  actor: z.object({
    name: z.string(),
    role: z.string(),
    tokenId: z.string().nullable(),
    /** the name is the caller's own words (a screen named itself while pairing), shown as such */
    claimed: z.boolean().optional(),
    /** the school-server account (e-mail) the screen acted as, when it signed in with its own */
    schoolAccount: z.string().optional(),
  }),
  /** e.g. `device.create`, `registration.delete`, `device.time.sync` */
  action: z.string(),
  /** the route it came through, e.g. `PATCH /api/devices/:id`; null for changes that end later (jobs) */
  route: z.string().nullable(),
  target: AuditTarget.nullable(),
  result: AuditResult,
  /** the HTTP status the caller got, when it came through the API */
  status: z.number().nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  /** the entry this one retried */
  retryOf: z.number().nullable(),
  /** a failed entry that `POST /api/audit/:id/retry` may repeat (and no retry of it has succeeded yet) */
  retryable: z.boolean(),
})
export type AuditEntry = z.infer<typeof AuditEntry>

const isoDate = z
  .string()
  .trim()
  .refine((value) => !Number.isNaN(Date.parse(value)), 'must be a date such as 2026-05-01 or an ISO time')

/** `GET /api/audit` and `GET /api/audit/export.csv`: every filter optional; `to` of a bare date is that whole day. */
export const AuditQuery = z.object({
  from: isoDate.optional(),
  to: isoDate.optional(),
  actor: z.string().trim().max(80).optional(),
  action: z.string().trim().max(80).optional(),
  result: AuditResult.optional(),
  /** words found in the target, the actor, the action, the error or the snapshots (e.g. a student number) */
  q: z.string().trim().max(100).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  limit: z.coerce.number().int().min(1).max(200).default(50),
})
export type AuditQuery = z.infer<typeof AuditQuery>

export const AuditPage = z.object({
  data: z.array(AuditEntry),
  total: z.number(),
  page: z.number(),
  limit: z.number(),
  /** the actions and actor names present in the trail, for the filter lists */
  facets: z.object({ actions: z.array(z.string()), actors: z.array(z.string()) }),
})
export type AuditPage = z.infer<typeof AuditPage>

/**
 * `POST /api/audit/:id/retry` body: the action and target the person confirmed in the app. The proxy
 * repeats the entry only when they are the entry's own.
 */
export const AuditRetryRequest = z.object({
  confirm: z.object({
    action: z.string().max(100),
    targetId: z.string().max(300).nullable(),
  }),
})
export type AuditRetryRequest = z.infer<typeof AuditRetryRequest>

/** `POST /api/audit/:id/retry`: the original entry's id and what the repeated action answered. */
export const AuditRetryResult = z.object({
  retryOf: z.number(),
  action: z.string(),
  result: z.unknown(),
})
export type AuditRetryResult = z.infer<typeof AuditRetryResult>

/** `GET /api/provisioning-logs`: the filters handed to the school server as they are. */
export const ServerLogQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  q: z.string().trim().max(100).optional(),
  level: z.string().trim().max(20).optional(),
  status: z.string().trim().max(40).optional(),
  studentId: z.string().trim().max(64).optional(),
  deviceId: z.string().trim().max(64).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
})
export type ServerLogQuery = z.infer<typeof ServerLogQuery>

export const ServerLog = z.object({
  id: z.string(),
  createdAt: z.string(),
  level: z.string(),
  eventType: z.string(),
  stage: z.string().nullable(),
  status: z.string().nullable(),
  message: z.string().nullable(),
  studentName: z.string().nullable(),
  deviceStudentId: z.string().nullable(),
  deviceName: z.string().nullable(),
})
export type ServerLog = z.infer<typeof ServerLog>

/**
 * The school server's provisioning logs, or why there are none to show: `not_configured` (LAN-only mode),
 * `unreachable` (down, slow, busy), `rejected` (the server refused, e.g. an account that may not read logs).
 */
export const ServerLogPage = z.discriminatedUnion('available', [
  z.object({
    available: z.literal(true),
    data: z.array(ServerLog),
    total: z.number(),
    page: z.number(),
    limit: z.number(),
  }),
  z.object({
    available: z.literal(false),
    reason: z.enum(['not_configured', 'unreachable', 'rejected']),
    message: z.string(),
  }),
])
export type ServerLogPage = z.infer<typeof ServerLogPage>
