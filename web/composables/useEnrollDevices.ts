import { ref, shallowRef } from 'vue'
import { z } from 'zod'
import { Direction, type Device } from '../../shared/api'
import { useApi } from './useApi'
import { localCache } from './localCache'
import { usePairedRead } from './usePairedRead'

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
  const devices = shallowRef<DeviceChoice[] | null>(devicesCache.read())
  const fromCache = ref(devices.value !== null)
  const { loading, error, reload } = usePairedRead(async () => {
    const fresh = (await api.listDevices()).map(choice)
    devicesCache.write(fresh)
    devices.value = fresh
    fromCache.value = false
  })
  return { devices, fromCache, loading, error, reload }
}
