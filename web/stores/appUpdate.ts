import { defineStore } from 'pinia'
import { ref, watch } from 'vue'
import { useWorkStore } from './work'

/**
 * The state of a new app version, fed by the service worker registration (web/pwa/useAppUpdate.ts).
 * A reload never happens while work is running: it waits until the work store is idle.
 */
export const useAppUpdateStore = defineStore('appUpdate', () => {
  const work = useWorkStore()
  const needRefresh = ref(false)
  const offlineReady = ref(false)
  const reloadPending = ref(false)
  let activate: (() => Promise<void>) | null = null
  let reload: () => void = () => globalThis.location.reload()

  function connect(hooks: { activate: () => Promise<void>; reload?: () => void }): void {
    activate = hooks.activate
    if (hooks.reload) reload = hooks.reload
  }

  /** The person tapped "Update": let the waiting service worker take over (it then asks for a reload). */
  async function apply(): Promise<void> {
    if (work.isBusy || !activate) return
    needRefresh.value = false
    await activate()
  }

  /** The new service worker controls the page; reload now, or as soon as the running work ends. */
  function requestReload(): void {
    if (!work.isBusy) {
      reload()
      return
    }
    reloadPending.value = true
  }

  watch(
    () => work.isBusy,
    (busy) => {
      if (!busy && reloadPending.value) {
        reloadPending.value = false
        reload()
      }
    },
  )

  function dismiss(): void {
    needRefresh.value = false
  }

  return { needRefresh, offlineReady, reloadPending, connect, apply, requestReload, dismiss }
})
