import { computed, ref, shallowRef, watch } from 'vue'
import type { Device } from '../../shared/api'
import { isApiError } from '../api/errors'
import { useApi } from './useApi'
import { useDevices } from './useDevices'
import { useRole } from './useRole'
import { useDeviceOnline } from './useDeviceOnline'

/**
 * The Devices screen's state: the registry with each device's online state, which sheet is open (the
 * form, a device's people, a removal to confirm), and the removal itself. Admin-only actions are offered
 * only to an admin screen; the proxy refuses them to operators anyway.
 */
export function useDevicesScreen() {
  const api = useApi()
  const { can } = useRole()
  const { devices, loading, error, reload } = useDevices()
  const online = useDeviceOnline()
  /** the device being edited; `'new'` for the add form */
  const editing = shallowRef<Device | 'new' | null>(null)
  const browsing = shallowRef<Device | null>(null)
  const removing = shallowRef<Device | null>(null)
  const removeBusy = ref(false)
  const removeError = shallowRef<unknown>(null)
  const removedName = ref<string | null>(null)
  /** the removal was refused because an undo is still owed on the device: offer to finish it first */
  const removeOwesUndo = computed(
    () => isApiError(removeError.value) && removeError.value.code === 'device_undo_pending',
  )

  const admin = computed(() => can('manageDevices'))
  const formDevice = computed(() => (editing.value === 'new' ? null : editing.value))

  watch(devices, (list) => void (list ? online.check(list) : undefined))

  const refresh = () => reload()

  function startAdd(): void {
    removedName.value = null
    editing.value = 'new'
  }

  /** The form saved a device: show it in the list at once (the list reloads when the form closes). */
  function onSaved(device: Device): void {
    const list = devices.value ?? []
    const known = list.some((d) => d.id === device.id)
    devices.value = known ? list.map((d) => (d.id === device.id ? device : d)) : [...list, device]
  }

  function onTested(device: Device): void {
    online.markOnline(device.id)
  }

  async function closeForm(): Promise<void> {
    editing.value = null
    await reload()
  }

  function askRemove(device: Device): void {
    removeError.value = null
    removing.value = device
  }

  /**
   * Removes the device being asked about. After `device_undo_pending` the dialog offers to finish the owed
   * undos first (`finishFirst`): the proxy takes those students off the terminal, then removes the entry.
   */
  async function confirmRemove(finishFirst = false): Promise<void> {
    const device = removing.value
    if (!device) return
    removeBusy.value = true
    removeError.value = null
    try {
      await api.deleteDevice(device.id, { finishFirst })
      removedName.value = device.name
      removing.value = null
      await reload()
    } catch (failure) {
      removeError.value = failure
    } finally {
      removeBusy.value = false
    }
  }

  return {
    devices,
    loading,
    error,
    admin,
    online: online.states,
    /** why a device that is not online did not answer (an error code) */
    offlineReasons: online.reasons,
    editing,
    formDevice,
    browsing,
    removing,
    removeBusy,
    removeError,
    removeOwesUndo,
    removedName,
    refresh,
    startAdd,
    onSaved,
    onTested,
    closeForm,
    askRemove,
    confirmRemove,
  }
}
