/// <reference types="vite/client" />
/// <reference types="vite-plugin-pwa/vue" />
declare module '*.vue' {
  import type { DefineComponent } from 'vue'
  const component: DefineComponent<object, object, unknown>
  export default component
}

interface ImportMetaEnv {
  /** the app's version from package.json, set by vite.config.ts */
  readonly VITE_APP_VERSION?: string
}
