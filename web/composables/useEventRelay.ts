import { ref, shallowRef } from 'vue'
import type { RelayMode, RelayView } from '../../shared/api/event-relay'
import { relayView, searchMissedEvents, setRelayMode } from '../api/event-relay'
import { useApi } from './useApi'
import { usePairedRead } from './usePairedRead'

/** What the Check page's relay card is busy with: switching the mode, or reading the terminals' logs. */
export type RelayBusy = 'mode' | 'search' | null

/** The attendance relay as the proxy reports it, and the admin's switch between its two modes. */
export function useEventRelay() {
  const api = useApi()
  const view = shallowRef<RelayView | null>(null)
  const busy = ref<RelayBusy>(null)
  /** devices whose webhook could not be written for the new mode, by name */
  const notWritten = ref<string[]>([])

  const { error, reload } = usePairedRead(async () => {
    view.value = await relayView(api)
  })

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

  return { view, error, busy, notWritten, reload, setMode, search }
}
