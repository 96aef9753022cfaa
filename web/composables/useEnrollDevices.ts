import { onMounted, ref, shallowRef, watch } from 'vue'
import { z } from 'zod'
import { Direction, type Device } from '../../shared/api'
import { useSessionStore } from '../stores/session'
import { useApi } from './useApi'
import { localCache } from './localCache'

/** What the Enroll page needs of a device: enough to offer it as a chip while the proxy is out of reach. */
export const DeviceChoice = z.object({ id: z.string(), name: z.string(), direction: Direction.optional() })
export type DeviceChoice = z.infer<typeof DeviceChoice>

const devicesCache = localCache('sr.enroll.devices', z.array(DeviceChoice))
const chosenCache = localCache('sr.enroll.chosenDevices', z.array(z.string()))

export function rememberChosenDevices(ids: readonly string[]): void {
  chosenCache.write([...ids])
}

/**
 * The devices chosen last time that still exist; all of them when nothing was chosen yet (most schools
 * enroll every student on every entrance).
 */
export function initialDeviceChoice(devices: readonly DeviceChoice[]): string[] {
  const known = new Set(devices.map((device) => device.id))
  const remembered = chosenCache.read()?.filter((id) => known.has(id))
  return remembered && remembered.length > 0 ? remembered : devices.map((device) => device.id)
}

function choice(device: Device): DeviceChoice {
  return { id: device.id, name: device.name, ...(device.direction ? { direction: device.direction } : {}) }
}

/** The proxy's devices for the chips, remembered so drafts can still be made when the proxy is down. */
export function useEnrollDevices() {
  const api = useApi()
  const session = useSessionStore()
  const devices = shallowRef<DeviceChoice[] | null>(devicesCache.read())
  const fromCache = ref(devices.value !== null)
  const loading = ref(false)
  const error = shallowRef<unknown>(null)

  async function reload(): Promise<void> {
    if (!session.isPaired) return
    loading.value = true
    try {
      const fresh = (await api.listDevices()).map(choice)
      devicesCache.write(fresh)
      devices.value = fresh
      fromCache.value = false
      error.value = null
    } catch (failure) {
      error.value = failure
    } finally {
      loading.value = false
    }
  }

  onMounted(reload)
  watch(() => session.isPaired, reload)
  return { devices, fromCache, loading, error, reload }
}
