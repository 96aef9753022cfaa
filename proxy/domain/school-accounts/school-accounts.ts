import type { SchoolAccountView } from '../../../shared/api/school-account'
import { AppError } from '../../../shared/errors'
import type { ReportAccounts } from '../../backend/report-account'
import type { ReportBackend } from '../../backend/report-kinds'
import type { ScreenLogin } from '../../backend/screen-login'
import type { SchoolAccountRow, SchoolAccountsRepo } from '../../store/school-accounts-repo'
import type { SecretBox } from '../../store/secrets'

/** What the outbox is asked when a screen's account changes (kept apart so either can be tested alone). */
export interface AccountReports {
  /** the screen signed in (again): its waiting reports go now */
  accountReady(screen: string): void
  /** the screen signed out or was unpaired: its waiting reports go with the shared account */
  accountGone(screen: string): void
  pendingOf(screen: string): number
}

export interface SchoolAccountsDeps {
  repo: SchoolAccountsRepo
  secrets: Pick<SecretBox, 'seal' | 'open'>
  /** null in LAN-only mode: there is no school server to sign in to */
  login: ScreenLogin | null
  reports: AccountReports
  now?: () => Date
}

/**
 * Each screen's own school-server account (a school administrator or a teacher, as in the old desktop
 * app): signing in keeps the server's token sealed, never the password; the reports the screen causes then
 * go out as that person. When the server stops taking the token, the screen is asked to sign in again and
 * its reports wait; signing out hands them to the shared account. A screen that never signs in uses the
 * shared account, as before.
 */
export class SchoolAccounts implements ReportAccounts {
  private readonly clients = new Map<string, { sealed: string; client: ReportBackend }>()
  private readonly now: () => Date
  // Every API request asks which account its screen acts as: the few rows are read once and kept here,
  // written through on each change (this process is the table's only writer).
  private rows: Map<string, SchoolAccountRow> | null = null

  constructor(private readonly deps: SchoolAccountsDeps) {
    this.now = deps.now ?? (() => new Date())
  }

  private row(screen: string): SchoolAccountRow | undefined {
    this.rows ??= new Map(this.deps.repo.all().map((row) => [row.screen, row]))
    return this.rows.get(screen)
  }

  /** After a write: the stored row (or none) becomes what is kept. */
  private reread(screen: string): void {
    const row = this.deps.repo.get(screen)
    if (!this.rows) return
    if (row) this.rows.set(screen, row)
    else this.rows.delete(screen)
  }

  view(screen: string): SchoolAccountView {
    const row = this.row(screen)
    return {
      available: this.deps.login !== null,
      state: row?.state ?? 'none',
      account: row ? { email: row.email, name: row.name, role: row.role } : null,
      signedInAt: row?.signedInAt ?? null,
      endedAt: row?.endedAt ?? null,
      waiting: row ? this.deps.reports.pendingOf(screen) : 0,
    }
  }

  async signIn(screen: string, email: string, password: string): Promise<SchoolAccountView> {
    const login = this.deps.login
    if (!login) {
      throw new AppError('conflict', 'No school server is configured, so there is nothing to sign in to', {
        details: { reason: 'lan_only' },
      })
    }
    const { token, user } = await login.logIn(email, password)
    this.deps.repo.put({
      screen,
      userId: user.id,
      email: user.email,
      name: user.name ?? user.email,
      role: user.role,
      tokenSealed: this.deps.secrets.seal(token),
      signedInAt: this.now().toISOString(),
    })
    this.reread(screen)
    this.clients.delete(screen)
    this.deps.reports.accountReady(screen)
    return this.view(screen)
  }

  signOut(screen: string): SchoolAccountView {
    this.deps.repo.remove(screen)
    this.reread(screen)
    this.clients.delete(screen)
    this.deps.reports.accountGone(screen)
    return this.view(screen)
  }

  /** The account the screen acts as, for the audit trail and for stamping its reports; null: the shared one. */
  accountOf(screen: string): Pick<SchoolAccountRow, 'email' | 'state'> | null {
    const row = this.row(screen)
    return row ? { email: row.email, state: row.state } : null
  }

  backendFor(screen: string): ReportBackend | null | undefined {
    const row = this.row(screen)
    if (!row || !this.deps.login) return undefined
    if (row.state !== 'active') return null
    const cached = this.clients.get(screen)
    if (cached?.sealed === row.tokenSealed) return cached.client
    const client = this.deps.login.clientWith(this.deps.secrets.open(row.tokenSealed))
    this.clients.set(screen, { sealed: row.tokenSealed, client })
    return client
  }

  ended(screen: string): void {
    this.deps.repo.end(screen, this.now().toISOString())
    this.reread(screen)
    this.clients.delete(screen)
  }
}
