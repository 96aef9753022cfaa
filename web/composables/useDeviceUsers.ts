import { computed, onScopeDispose, ref, shallowRef, watch } from 'vue'
import type { DeviceUser } from '../../shared/api'
import { useApi } from './useApi'

export const USERS_PAGE_SIZE = 20
const SEARCH_DELAY_MS = 350

/**
 * The people on one device, a page at a time (`offset`/`limit`, as the device searches), with a search
 * that waits for the typing to pause. A slower earlier answer never overwrites a newer one.
 */
export function useDeviceUsers(deviceId: () => string | null, pageSize = USERS_PAGE_SIZE) {
  const api = useApi()
  const users = shallowRef<DeviceUser[]>([])
  const total = ref(0)
  const offset = ref(0)
  const query = ref('')
  const loading = ref(false)
  const error = shallowRef<unknown>(null)
  const removing = ref<string | null>(null)
  let controller: AbortController | null = null
  let searchTimer: ReturnType<typeof setTimeout> | undefined

  const page = computed(() => Math.floor(offset.value / pageSize) + 1)
  const pages = computed(() => Math.max(1, Math.ceil(total.value / pageSize)))
  const hasPrevious = computed(() => offset.value > 0)
  const hasNext = computed(() => offset.value + pageSize < total.value)

  async function load(): Promise<void> {
    const id = deviceId()
    controller?.abort()
    if (!id) {
      users.value = []
      total.value = 0
      return
    }
    const mine = new AbortController()
    controller = mine
    loading.value = true
    error.value = null
    try {
      const answer = await api.listDeviceUsers(
        id,
        { offset: offset.value, limit: pageSize, q: query.value.trim() || undefined },
        mine.signal,
      )
      if (controller !== mine) return
      users.value = answer.users
      total.value = answer.total
    } catch (failure) {
      if (controller !== mine) return
      error.value = failure
    } finally {
      if (controller === mine) loading.value = false
    }
  }

  function goTo(nextOffset: number): Promise<void> {
    offset.value = Math.max(0, nextOffset)
    return load()
  }

  const next = () => (hasNext.value ? goTo(offset.value + pageSize) : Promise.resolve())
  const previous = () => (hasPrevious.value ? goTo(offset.value - pageSize) : Promise.resolve())

  /** Sets the search text; the device is asked once the typing pauses, from the first page. */
  function search(text: string): void {
    query.value = text
    clearTimeout(searchTimer)
    searchTimer = setTimeout(() => void goTo(0), SEARCH_DELAY_MS)
  }

  /** Deletes one person (and face) from the device, then reloads the page it was on. */
  async function remove(employeeNo: string): Promise<boolean> {
    const id = deviceId()
    if (!id) return false
    removing.value = employeeNo
    error.value = null
    try {
      await api.deleteDeviceUser(id, employeeNo)
      const lastOnPage = users.value.length === 1 && offset.value > 0
      await goTo(lastOnPage ? offset.value - pageSize : offset.value)
      return true
    } catch (failure) {
      error.value = failure
      return false
    } finally {
      removing.value = null
    }
  }

  watch(deviceId, () => {
    query.value = ''
    void goTo(0)
  })
  onScopeDispose(() => {
    clearTimeout(searchTimer)
    controller?.abort()
  })

  return {
    users,
    total,
    offset,
    query,
    page,
    pages,
    loading,
    error,
    removing,
    hasPrevious,
    hasNext,
    load,
    next,
    previous,
    search,
    remove,
  }
}
