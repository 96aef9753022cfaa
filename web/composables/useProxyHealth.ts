import { inject, onMounted, onUnmounted, provide, reactive, readonly, type InjectionKey } from 'vue'
import type { HealthResponse } from '../../shared/api'
import type { ApiClient } from '../api/client'
import { ApiError, isApiError } from '../api/errors'

export type ProxyHealthStatus = 'checking' | 'online' | 'offline'

export interface ProxyHealthState {
  /** 'checking' only until the first answer; later checks keep the last known state so the pill does not flicker */
  status: ProxyHealthStatus
  /** a check is running now */
  checking: boolean
  version: string | null
  /** whether the proxy has paired any screen yet (a fresh proxy says false) */
  paired: boolean | null
  /** the proxy's disk is (nearly) full: it stopped storing audit entries so that enrollment goes on */
  auditPaused: boolean
  /** the school's IANA time zone, as the proxy last named it */
  timeZone: string | null
  checkedAt: Date | null
  error: ApiError | null
}

export interface HealthPollerOptions {
  /** pause between checks while the proxy answers */
  intervalMs?: number
  /** first pause after a failure; it doubles with every further failure */
  minBackoffMs?: number
  maxBackoffMs?: number
  /** a check without an answer in this time counts as the proxy being away */
  timeoutMs?: number
}

export interface HealthPoller {
  readonly state: Readonly<ProxyHealthState>
  start(): void
  stop(): void
  /** check at once (after a network change, a new proxy address, a tap on "check now") */
  checkNow(): Promise<void>
}

/**
 * The header follows the proxy within 3 s either way: a check every 1.5 s that gives up after 1.5 s. The
 * answer is a few bytes on the school LAN, and nothing is asked while the app is hidden.
 */
export const HEALTH_DEFAULTS = {
  intervalMs: 1_500,
  minBackoffMs: 1_500,
  maxBackoffMs: 1_500,
  timeoutMs: 1_500,
} as const

/** Polls the proxy's health: steady while it answers, backing off (up to `maxBackoffMs`) while it does not. */
export function createHealthPoller(
  check: (signal: AbortSignal) => Promise<HealthResponse>,
  options: HealthPollerOptions = {},
): HealthPoller {
  const { intervalMs, minBackoffMs, maxBackoffMs, timeoutMs } = { ...HEALTH_DEFAULTS, ...options }
  const state = reactive<ProxyHealthState>({
    status: 'checking',
    checking: false,
    version: null,
    paired: null,
    auditPaused: false,
    timeZone: null,
    checkedAt: null,
    error: null,
  })
  let running = false
  let failures = 0
  let timer: ReturnType<typeof setTimeout> | null = null
  let inFlight: AbortController | null = null

  function nextDelay(): number {
    if (failures === 0) return intervalMs
    return Math.min(maxBackoffMs, minBackoffMs * 2 ** (failures - 1))
  }

  function schedule(): void {
    if (!running) return
    // a hidden app asks nothing; coming back into view checks at once (provideProxyHealth)
    if (globalThis.document?.visibilityState === 'hidden') return
    timer = setTimeout(() => void checkNow(), nextDelay())
  }

  async function checkNow(): Promise<void> {
    if (timer) clearTimeout(timer)
    timer = null
    inFlight?.abort()
    const controller = new AbortController()
    inFlight = controller
    state.checking = true
    try {
      const health = await withTimeout(check, controller.signal, timeoutMs)
      if (controller.signal.aborted) return
      failures = 0
      Object.assign(state, {
        status: 'online',
        version: health.version,
        paired: health.paired ?? null,
        auditPaused: health.auditPaused ?? false,
        timeZone: health.timeZone ?? state.timeZone,
        error: null,
      })
    } catch (error) {
      if (controller.signal.aborted) return
      failures += 1
      state.status = 'offline'
      state.error = isApiError(error)
        ? error
        : new ApiError('network', 'proxy_unreachable', String(error), null)
    } finally {
      if (inFlight === controller) {
        inFlight = null
        state.checking = false
        state.checkedAt = new Date()
        schedule()
      }
    }
  }

  return {
    state: readonly(state) as Readonly<ProxyHealthState>,
    start() {
      if (running) return
      running = true
      void checkNow()
    },
    stop() {
      running = false
      if (timer) clearTimeout(timer)
      timer = null
      inFlight?.abort()
      inFlight = null
      state.checking = false
    },
    checkNow,
  }
}

/** The check, given up after `ms`; the timer is the page's own setTimeout so tests can drive it. */
async function withTimeout<T>(
  work: (signal: AbortSignal) => Promise<T>,
  outer: AbortSignal,
  ms: number,
): Promise<T> {
  const timeout = new AbortController()
  const timer = setTimeout(() => timeout.abort(new Error('no answer in time')), ms)
  try {
    return await Promise.race([
      work(AbortSignal.any([outer, timeout.signal])),
      new Promise<never>((_, reject) =>
        timeout.signal.addEventListener('abort', () => reject(timeout.signal.reason as Error)),
      ),
    ])
  } finally {
    clearTimeout(timer)
  }
}

export const healthKey: InjectionKey<HealthPoller> = Symbol('proxyHealth')

/** Called once by the root component: polls while the app is mounted and re-checks when the network returns. */
export function provideProxyHealth(api: ApiClient, options?: HealthPollerOptions): HealthPoller {
  const poller = createHealthPoller((signal) => api.health(signal), options)
  provide(healthKey, poller)
  const recheck = () => void poller.checkNow()
  const recheckWhenVisible = () => {
    if (document.visibilityState === 'visible') recheck()
  }
  onMounted(() => {
    poller.start()
    window.addEventListener('online', recheck)
    document.addEventListener('visibilitychange', recheckWhenVisible)
  })
  onUnmounted(() => {
    poller.stop()
    window.removeEventListener('online', recheck)
    document.removeEventListener('visibilitychange', recheckWhenVisible)
  })
  return poller
}

export function useProxyHealth(): HealthPoller {
  const poller = inject(healthKey, null)
  if (!poller) throw new Error('useProxyHealth(): the root component must call provideProxyHealth()')
  return poller
}
