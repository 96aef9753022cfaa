import { computed, onMounted, onUnmounted, reactive, ref, shallowRef, watch } from 'vue'
import { z } from 'zod'
import {
  DeviceStatusList,
  STATUS_DONE_EVENT,
  DeviceStatusReport,
  STATUS_EVENT,
  type TimeSyncNtp,
} from '../../shared/api/status'
import { freshDeviceStatus, syncDeviceTime, testConnection } from '../api/device-checks'
import type { SseEvent } from '../api/sse'
import { applyWebhook as pointEventsHere } from '../api/webhooks'
import { useSessionStore } from '../stores/session'
import { localCache } from './localCache'
import { useApi } from './useApi'

export type CheckAction = 'test' | 'sync' | 'apply'

/** What one button on a device card is doing or did. */
export interface ActionState {
  kind: CheckAction
  state: 'running' | 'ok' | 'error'
  error?: unknown
  /** the connection test's round trip */
  latencyMs?: number
  /** what the clock fix did about the device's NTP server */
  ntp?: TimeSyncNtp['status']
  /** the clock fix took the device off its time server: it now keeps the time set by hand */
  manual?: boolean
}

export interface BulkApply {
  total: number
  done: number
  failed: string[]
  running: boolean
}

/** Anything here wants a person's eye: off, out of sync, a wrong clock, or a check that failed. */
export function needsAttention(status: DeviceStatusReport): boolean {
  return (
    !status.online ||
    status.error !== undefined ||
    status.webhookInSync === false ||
    status.clock?.warning === true
  )
}

/** Problems first (so a glance at the top is enough), then by name. */
export function checkOrder(reports: readonly DeviceStatusReport[]): DeviceStatusReport[] {
  return [...reports].sort(
    (a, b) =>
      Number(needsAttention(b)) - Number(needsAttention(a)) ||
      a.name.localeCompare(b.name, undefined, { numeric: true }),
  )
}

/** The last state seen, kept on this screen so the page draws at once next time; tied to its proxy. */
const KeptState = z.object({ proxy: z.string(), savedAt: z.string(), reports: DeviceStatusList })
export const KEPT_STATE_KEY = 'sr.check.lastState'
const keptState = localCache(KEPT_STATE_KEY, KeptState)

/** A success note the device's newer state contradicts: the clock set but still off, and the like. */
export function contradicted(action: ActionState | undefined, report: DeviceStatusReport): boolean {
  if (action?.state !== 'ok') return false
  if (action.kind === 'test') return !report.online
  if (action.kind === 'sync') return report.clock?.warning === true
  return report.webhookInSync === false
}

/**
 * The Check page's data: drawn at once from the state kept on this screen (with its age), then each
 * device's card replaced the moment the proxy streams its answer (a slow device holds back only its own
 * card); the buttons on each card, and "write the address to all". Checks again while the page is shown.
 */
