import { computed, reactive, ref, shallowRef } from 'vue'
import type { Device, DeviceTestResult } from '../../shared/api'
import { ApiError, isApiError } from '../api/errors'
import {
  emptyDeviceForm,
  fieldOfError,
  formFromDevice,
  passwordExpired,
  splitAddress,
  toDeviceCreate,
  toDevicePatch,
  validateDeviceForm,
  type DeviceField,
  type DeviceFormErrors,
  type DeviceFormValues,
} from '../components/devices/deviceForm'
import { useApi } from './useApi'

export type DeviceFormStep = 'idle' | 'saving' | 'testing'

/**
 * The add/edit form of one device: checks the fields, saves (create, or only what changed), then tests the
 * connection, since a device that cannot be reached is no use. A failed test keeps the saved device, so
 * fixing the password and pressing again patches it instead of adding a second one. The proxy's refusal
 * is kept as is (`failure`) and pinned to the field it is about (`failureField`).
 */
export function useDeviceForm(onSaved?: (device: Device) => void) {
  const api = useApi()
  const values = reactive<DeviceFormValues>(emptyDeviceForm())
  const device = shallowRef<Device | null>(null)
  const errors = ref<DeviceFormErrors>({})
  const failure = shallowRef<unknown>(null)
  const testResult = shallowRef<DeviceTestResult | null>(null)
  const step = ref<DeviceFormStep>('idle')
  /** the proxy refused the stored password or said it expired: ask for it as if the device were new */
  const passwordAskedAgain = ref(false)

  const isEdit = computed(() => device.value !== null)
  const passwordRequired = computed(
    () => device.value === null || passwordAskedAgain.value || passwordExpired(device.value),
  )
  const busy = computed(() => step.value !== 'idle')
  const failureField = computed<DeviceField | null>(() =>
    isApiError(failure.value) ? fieldOfError(failure.value) : null,
  )

  function open(existing: Device | null): void {
    Object.assign(values, existing ? formFromDevice(existing) : emptyDeviceForm())
    device.value = existing
    errors.value = {}
    failure.value = null
    testResult.value = null
    passwordAskedAgain.value = false
  }

  /** A pasted `http://127.0.0.1:8080` or `127.0.0.1:8000`: its scheme and port go to their own fields. */
  function splitPastedHost(): void {
    const parts = splitAddress(values.host)
    values.host = parts.host
    if (parts.port) values.port = parts.port
    if (parts.scheme) values.scheme = parts.scheme
  }

  /** Saves when anything changed, then tests. Resolves true when the device answered. */
  async function submit(): Promise<boolean> {
    splitPastedHost()
    errors.value = validateDeviceForm(values, passwordRequired.value)
    if (Object.keys(errors.value).length > 0) return false
    return attempt(async () => {
      step.value = 'saving'
      device.value = await save()
      values.password = ''
      passwordAskedAgain.value = false
      onSaved?.(device.value)
      return runTest(device.value)
    })
  }

  /** Tests the stored device as it is, without saving the form. */
  async function test(): Promise<boolean> {
    const stored = device.value
    return stored ? attempt(() => runTest(stored)) : submit()
  }

  /** One save or test: the last outcome is cleared first, a failure is kept for the form to show. */
  async function attempt(work: () => Promise<boolean>): Promise<boolean> {
    failure.value = null
    testResult.value = null
    try {
      return await work()
    } catch (error) {
      fail(error)
      return false
    } finally {
      step.value = 'idle'
    }
  }

  async function save(): Promise<Device> {
    const stored = device.value
    if (!stored) return api.createDevice(toDeviceCreate(values))
    const patch = toDevicePatch(values, stored)
    return Object.keys(patch).length === 0 ? stored : api.updateDevice(stored.id, patch)
  }

  async function runTest(target: Device): Promise<boolean> {
    step.value = 'testing'
    const result = await api.testDevice(target.id)
    testResult.value = result
    if (result.device) {
      device.value = result.device
      onSaved?.(result.device)
    }
    return true
  }

  function fail(error: unknown): void {
    failure.value = error
    // A refused or expired password is asked for again: pressing Save with the field empty would only
    // repeat the same refusal, and each one brings the device nearer to locking itself.
    if (
      error instanceof ApiError &&
      (error.code === 'credentials_expired' || error.code === 'device_auth_failed')
    ) {
      passwordAskedAgain.value = true
      values.password = ''
    }
  }

  return {
    values,
    device,
    errors,
    failure,
    failureField,
    testResult,
    step,
    busy,
    isEdit,
    passwordRequired,
    open,
    submit,
    splitPastedHost,
    test,
  }
}
