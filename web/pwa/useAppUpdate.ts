import { watch } from 'vue'
import { useRegisterSW } from 'virtual:pwa-register/vue'
import type { useAppUpdateStore } from '../stores/appUpdate'

const UPDATE_CHECK_INTERVAL_MS = 60 * 60 * 1000

/**
 * Registers the service worker and feeds the update store. This module imports a Vite virtual module,
 * so it is only ever loaded with a dynamic import from main.ts (it cannot resolve under vitest).
 */
export function useAppUpdate(store: ReturnType<typeof useAppUpdateStore>): void {
  const { needRefresh, offlineReady, updateServiceWorker } = useRegisterSW({
    immediate: true,
    // the new worker took control: reload, but never in the middle of an enrollment
    onNeedReload: () => store.requestReload(),
    onRegisteredSW: (swUrl, registration) => {
      if (!registration) return
      // a worker that is already active serves the app when the proxy is down
      if (registration.active) store.offlineReady = true
      checkForUpdatesHourly(swUrl, registration)
    },
    onRegisterError: (error: unknown) => console.warn('service worker registration failed', error),
  })
  watch(needRefresh, (value) => (store.needRefresh = value), { immediate: true })
  watch(offlineReady, (ready) => {
    if (ready) store.offlineReady = true
  })
  store.connect({ activate: () => updateServiceWorker() })
}

function checkForUpdatesHourly(swUrl: string, registration: ServiceWorkerRegistration): void {
  setInterval(async () => {
    if (registration.installing || !navigator.onLine) return
    // asking the server first keeps an unreachable proxy from turning into an update error
    const answer = await fetch(swUrl, { cache: 'no-store', headers: { 'cache-control': 'no-cache' } }).catch(
      () => null,
    )
    if (answer?.status === 200) await registration.update().catch(() => undefined)
  }, UPDATE_CHECK_INTERVAL_MS)
}
