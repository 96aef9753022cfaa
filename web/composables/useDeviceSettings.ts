import { ref, shallowRef, watch } from 'vue'
import type {
  DeviceSettings,
  NetworkWriteResult,
  Device,
  FieldsSectionName,
  NetworkWrite,
  NtpSettingsWrite,
  SettingValue,
} from '../../shared/api'
import {
  deviceSettings,
  openDoor as openDoorOnce,
  writeFields,
  writeNetwork,
  writeNtp,
} from '../api/device-settings'
import { useSessionStore } from '../stores/session'
import { useApi } from './useApi'

/** A write from the settings page: running, done (read back), or failed with the proxy's error. */
export interface SettingsWrite {
  state: 'running' | 'ok' | 'error'
  error?: unknown
}

/** A network write that succeeded also says where the terminal now is. */
export interface NetworkWriteState extends SettingsWrite {
  result?: NetworkWriteResult
}

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
  const networkWrite = shallowRef<NetworkWriteState | null>(null)
  const fieldsWrite = shallowRef<Partial<Record<FieldsSectionName, SettingsWrite>>>({})

  async function reload(): Promise<void> {
    if (!session.isPaired || loading.value) return
    loading.value = true
    const id = deviceId()
    try {
      const [read, devices] = await Promise.all([deviceSettings(api, id), api.listDevices()])
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
      await writeNtp(api, deviceId(), input)
      ntpWrite.value = { state: 'ok' }
    } catch (failure) {
      ntpWrite.value = { state: 'error', error: failure }
    }
    // what the device holds now, whether the write was kept or the old settings were put back
    await reload()
  }

  /**
   * A network change: the proxy writes, then looks for the terminal at its new address for up to
   * `moveWaitSec`, so the budget is that plus a write's.
   */
  async function saveNetwork(input: NetworkWrite): Promise<void> {
    networkWrite.value = { state: 'running' }
    const wait = settings.value?.ipv4.supported ? settings.value.ipv4.moveWaitSec : 60
    try {
      const result = await writeNetwork(api, deviceId(), input, wait * 2_000)
      networkWrite.value = { state: 'ok', result }
    } catch (failure) {
      networkWrite.value = { state: 'error', error: failure }
    }
    await reload()
  }

  /** Door, face-recognition or event values: only those the admin changed. */
  async function saveFields(section: FieldsSectionName, values: Record<string, SettingValue>): Promise<void> {
    fieldsWrite.value = { ...fieldsWrite.value, [section]: { state: 'running' } }
    let next: SettingsWrite
    try {
      await writeFields(api, deviceId(), section, values)
      next = { state: 'ok' }
    } catch (failure) {
      next = { state: 'error', error: failure }
    }
    fieldsWrite.value = { ...fieldsWrite.value, [section]: next }
    await reload()
  }

  async function openDoor(doorId = 1): Promise<void> {
    doorOpen.value = { state: 'running' }
    try {
      await openDoorOnce(api, deviceId(), doorId)
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
      networkWrite.value = null
      fieldsWrite.value = {}
      void reload()
    },
    { immediate: true },
  )

  return {
    settings,
    device,
    loading,
    error,
    ntpWrite,
    doorOpen,
    networkWrite,
    fieldsWrite,
    reload,
    saveNtp,
    saveNetwork,
    saveFields,
    openDoor,
  }
}
