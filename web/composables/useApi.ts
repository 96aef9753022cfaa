import { inject, type InjectionKey } from 'vue'
import type { ApiClient } from '../api/client'

export const apiClientKey: InjectionKey<ApiClient> = Symbol('apiClient')

/** The proxy client the app was started with (main.ts provides it; tests provide their own). */
export function useApi(): ApiClient {
  const client = inject(apiClientKey, null)
  if (!client) throw new Error('useApi(): no ApiClient provided; call app.provide(apiClientKey, client)')
  return client
}
