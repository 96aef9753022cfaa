import { onMounted, ref, shallowRef, watch } from 'vue'
import type { RelayMode, RelayView } from '../../shared/api/event-relay'
import { relayView, searchMissedEvents, setRelayMode } from '../api/event-relay'
import { useSessionStore } from '../stores/session'
import { useApi } from './useApi'

/** What the Check page's relay card is busy with: switching the mode, or reading the terminals' logs. */
export type RelayBusy = 'mode' | 'search' | null

/** The attendance relay as the proxy reports it, and the admin's switch between its two modes. */
export function useEventRelay() {
  const api = useApi()
  const session = useSessionStore()
  const view = shallowRef<RelayView | null>(null)
  const error = shallowRef<unknown>(null)
  const busy = ref<RelayBusy>(null)
  /** devices whose webhook could not be written for the new mode, by name */
  const notWritten = ref<string[]>([])

  async function reload(): Promise<void> {
    if (!session.isPaired) return
    try {
      view.value = await relayView(api)
      error.value = null
    } catch (failure) {
      error.value = failure
    }
  }

  async function run(kind: Exclude<RelayBusy, null>, work: () => Promise<void>): Promise<void> {
    busy.value = kind
    try {
      await work()
      error.value = null
    } catch (failure) {
      error.value = failure
    } finally {
      busy.value = null
      await reload()
    }
  }

  const setMode = (mode: RelayMode) =>
    run('mode', async () => {
      const result = await setRelayMode(api, mode)
      notWritten.value = result.devices.filter((d) => !d.inSync).map((d) => d.name ?? d.deviceId)
    })

  const search = () =>
    run('search', async () => {
      await searchMissedEvents(api)
    })

  onMounted(reload)
  watch(
    () => session.isPaired,
    () => void reload(),
  )
  return { view, error, busy, notWritten, reload, setMode, search }
}
