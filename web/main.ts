import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import { createApiClient } from './api/client'
import { apiClientKey } from './composables/useApi'
import { createAppI18n } from './i18n'
import { createAppRouter } from './router'
import { useAppUpdateStore } from './stores/appUpdate'
import { useSessionStore } from './stores/session'
import './styles/base.css'

const app = createApp(App)
const pinia = createPinia()
app.use(pinia)
app.use(createAppI18n())
app.use(createAppRouter())

const session = useSessionStore(pinia)
app.provide(
  apiClientKey,
  createApiClient({
    baseUrl: () => session.baseUrl,
    token: () => session.token,
    onUnauthorized: () => session.forget('revoked'),
  }),
)
app.mount('#app')

// The service worker glue imports a Vite virtual module; loading it lazily keeps it out of the unit tests
// and out of the first paint.
void import('./pwa/useAppUpdate').then(({ useAppUpdate }) => useAppUpdate(useAppUpdateStore(pinia)))
