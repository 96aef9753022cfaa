import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../../proxy/config'
import { ROUTES } from '../../../shared/api/routes'
import { createApi } from '../../../proxy/http/api'
import { createLogger } from '../../../proxy/log'
import { createServices } from '../../../proxy/services'
import { openMemoryDatabase } from '../../../proxy/store/db'
import { renderApiDoc } from '../../tools/api-docs/render'

const dataDir = mkdtempSync(join(tmpdir(), 'sr-api-doc-'))
afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

/** "METHOD /path" of every API route the real app mounts (middleware entries and duplicates left out). */
function mountedRoutes(): string[] {
  const config = loadConfig({ SR_DATA_DIR: dataDir, SR_ADMIN_TOKEN: 'api-doc-test-admin-token' })
  const db = openMemoryDatabase()
  const logger = createLogger('silent')
  const services = createServices(config, db, logger)
  const app = createApi({ config, db, logger, version: 'test', distDir: null, caPem: null, services })
  const routes = app.routes
    .filter((route) => route.method !== 'ALL' && route.path.startsWith('/api/'))
    .map((route) => `${route.method} ${route.path}`)
  db.close()
  return [...new Set(routes)].sort()
}

describe('docs/api.md', () => {
  it('lists exactly the declared routes, which are exactly the routes proxy/http/app.ts mounts', () => {
    const documented = ROUTES.map((route) => `${route.method} ${route.path}`).sort()
    expect(documented).toEqual(mountedRoutes())
  })

  it('is what tests/tools/gen-api-docs.ts makes from the route declarations now (run it after changing them)', () => {
    const committed = readFileSync(new URL('../../../docs/api.md', import.meta.url), 'utf8')
    expect(
      committed === renderApiDoc(),
      'docs/api.md is stale: node --import tsx tests/tools/gen-api-docs.ts',
    ).toBe(true)
  })
})
