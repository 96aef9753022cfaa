import { reactive, ref } from 'vue'
import type { Device } from '../../../shared/api'
import { isApiError } from '../../api/errors'
import { useApi } from '../../composables/useApi'

export type OnlineState = 'checking' | 'online' | 'offline' | 'unknown'

/**
 * Whether each device answers, from `GET /api/devices/:id/status`. A proxy without that route (older, or
 * built without the Check page) leaves every device `unknown`, and the list falls back to "last seen".
 */
export function useDeviceOnline() {
  const api = useApi()
  const states = reactive<Record<string, OnlineState>>({})
  const routeMissing = ref(false)

  async function checkOne(id: string): Promise<void> {
    if (routeMissing.value) {
      states[id] = 'unknown'
      return
    }
    states[id] = 'checking'
    try {
      const status = await api.deviceStatus(id)
      states[id] = status.online ? 'online' : 'offline'
    } catch (error) {
      if (isApiError(error) && error.code === 'not_found' && /No such route/i.test(error.message)) {
        routeMissing.value = true
        states[id] = 'unknown'
        return
      }
      states[id] = isApiError(error) && error.kind === 'network' ? 'unknown' : 'offline'
    }
  }

  function check(devices: readonly Device[]): Promise<void> {
    for (const key of Object.keys(states)) if (!devices.some((d) => d.id === key)) delete states[key]
    return Promise.all(devices.map((device) => checkOne(device.id))).then(() => undefined)
  }

  /** A connection test just answered: no need to ask again. */
  function markOnline(id: string): void {
    states[id] = 'online'
  }

  return { states, routeMissing, check, markOnline }
}
