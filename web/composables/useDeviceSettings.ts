import { ref, shallowRef, watch } from 'vue'
import {
  DeviceSettings,
  DoorOpenResult,
  NtpSettingsResult,
  type Device,
  type NtpSettingsWrite,
} from '../../shared/api'
import { useSessionStore } from '../stores/session'
import { useApi } from './useApi'

/** A write from the settings page: running, done (read back), or failed with the proxy's error. */
export interface SettingsWrite {
  state: 'running' | 'ok' | 'error'
  error?: unknown
}

/** A write reads the device back (and may restore it), so it gets more time than a plain read. */
const WRITE_TIMEOUT_MS = 60_000

const encode = encodeURIComponent

/**
 * One device's settings page: the settings read from the device (every section probed by the proxy), the
 * device's registry entry (for the users sheet), an NTP write and a door test, each with its own progress.
 */
export function useDeviceSettings(deviceId: () => string) {
  const api = useApi()
  const session = useSessionStore()
  const settings = shallowRef<DeviceSettings | null>(null)
  const device = shallowRef<Device | null>(null)
  const loading = ref(false)
  const error = shallowRef<unknown>(null)
  const ntpWrite = shallowRef<SettingsWrite | null>(null)
  const doorOpen = shallowRef<SettingsWrite | null>(null)

  async function reload(): Promise<void> {
    if (!session.isPaired || loading.value) return
    loading.value = true
    const id = deviceId()
    try {
      const [read, devices] = await Promise.all([
        api.request('GET', `/api/devices/${encode(id)}/settings`, {
          schema: DeviceSettings,
          timeoutMs: WRITE_TIMEOUT_MS,
        }),
        api.listDevices(),
      ])
      settings.value = read
      device.value = devices.find((d) => d.id === id) ?? null
      error.value = null
    } catch (failure) {
      error.value = failure
    } finally {
      loading.value = false
    }
  }

  async function saveNtp(input: NtpSettingsWrite): Promise<void> {
    ntpWrite.value = { state: 'running' }
    try {
      await api.request('PUT', `/api/devices/${encode(deviceId())}/settings/ntp`, {
        schema: NtpSettingsResult,
        body: input,
        timeoutMs: WRITE_TIMEOUT_MS,
      })
      ntpWrite.value = { state: 'ok' }
    } catch (failure) {
      ntpWrite.value = { state: 'error', error: failure }
    }
    // what the device holds now, whether the write was kept or the old settings were put back
    await reload()
  }

  async function openDoor(doorId = 1): Promise<void> {
    doorOpen.value = { state: 'running' }
    try {
      await api.request('POST', `/api/devices/${encode(deviceId())}/door/open`, {
        schema: DoorOpenResult,
        body: { doorId },
        timeoutMs: WRITE_TIMEOUT_MS,
      })
      doorOpen.value = { state: 'ok' }
    } catch (failure) {
      doorOpen.value = { state: 'error', error: failure }
    }
  }

  watch(
    deviceId,
    () => {
      settings.value = null
      ntpWrite.value = null
      doorOpen.value = null
      void reload()
    },
    { immediate: true },
  )

  return { settings, device, loading, error, ntpWrite, doorOpen, reload, saveNtp, openDoor }
}
