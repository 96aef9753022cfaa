import type { MiddlewareHandler } from 'hono'
import { withReportAccount } from '../../backend/report-account'
import type { SchoolAccounts } from '../../domain/school-accounts/school-accounts'
import { screenOf, type AppEnv } from '../context'

/**
 * A screen signed in to the school server with its own account acts as that person: the audit trail names
 * the account beside the screen, and the reports this request writes are stamped as that screen's, to go
 * out with its token (or wait for it to sign in again). Screens without an account change nothing.
 */
export function screenSchoolAccount(accounts: SchoolAccounts): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const caller = c.get('caller') as AppEnv['Variables']['caller'] | undefined
    if (!caller) return next()
    const screen = screenOf(caller)
    const own = accounts.accountOf(screen)
    if (!own) return next()
    c.set('caller', { ...caller, schoolAccount: own.email })
    await withReportAccount(screen, () => next())
  }
}
