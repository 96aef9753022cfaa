import { z } from 'zod'

/**
 * What the proxy last knew of one person on one terminal:
 * - `present` the person and a face;
 * - `no_face` the person without a face (the door will not open for them);
 * - `absent` no such person;
 * - `failed` the last write there was refused or could not be confirmed (see `error`);
 * - `unknown` nothing is known: no source has seen this person on this terminal.
 */
export const TerminalPresence = z.enum(['present', 'no_face', 'absent', 'failed', 'unknown'])
export type TerminalPresence = z.infer<typeof TerminalPresence>

/**
 * Where that knowledge came from. Every source but `school-server` is the proxy's own dealing with the
 * terminal; `school-server` is the server's provisioning record, shown only where the proxy knows nothing.
 */
export const TerminalStateSource = z.enum([
  'registration',
  'edit',
  'removal',
  'copy',
  'live-check',
  'fix',
  'import',
  'device-users',
  'school-server',
])
export type TerminalStateSource = z.infer<typeof TerminalStateSource>

/** One person's state on one terminal, with its time and source; one per proxy terminal, in registry order. */
export const TerminalState = z.object({
  /** the proxy's device id */
  deviceId: z.string(),
  /** the terminal's name in the proxy */
  deviceName: z.string(),
  state: TerminalPresence,
  /** null with `unknown` */
  source: TerminalStateSource.nullable(),
  /** when it was learned (ISO time); null with `unknown` */
  at: z.string().nullable(),
  /** seconds between `at` and the answer; null with `unknown` */
  ageSec: z.number().int().nonnegative().nullable(),
  /** why a write there failed, for `failed` */
  error: z.object({ code: z.string(), message: z.string() }).optional(),
})
export type TerminalState = z.infer<typeof TerminalState>

/** The proxy's terminals in the one order every screen shows them (by name, then id). */
export const TerminalColumn = z.object({ id: z.string(), name: z.string() })
export type TerminalColumn = z.infer<typeof TerminalColumn>

/**
 * Why the school server refused a student, as a stable code; the server's own words (often Uzbek) go
 * beside it in `message`:
 * - `duplicate_in_class` same first and last name in that class ("Duplicate student in class");
 * - `class_not_found` the class does not exist on the server (any more);
 * - `device_student_id_taken` another student already has this number;
 * - `invalid` another field the server refused (missing name, bad gender, …);
 * - `not_found` the student is no longer on the server;
 * - `forbidden` the proxy's account may not do this (a TEACHER account editing students);
 * - `other` anything else.
 */
export const BACKEND_REFUSAL_REASONS = [
  'duplicate_in_class',
  'class_not_found',
  'device_student_id_taken',
  'invalid',
  'not_found',
  'forbidden',
  'other',
] as const
export const BackendRefusalReason = z.enum(BACKEND_REFUSAL_REASONS)
export type BackendRefusalReason = z.infer<typeof BackendRefusalReason>

export const BackendRefusal = z.object({
  /** always `backend_rejected` */
  code: z.string(),
  reason: BackendRefusalReason,
  /** the server's words as it sent them */
  message: z.string(),
  /** which report it refused: `provision` (new student), `student-update` (an edit), `device-result` */
  kind: z.string(),
  /** the outbox report: `POST /api/outbox/:id/retry` sends it again once the cause is fixed */
  reportId: z.string(),
  at: z.string().nullable(),
})
export type BackendRefusal = z.infer<typeof BackendRefusal>
