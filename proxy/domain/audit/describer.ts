import type { Device } from '../../../shared/api/devices'
import type { Job } from '../../../shared/api/jobs'
import type { TokenInfo } from '../../../shared/api/pairing'
import type { Settings } from '../../../shared/api/settings'
import type { AuditActor, AuditRecord, AuditTargetRecord } from '../../store/audit-repo'

/** One mutating API request as the audit trail sees it (no framework types: describers are plain TS). */
export interface AuditCall {
  method: string
  /** the route pattern as mounted, e.g. `/api/devices/:id` */
  route: string
  params: Record<string, string>
  query: Record<string, string>
  /** the JSON body, read only for describers that ask (`readsBody`); undefined when there was none */
  body: unknown
  /** null on the public pairing route */
  caller: AuditActor | null
}

/** How the request ended, and what the describer looked at before it ran. */
export interface AuditSeen {
  /** what `look` returned before the change */
  looked: unknown
  status: number
  ok: boolean
  /** the answer's JSON on success */
  response: unknown
  /** on failure: the error body's code, message and details */
  error: { code: string; message: string; details?: unknown } | null
}

/** What describers may read, through the proxy's services (never a device: a look must be quick). */
export interface AuditSources {
  device(id: string): Device | undefined
  registration(employeeNo: string): { employeeNo: string; student: unknown; deviceIds: string[] } | undefined
  token(id: string): TokenInfo | undefined
  job(id: string): Job | undefined
  settings(): Settings
  entry(id: number): AuditRecord | undefined
}

/** The entry's fields a describer decides; snapshots must come from `snapshots.ts` (allow-listed). */
export interface Description {
  /** defaults to the describer's action */
  action?: string
  target: AuditTargetRecord | null
  before?: unknown
  after?: unknown
  /** what a retry needs to repeat the action: ids only */
  input?: unknown
  /** the public pairing route has no caller yet: the describer names the new screen */
  actor?: AuditActor
  retryOf?: number
  /**
   * The HTTP status says ok but part of the work failed (an import with rows refused): recorded as failed,
   * with this error, so it can be found and retried.
   */
  partialFailure?: { code: string; message: string }
  /** a read that goes by POST only to carry a long list (a live check, an import preview): not recorded */
  skip?: boolean
}

/** How a declared route's entry is described; its action is the one its declaration names. */
export interface RouteDescriber {
  /** the JSON body is read (after the handler, from Hono's cache) only when asked: photo bodies are large */
  readsBody?: boolean
  /** runs before the change, e.g. the device before a PATCH */
  look?(call: AuditCall, sources: AuditSources): unknown
  describe(call: AuditCall, seen: AuditSeen, sources: AuditSources): Description
}

export interface Describer extends RouteDescriber {
  action: string
}
