import { shallowRef } from 'vue'
import type { WebhookUrls } from '../../shared/api/webhooks'
import { webhookUrls } from '../api/webhooks'
import { useApi } from './useApi'
import { usePairedRead } from './usePairedRead'

/** The backend's webhook URLs as the proxy knows them (possibly its kept copy), read-only. */
export function useWebhookUrls() {
  const api = useApi()
  const urls = shallowRef<WebhookUrls | null>(null)
  const { error, loading, reload } = usePairedRead(async () => {
    urls.value = await webhookUrls(api)
  })
  return { urls, error, loading, reload }
}
