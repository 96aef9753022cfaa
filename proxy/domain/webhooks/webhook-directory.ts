import { z } from 'zod'
import type { Device } from '../../../shared/api/devices'
import type { WebhookUrls } from '../../../shared/api/webhooks'
import { AppError } from '../../../shared/errors'

/** The part of the backend client this needs: webhook-info with absolute URLs. */
export interface WebhookInfoSource {
  webhookInfo(opts?: { signal?: AbortSignal }): Promise<{
    inUrlWithSecret: string
    outUrlWithSecret: string
    secretHeaderName: string
    enforceSecret: boolean
  }>
}

export interface SettingsStore {
  get(key: string): string | undefined
  set(key: string, value: string): void
}

export interface WebhookDirectoryDeps {
  /** null: no backend configured (LAN-only mode) */
  backend: WebhookInfoSource | null
  settings: SettingsStore
  now?: () => number
  /** a copy younger than this is used as is by status checks; default 60 s */
  freshMs?: number
}

/** the kept copy of the URLs; they carry the webhook secret, so it is stored sealed (see services.ts) */
export const WEBHOOK_INFO_KEY = 'webhooks.info'

const Stored = z.object({
  in: z.string(),
  out: z.string(),
  fetchedAt: z.string(),
  secretHeaderName: z.string().optional(),
  enforceSecret: z.boolean().optional(),
})
type StoredUrls = z.infer<typeof Stored>

/**
 * Where the backend wants attendance posted. Every answer from the backend is kept in SQLite, so when the
 * internet is gone the devices can still be checked (and re-written) against the last known URLs.
 */
export class WebhookDirectory {
  private readonly now: () => number
  private readonly freshMs: number
  private memory: StoredUrls | null | undefined
  private inFlight: Promise<WebhookUrls> | null = null

  constructor(private readonly deps: WebhookDirectoryDeps) {
    this.now = deps.now ?? Date.now
    this.freshMs = deps.freshMs ?? 60_000
  }

  get configured(): boolean {
    return this.deps.backend !== null
  }

  /**
   * Asks the backend; when it cannot be reached, the kept copy (`source: "cache"`). No backend configured,
   * or none reachable and nothing kept: `backend_unavailable`. A refusal by the backend is passed on.
   */
  async current(): Promise<WebhookUrls> {
    if (!this.deps.backend) throw notConfigured()
    try {
      return await this.refresh()
    } catch (error) {
      const kept = this.known()
      if (kept && error instanceof AppError && error.code === 'backend_unavailable') return kept
      throw error
    }
  }

  /** The kept copy, without asking anyone. */
  known(): WebhookUrls | null {
    if (!this.deps.backend) return null
    if (this.memory === undefined) this.memory = this.load()
    return this.memory && { ...this.memory, source: 'cache' }
  }

  /**
   * For status checks, which must stay fast: a fresh copy at once; otherwise the backend is asked, but
   * only `waitMs` is spent waiting before the kept copy (or null) is used instead. `refresh` (a person asked
   * to look again) skips the fresh copy and asks the backend within the same wait.
   */
  async forCheck(waitMs: number, options: { refresh?: boolean } = {}): Promise<WebhookUrls | null> {
    const kept = this.known()
    if (!this.deps.backend) return null
    if (!options.refresh && kept && this.now() - Date.parse(kept.fetchedAt) < this.freshMs) return kept
    const asked = this.refresh().catch(() => null)
    let timer: NodeJS.Timeout | undefined
    const waited = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), waitMs)))
    const fetched = await Promise.race([asked, waited])
    clearTimeout(timer)
    return fetched ?? this.known()
  }

  /** The URL a device of this direction must post to. */
  static urlFor(urls: WebhookUrls, direction: NonNullable<Device['direction']>): string {
    return direction === 'in' ? urls.in : urls.out
  }

  private refresh(): Promise<WebhookUrls> {
    this.inFlight ??= this.fetch().finally(() => (this.inFlight = null))
    return this.inFlight
  }

  private async fetch(): Promise<WebhookUrls> {
    const backend = this.deps.backend
    if (!backend) throw notConfigured()
    const info = await backend.webhookInfo()
    const stored: StoredUrls = {
      in: info.inUrlWithSecret,
      out: info.outUrlWithSecret,
      fetchedAt: new Date(this.now()).toISOString(),
      secretHeaderName: info.secretHeaderName,
      enforceSecret: info.enforceSecret,
    }
    this.deps.settings.set(WEBHOOK_INFO_KEY, JSON.stringify(stored))
    this.memory = stored
    return { ...stored, source: 'backend' }
  }

  private load(): StoredUrls | null {
    const raw = this.deps.settings.get(WEBHOOK_INFO_KEY)
    if (!raw) return null
    const parsed = Stored.safeParse(safeJson(raw))
    return parsed.success ? parsed.data : null
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

function notConfigured(): AppError {
  return new AppError(
    'backend_unavailable',
    'No school server is configured on the proxy (SR_BACKEND_URL), so there are no webhook URLs',
    { details: { reason: 'not_configured' } },
  )
}
