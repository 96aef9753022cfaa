import type { Role } from '../../shared/api/pairing'
import type { Config } from '../config'
import type { Logger } from '../log'
import type { Services } from '../services'
import type { Db } from '../store/db'

/**
 * Everything a route group may use, handed to each `proxy/http/routes/<group>.ts` factory once at start.
 * New capabilities go into `Services` (proxy/services.ts), not here.
 */
export interface AppContext {
  config: Config
  db: Db
  logger: Logger
  version: string
  /** the built PWA; null serves no app (API-only, e.g. tests that never built it) */
  distDir: string | null
  /** the local CA in PEM when SR_TLS=auto, offered at /ca.crt */
  caPem: string | null
  services: Services
}

/** Who is calling: set by the bearer-auth middleware on every authenticated /api route. */
export interface Caller {
  /** null for SR_ADMIN_TOKEN, which has no row in the tokens table */
  tokenId: string | null
  name: string
  role: Role
  /** the name is the screen's own words (given while pairing), not an admin's */
  nameClaimed?: boolean
  /** the school-server account (e-mail) this screen signed in with, if any: its reports go out as that person */
  schoolAccount?: string
}

/** The screen a caller is, for what is kept per screen: its token id, or `admin` for SR_ADMIN_TOKEN. */
export function screenOf(caller: Caller): string {
  return caller.tokenId ?? 'admin'
}

/** The Hono environment of the whole app: the per-request values middleware sets. */
export interface AppEnv {
  Variables: {
    requestId: string
    caller: Caller
  }
}
