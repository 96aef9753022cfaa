import { reactive, ref } from 'vue'
import type { Device } from '../../shared/api'
import { isApiError } from '../api/errors'
import { useApi } from './useApi'

export type OnlineState = 'checking' | 'online' | 'offline' | 'unknown'

/** A device that answers but refuses the login is no more usable than one that is off. */
const LOGIN_REFUSED = new Set(['device_auth_failed', 'credentials_expired', 'device_locked'])

/**
 * Whether each device answers, from `GET /api/devices/:id/status`. A proxy without that route (older, or
 * built without the Check page) leaves every device `unknown`, and the list falls back to "last seen".
 */
export function useDeviceOnline() {
  const api = useApi()
  const states = reactive<Record<string, OnlineState>>({})
  /** why a device did not answer: the proxy's error code, for the card to say in the screen's language */
  const reasons = reactive<Record<string, string>>({})
  const routeMissing = ref(false)

  async function checkOne(id: string): Promise<void> {
    if (routeMissing.value) {
      states[id] = 'unknown'
      return
    }
    states[id] = 'checking'
    try {
      const status = await api.deviceStatus(id)
      const refused = status.error !== undefined && LOGIN_REFUSED.has(status.error.code)
      states[id] = status.online && !refused ? 'online' : 'offline'
      if (states[id] === 'offline' && status.error) reasons[id] = status.error.code
      else delete reasons[id]
    } catch (error) {
      if (isApiError(error) && error.code === 'not_found' && /No such route/i.test(error.message)) {
        routeMissing.value = true
        states[id] = 'unknown'
        return
      }
      states[id] = isApiError(error) && error.kind === 'network' ? 'unknown' : 'offline'
      if (isApiError(error) && error.kind !== 'network') reasons[id] = error.code
    }
  }

  function check(devices: readonly Device[]): Promise<void> {
    for (const key of Object.keys(states)) if (!devices.some((d) => d.id === key)) delete states[key]
    for (const key of Object.keys(reasons)) if (!devices.some((d) => d.id === key)) delete reasons[key]
    return Promise.all(devices.map((device) => checkOne(device.id))).then(() => undefined)
  }

  /** A connection test just answered: no need to ask again. */
  function markOnline(id: string): void {
    states[id] = 'online'
    delete reasons[id]
  }

  return { states, reasons, routeMissing, check, markOnline }
}
