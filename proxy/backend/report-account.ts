import { AsyncLocalStorage } from 'node:async_hooks'
import type { ReportBackend } from './report-kinds'

/**
 * Whose school-server account the reports written in this request belong to: the calling screen's own,
 * when it signed in with one. Carried with the request instead of through every use case that writes a
 * report (registration, edit, removal, saving a student, fixes): each of those is unaware of accounts, and
 * work without a request (resumed sagas, jobs) has none, so its reports go with the shared account.
 */
const current = new AsyncLocalStorage<string>()

export function withReportAccount<T>(account: string | null, work: () => T): T {
  return account === null ? work() : current.run(account, work)
}

export function currentReportAccount(): string | null {
  return current.getStore() ?? null
}

/** The school-server identity each screen's reports go out with; the outbox sender asks it per report. */
export interface ReportAccounts {
  /**
   * the backend to send this screen's reports with; null while the screen has to sign in again; undefined
   * when it no longer has an account of its own (its reports then go with the shared one)
   */
  backendFor(account: string): ReportBackend | null | undefined
  /** the server no longer takes the screen's token (401): its reports wait until it signs in again */
  ended(account: string): void
}
