import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../../../proxy/config'
import { DESCRIBERS, declaredRoute, isDescribed } from '../../../../proxy/domain/audit/describers'
import { createApi } from '../../../../proxy/http/api'
import { createLogger } from '../../../../proxy/log'
import { createServices } from '../../../../proxy/services'
import { openMemoryDatabase } from '../../../../proxy/store/db'
import { ROUTES, routeKey } from '../../../../shared/api/routes'

const dataDir = mkdtempSync(join(tmpdir(), 'sr-audit-routes-'))
afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/** "METHOD /path" of every mutating API route the real app mounts. */
function mountedMutatingRoutes(): string[] {
  const config = loadConfig({ SR_DATA_DIR: dataDir, SR_ADMIN_TOKEN: 'audit-routes-test-admin-token' })
  const db = openMemoryDatabase()
  const logger = createLogger('silent')
  const services = createServices(config, db, logger)
  const app = createApi({ config, db, logger, version: 'test', distDir: null, caPem: null, services })
  const routes = app.routes
    .filter((route) => MUTATING.has(route.method) && route.path.startsWith('/api/'))
    .map((route) => `${route.method} ${route.path}`)
  services.audit.log.stopPruning()
  db.close()
  return [...new Set(routes)].sort()
}

describe('the audit trail', () => {
  const mounted = mountedMutatingRoutes()

  it('knows every mutating route the app mounts by its declaration (shared/api/routes)', () => {
    const undeclared = mounted.filter((route) => {
      const [method = '', path = ''] = route.split(' ')
      return !declaredRoute(method, path)
    })
    expect(undeclared).toEqual([])
  })

  it('has an action in the declaration of every mutating route, and none on a read', () => {
    const mutating = ROUTES.filter((route) => MUTATING.has(route.method))
    expect(mutating.filter((route) => !route.audit).map(routeKey)).toEqual([])
    expect(ROUTES.filter((route) => !MUTATING.has(route.method) && route.audit).map(routeKey)).toEqual([])
  })

  it('has a describer for every mutating route the app mounts (add one in proxy/domain/audit/describers.ts)', () => {
    const missing = mounted.filter((route) => {
      const [method = '', path = ''] = route.split(' ')
      return !isDescribed(method, path)
    })
    expect(missing).toEqual([])
  })

  it('describes no route the app does not mount', () => {
    expect([...DESCRIBERS.keys()].map(routeKey).filter((route) => !mounted.includes(route))).toEqual([])
  })

  it('names each described action once, so a retry finds the describer of the action it repeats', () => {
    const actions = [...DESCRIBERS.keys()].map((route) => route.audit)
    expect(new Set(actions).size).toBe(actions.length)
  })
})