export function useDeviceStatus(options: { pollMs?: number } = {}) {
  const api = useApi()
  const session = useSessionStore()
  const kept = session.isPaired ? readKept() : null
  const statuses = shallowRef<DeviceStatusReport[] | null>(kept ? checkOrder(kept.reports) : null)
  /** when the state drawn before this visit's answers was seen; null once every card is fresh */
  const keptAt = ref<Date | null>(kept ? new Date(kept.savedAt) : null)
  /** the devices whose card shows an answer from this visit's check */
  const fresh = ref(new Set<string>())
  const loading = ref(false)
  const error = shallowRef<unknown>(null)
  const checkedAt = ref<Date | null>(null)
  const actions = reactive<Record<string, ActionState>>({})
  const bulk = ref<BulkApply | null>(null)
  let streaming: AbortController | null = null

  const online = computed(() => statuses.value?.filter((s) => s.online).length ?? 0)
  const problems = computed(() => statuses.value?.filter(needsAttention) ?? [])
  const attention = computed(() => problems.value.length)

  function readKept() {
    const state = keptState.read()
    return state && state.proxy === session.baseUrl ? state : null
  }

  function keep(): void {
    if (!statuses.value) return
    keptState.write({
      proxy: session.baseUrl,
      savedAt: new Date().toISOString(),
      reports: statuses.value,
    })
  }

  function put(report: DeviceStatusReport): void {
    // a stale "done" must not stand beside a newer check that disagrees
    if (contradicted(actions[report.id], report)) delete actions[report.id]
    const all = bulk.value
    if (all && !all.running && all.failed.length === 0 && report.webhookInSync === false) bulk.value = null
    const others = (statuses.value ?? []).filter((s) => s.id !== report.id)
    statuses.value = checkOrder([...others, report])
  }

  async function reload(refresh = false): Promise<void> {
    if (!session.isPaired) {
      statuses.value = null
      return
    }
    if (loading.value && !refresh) return
    streaming?.abort()
    const controller = new AbortController()
    streaming = controller
    loading.value = true
    const answered = new Set<string>()
    fresh.value = new Set()
    const onEvent = (event: SseEvent) => {
      if (event.event === STATUS_EVENT) {
        const parsed = DeviceStatusReport.safeParse(JSON.parse(event.data))
        if (!parsed.success) return
        answered.add(parsed.data.id)
        fresh.value = new Set(answered)
        put(parsed.data)
        keep()
      } else if (event.event === STATUS_DONE_EVENT) {
        // a device removed since the state was kept has no answer: its card goes
        statuses.value = (statuses.value ?? []).filter((s) => answered.has(s.id))
        keptAt.value = null
        checkedAt.value = new Date()
        keep()
      }
    }
    try {
      await api.stream('/api/devices/status/stream', {
        onEvent,
        signal: controller.signal,
        ...(refresh ? { query: { refresh: 1 } } : {}),
      })
      if (!statuses.value) statuses.value = []
      error.value = null
    } catch (failure) {
      if (!controller.signal.aborted) error.value = failure
    } finally {
      if (streaming === controller) {
        streaming = null
        loading.value = false
      }
    }
  }

  async function refreshOne(id: string): Promise<void> {
    const answer = await freshDeviceStatus(api, id)
    put(answer)
    keep()
  }

  async function run(
    id: string,
    kind: CheckAction,
    work: () => Promise<Partial<ActionState>>,
  ): Promise<boolean> {
    actions[id] = { kind, state: 'running' }
    try {
      const extra = await work()
      actions[id] = { kind, state: 'ok', ...extra }
      return true
    } catch (failure) {
      actions[id] = { kind, state: 'error', error: failure }
      return false
    } finally {
      await refreshOne(id).catch(() => undefined)
    }
  }

  const test = (id: string) =>
    run(id, 'test', async () => {
      const result = await testConnection(api, id)
      return { latencyMs: result.latencyMs }
    })

  const syncTime = (id: string) =>
    run(id, 'sync', async () => {
      const result = await syncDeviceTime(api, id)
      const manual = result.previousTimeMode !== undefined && result.ntp?.status !== 'set'
      return { ...(result.ntp ? { ntp: result.ntp.status } : {}), ...(manual ? { manual } : {}) }
    })

  const applyWebhook = (id: string) =>
    run(id, 'apply', async () => {
      await pointEventsHere(api, id)
      return {}
    })

  /** Every device that has a direction, in parallel, each card showing its own progress too. */
  async function applyAll(): Promise<void> {
    const targets = (statuses.value ?? []).filter((s) => s.direction !== null)
    const progress = reactive<BulkApply>({ total: targets.length, done: 0, failed: [], running: true })
    bulk.value = progress
    await Promise.all(
      targets.map(async (target) => {
        const ok = await applyWebhook(target.id)
        progress.done++
        if (!ok) progress.failed.push(target.name)
      }),
    )
    progress.running = false
  }

  let timer: ReturnType<typeof setInterval> | undefined
  const poll = () => {
    if (document.visibilityState === 'visible') void reload()
  }
  onMounted(() => {
    void reload()
    timer = setInterval(poll, options.pollMs ?? 30_000)
  })
  onUnmounted(() => {
    clearInterval(timer)
    streaming?.abort()
  })
  watch(
    () => session.isPaired,
    () => void reload(),
  )

  return {
    statuses,
    keptAt,
    fresh,
    problems,
    loading,
    error,
    checkedAt,
    online,
    attention,
    actions,
    bulk,
    reload,
    test,
    syncTime,
    applyWebhook,
    applyAll,
  }
}
