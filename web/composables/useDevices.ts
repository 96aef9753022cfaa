import { onMounted, ref, shallowRef, watch } from 'vue'
import type { Device } from '../../shared/api'
import { useSessionStore } from '../stores/session'
import { useApi } from './useApi'

/** The proxy's device registry, loaded when the screen is paired (an unpaired screen has no right to ask). */
export function useDevices() {
  const api = useApi()
  const session = useSessionStore()
  const devices = shallowRef<Device[] | null>(null)
  const loading = ref(false)
  const error = shallowRef<unknown>(null)

  async function reload(): Promise<void> {
    if (!session.isPaired) {
      devices.value = null
      return
    }
    loading.value = true
    error.value = null
    try {
      devices.value = await api.listDevices()
    } catch (failure) {
      error.value = failure
    } finally {
      loading.value = false
    }
  }

  onMounted(reload)
  watch(() => session.isPaired, reload)

  return { devices, loading, error, reload }
}
