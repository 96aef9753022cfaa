import { z } from 'zod'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ClassListItem, ClassListResponse } from '../../../shared/api/backend'
import type { RunningProxy } from '../../helpers/proxy-process'
import { startBackend, type SimBackend } from '../../sim/backend'
import { ErrorBody, json, operatorFetch, startProxyFor } from './rig'

describe('GET and POST /api/classes', () => {
  let sim: SimBackend
  let proxy: RunningProxy

  const post = (body: unknown, fetcher = proxy.adminFetch) =>
    fetcher('/api/classes', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })

  beforeAll(async () => {
    sim = await startBackend()
    await sim.seedSchool({ classes: 3 })
    proxy = await startProxyFor(sim)
  })
  afterAll(async () => {
    await proxy?.stop()
    await sim?.close()
  })

  it('lists the school’s classes as {id, name, gradeLevel}', async () => {
    const response = await proxy.adminFetch('/api/classes')
    expect(response.status).toBe(200)
    expect(response.headers.get('x-stale')).toBeNull()
    const classes = await json(ClassListResponse, response)
    expect(classes.map((c) => c.name).sort()).toEqual(['1-A', '1-B', '1-C'])
    expect(classes.every((c) => c.gradeLevel === 1 && c.stale === undefined)).toBe(true)
  })

  it('creates a class (admin only) and keeps it in the offline copy', async () => {
    const operator = await operatorFetch(proxy)
    const refused = await post({ name: '5-A', gradeLevel: 5 }, operator)
    expect(refused.status).toBe(403)
    expect((await json(ErrorBody, refused)).error.code).toBe('forbidden')

    const bad = await post({ name: '', gradeLevel: 5 })
    expect(bad.status).toBe(400)
    expect((await json(ErrorBody, bad)).error).toMatchObject({ code: 'validation_failed', field: 'name' })

    const created = await post({ name: '5-A', gradeLevel: 5 })
    expect(created.status).toBe(201)
    expect(await json(ClassListItem, created)).toMatchObject({ name: '5-A', gradeLevel: 5 })
    expect([...sim.state.classes.values()].some((c) => c.name === '5-A')).toBe(true)
  })

  it('serves the last list marked stale while the school server is down, even after a restart', async () => {
    await sim.setMode('down')
    try {
      const check = async () => {
        const response = await proxy.adminFetch('/api/classes')
        expect(response.status).toBe(200)
        expect(response.headers.get('x-stale')).toBe('1')
        const classes = await json(ClassListResponse, response)
        expect(classes.map((c) => c.name).sort()).toEqual(['1-A', '1-B', '1-C', '5-A'])
        expect(classes.every((c) => c.stale === true)).toBe(true)
      }
      await check()
      await proxy.stop()
      proxy = await startProxyFor(sim, { dataDir: proxy.dataDir })
      await check()
      const create = await post({ name: '6-A', gradeLevel: 6 })
      expect(create.status).toBe(503)
      expect((await json(ErrorBody, create)).error.code).toBe('backend_unavailable')
    } finally {
      await sim.setMode('up')
    }
    const fresh = await proxy.adminFetch('/api/classes')
    expect(fresh.headers.get('x-stale')).toBeNull()
    expect(z.array(ClassListItem).parse(await fresh.json())).toHaveLength(4)
  })
})
