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
  checkedAt: Date | null
  error: ApiError | null
}

export interface HealthPollerOptions {
  /** pause between checks while the proxy answers */
  intervalMs?: number
  /** first pause after a failure; it doubles with every further failure */
  minBackoffMs?: number
  maxBackoffMs?: number
}

export interface HealthPoller {
  readonly state: Readonly<ProxyHealthState>
  start(): void
  stop(): void
  /** check at once (after a network change, a new proxy address, a tap on "check now") */
  checkNow(): Promise<void>
}

export const HEALTH_DEFAULTS = { intervalMs: 15_000, minBackoffMs: 2_000, maxBackoffMs: 30_000 } as const

/** Polls the proxy's health: steady while it answers, backing off (2 s, 4 s, 8 s … 30 s) while it does not. */
export function createHealthPoller(
  check: (signal: AbortSignal) => Promise<HealthResponse>,
  options: HealthPollerOptions = {},
): HealthPoller {
  const { intervalMs, minBackoffMs, maxBackoffMs } = { ...HEALTH_DEFAULTS, ...options }
  const state = reactive<ProxyHealthState>({
    status: 'checking',
    checking: false,
    version: null,
    paired: null,
    auditPaused: false,
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
      const health = await check(controller.signal)
      if (controller.signal.aborted) return
      failures = 0
      Object.assign(state, {
        status: 'online',
        version: health.version,
        paired: health.paired ?? null,
        auditPaused: health.auditPaused ?? false,
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

const healthKey: InjectionKey<HealthPoller> = Symbol('proxyHealth')

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
