import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import { apiClientKey } from './composables/useApi'
import { createStartupI18n } from './i18n/startup'
import { createLazyApiClient } from './lazyApiClient'
import { createAppRouter } from './router'
import { useAppUpdateStore } from './stores/appUpdate'
import { useSessionStore } from './stores/session'
import './styles/base.css'

async function start(): Promise<void> {
  const app = createApp(App)
  const pinia = createPinia()
  app.use(pinia)
  app.use(await createStartupI18n())
  app.use(createAppRouter())

  const session = useSessionStore(pinia)
  app.provide(
    apiClientKey,
    createLazyApiClient({
      baseUrl: () => session.baseUrl,
      token: () => session.token,
      onUnauthorized: () => session.forget('revoked'),
    }),
  )
  app.mount('#app')

  // The service worker glue imports a Vite virtual module; loading it lazily keeps it out of the unit tests
  // and out of the first paint.
  void import('./pwa/useAppUpdate').then(({ useAppUpdate }) => useAppUpdate(useAppUpdateStore(pinia)))
}

void start()
