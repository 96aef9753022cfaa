import { computed, onMounted, onUnmounted, reactive, ref, shallowRef, watch } from 'vue'
import { DeviceTestResult } from '../../shared/api/devices'
import {
  DeviceStatusList,
  DeviceStatusReport,
  TimeSyncResult,
  type TimeSyncNtp,
} from '../../shared/api/status'
import { DeviceWebhook } from '../../shared/api/webhooks'
import { useSessionStore } from '../stores/session'
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

const encode = encodeURIComponent

/**
 * The Check page's data: every device's status (one request; the proxy checks them in parallel and keeps
 * answers 10 s), the buttons on each card, and "write the address to all". Polls while the page is shown.
 */
export function useDeviceStatus(options: { pollMs?: number } = {}) {
  const api = useApi()
  const session = useSessionStore()
  const statuses = shallowRef<DeviceStatusReport[] | null>(null)
  const loading = ref(false)
  const error = shallowRef<unknown>(null)
  const checkedAt = ref<Date | null>(null)
  const actions = reactive<Record<string, ActionState>>({})
  const bulk = ref<BulkApply | null>(null)

  const online = computed(() => statuses.value?.filter((s) => s.online).length ?? 0)
  const attention = computed(() => statuses.value?.filter(needsAttention).length ?? 0)

  async function reload(refresh = false): Promise<void> {
    if (!session.isPaired) {
      statuses.value = null
      return
    }
    if (loading.value) return
    loading.value = true
    try {
      statuses.value = await api.request('GET', '/api/devices/status', {
        schema: DeviceStatusList,
        ...(refresh ? { query: { refresh: 1 } } : {}),
      })
      checkedAt.value = new Date()
      error.value = null
    } catch (failure) {
      error.value = failure
    } finally {
      loading.value = false
    }
  }

  async function refreshOne(id: string): Promise<void> {
    const fresh = await api.request('GET', `/api/devices/${encode(id)}/status`, {
      schema: DeviceStatusReport,
      query: { refresh: 1 },
    })
    statuses.value = (statuses.value ?? []).map((s) => (s.id === id ? fresh : s))
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
      const result = await api.request('POST', `/api/devices/${encode(id)}/test`, {
        schema: DeviceTestResult,
      })
      return { latencyMs: result.latencyMs }
    })

  const syncTime = (id: string) =>
    run(id, 'sync', async () => {
      const result = await api.request('POST', `/api/devices/${encode(id)}/time/sync`, {
        schema: TimeSyncResult,
      })
      return result.ntp ? { ntp: result.ntp.status } : {}
    })

  const applyWebhook = (id: string) =>
    run(id, 'apply', async () => {
      await api.request('POST', `/api/devices/${encode(id)}/webhook/apply`, { schema: DeviceWebhook })
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
  onUnmounted(() => clearInterval(timer))
  watch(
    () => session.isPaired,
    () => void reload(),
  )

  return {
    statuses,
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
