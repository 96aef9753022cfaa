import { onMounted, ref, shallowRef } from 'vue'
import { estimateStorage, isStoragePersistent, type StorageQuota } from '../db/storage'

/** How much of the tablet's storage the app uses and may use, and whether the browser promised to keep it. */
export function useStorageQuota() {
  const quota = shallowRef<StorageQuota | null>(null)
  const persistent = ref<boolean | null>(null)

  async function refresh(): Promise<void> {
    const [estimate, persisted] = await Promise.all([estimateStorage(), isStoragePersistent()])
    quota.value = estimate
    persistent.value = persisted
  }

  onMounted(refresh)
  return { quota, persistent, refresh }
}
