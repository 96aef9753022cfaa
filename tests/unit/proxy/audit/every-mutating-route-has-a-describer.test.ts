import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../../../proxy/config'
import { DESCRIBERS, isDescribed } from '../../../../proxy/domain/audit/describers'
import { createApp } from '../../../../proxy/http/app'
import { createLogger } from '../../../../proxy/log'
import { createServices } from '../../../../proxy/services'
import { openMemoryDatabase } from '../../../../proxy/store/db'

const dataDir = mkdtempSync(join(tmpdir(), 'sr-audit-routes-'))
afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/** "METHOD /path" of every mutating API route the real app mounts. */
function mountedMutatingRoutes(): string[] {
  const config = loadConfig({ SR_DATA_DIR: dataDir, SR_ADMIN_TOKEN: 'audit-routes-test-admin-token' })
  const db = openMemoryDatabase()
  const logger = createLogger('silent')
  const services = createServices(config, db, logger)
  const app = createApp({ config, db, logger, version: 'test', distDir: null, caPem: null, services })
  const routes = app.routes
    .filter((route) => MUTATING.has(route.method) && route.path.startsWith('/api/'))
    .map((route) => `${route.method} ${route.path}`)
  services.audit.log.stopPruning()
  db.close()
  return [...new Set(routes)].sort()
}

describe('the audit trail', () => {
  const mounted = mountedMutatingRoutes()

  it('has a describer for every mutating route the app mounts (add one in proxy/domain/audit/describers.ts)', () => {
    const missing = mounted.filter((route) => {
      const [method = '', path = ''] = route.split(' ')
      return !isDescribed(method, path)
    })
    expect(missing).toEqual([])
  })

  it('describes no route the app does not mount', () => {
    expect(Object.keys(DESCRIBERS).filter((route) => !mounted.includes(route))).toEqual([])
  })

  it('names each described action once, so a retry finds the describer of the action it repeats', () => {
    const actions = Object.values(DESCRIBERS).map((describer) => describer.action)
    expect(new Set(actions).size).toBe(actions.length)
  })
})
