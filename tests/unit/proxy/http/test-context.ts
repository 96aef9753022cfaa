import { loadConfig, type Config } from '../../../../proxy/config'
import type { AppContext } from '../../../../proxy/http/context'
import { createLogger } from '../../../../proxy/log'
import { createServices } from '../../../../proxy/services'
import { openMemoryDatabase } from '../../../../proxy/store/db'

export const ADMIN_TOKEN = 'unit-test-admin-token-0123456789'
export const DEV_ORIGIN = 'http://localhost:5173'

/** A full AppContext on an in-memory database, for driving `createApp(ctx)` with `app.request()`. */
export function testContext(overrides: Partial<Config> & { distDir?: string | null } = {}): AppContext {
  const { distDir = null, ...configOverrides } = overrides
  const config: Config = {
    ...loadConfig({ SR_ADMIN_TOKEN: ADMIN_TOKEN, SR_ALLOWED_ORIGINS: DEV_ORIGIN }, '/tmp'),
    ...configOverrides,
  }
  const db = openMemoryDatabase()
  const logger = createLogger('silent')
  return {
    config,
    db,
    logger,
    version: '0.0.0-test',
    distDir,
    caPem: null,
    services: createServices(config, db, logger),
  }
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` })
export const admin = bearer(ADMIN_TOKEN)
export const json = (body: unknown, headers: Record<string, string> = {}) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
})
