import { Settings, SettingsUpdate } from '../settings'
import type { RouteDeclaration } from './route'

export const readSettings = {
  method: 'GET',
  path: '/api/settings',
  access: 'admin',
  what: 'the settings changed from the app (audit retention; the environment gives the default)',
  status: 200,
  answer: Settings,
} as const satisfies RouteDeclaration

export const updateSettings = {
  method: 'PUT',
  path: '/api/settings',
  access: 'admin',
  what: 'change settings; fields left out stay; a shorter retention prunes the audit trail at once',
  status: 200,
  body: SettingsUpdate,
  answer: Settings,
  audit: 'settings.update',
} as const satisfies RouteDeclaration

/** The settings routes, in the order the API doc lists them. */
export const settingsGroup = [readSettings, updateSettings] as const
