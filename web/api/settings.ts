import { Settings, type SettingsUpdate } from '../../shared/api'
import type { ApiClient } from './client'

/** `GET /api/settings`: the proxy's own settings (how long the audit trail is kept). */
export function proxySettings(api: ApiClient): Promise<Settings> {
  return api.request('GET', '/api/settings', { schema: Settings })
}

/** `PUT /api/settings` (admin): answers the settings as now kept. */
export function saveProxySettings(api: ApiClient, body: SettingsUpdate): Promise<Settings> {
  return api.request('PUT', '/api/settings', { schema: Settings, body })
}
