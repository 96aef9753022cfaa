import { onMounted, ref, shallowRef, watch } from 'vue'
import type { WebhookUrls } from '../../shared/api/webhooks'
import { webhookUrls } from '../api/webhooks'
import { useSessionStore } from '../stores/session'
import { useApi } from './useApi'

/** The backend's webhook URLs as the proxy knows them (possibly its kept copy), read-only. */
export function useWebhookUrls() {
  const api = useApi()
  const session = useSessionStore()
  const urls = shallowRef<WebhookUrls | null>(null)
  const error = shallowRef<unknown>(null)
  const loading = ref(false)

  async function reload(): Promise<void> {
    if (!session.isPaired) return
    loading.value = true
    try {
      urls.value = await webhookUrls(api)
      error.value = null
    } catch (failure) {
      error.value = failure
    } finally {
      loading.value = false
    }
  }

  onMounted(reload)
  watch(
    () => session.isPaired,
    () => void reload(),
  )
  return { urls, error, loading, reload }
}
