import { describe, expect, it } from 'vitest'
import { createApp } from '../../../../proxy/http/app'
import { JobsRepo } from '../../../../proxy/store/jobs-repo'
import { admin, bearer, testContext } from './test-context'

function withQueuedJob() {
  const ctx = testContext()
  new JobsRepo(ctx.db).create({
    id: 'job-1',
    type: 'clone-device-to-device',
    sourceDeviceId: 'd-1',
    targetDeviceId: 'd-2',
    capacity: null,
    warning: null,
    startedAt: '2026-12-07T05:00:00.000Z',
  })
  return { ctx, app: createApp(ctx) }
}

/** Reads an event stream until it ends; resolves with what it carried. */
async function readToEnd(response: Response): Promise<string> {
  const reader = response.body!.getReader()
  const decoder = new TextDecoder()
  let text = ''
  for (;;) {
    const { done, value } = await reader.read()
    if (done) return text
    text += decoder.decode(value, { stream: true })
  }
}

describe('unpairing a screen', () => {
  it('closes the job event stream the screen holds open', async () => {
    const { ctx, app } = withQueuedJob()
    const screen = ctx.services.tokens.create('Kirish plansheti', 'operator')
    const stream = await app.request('/api/jobs/job-1/events', { headers: bearer(screen.token) })
    expect(stream.status).toBe(200)
    const ended = readToEnd(stream)
    let over = false
    void ended.then(() => (over = true))
    // the stream has sent the job once and now waits for changes
    await expect.poll(() => ctx.services.tokens.get(screen.info.id)?.lastUsedAt).not.toBeNull()
    expect(over).toBe(false)

    const revoked = await app.request(`/api/tokens/${screen.info.id}`, { method: 'DELETE', headers: admin })
    expect(revoked.status).toBe(204)
    expect(await ended).toContain('event: job')
  })

  it('leaves the streams of other screens open', async () => {
    const { ctx, app } = withQueuedJob()
    const kept = ctx.services.tokens.create('Ofis', 'operator')
    const gone = ctx.services.tokens.create('Yoʻqolgan planshet', 'operator')
    const stream = await app.request('/api/jobs/job-1/events', { headers: bearer(kept.token) })
    const reader = stream.body!.getReader()
    await reader.read()
    await app.request(`/api/tokens/${gone.info.id}`, { method: 'DELETE', headers: admin })
    let ended = false
    const next = reader.read().then((r) => (ended = r.done))
    await Promise.race([next, new Promise((resolve) => setImmediate(resolve))])
    expect(ended).toBe(false)
    await reader.cancel()
  })

  it('refuses to unpair the last admin screen, and unpairs it once another admin exists', async () => {
    const ctx = testContext()
    const app = createApp(ctx)
    const only = ctx.services.tokens.create('Direktor', 'admin')
    const refused = await app.request(`/api/tokens/${only.info.id}`, {
      method: 'DELETE',
      headers: bearer(only.token),
    })
    expect(refused.status).toBe(409)
    expect(await refused.json()).toMatchObject({
      error: { code: 'conflict', details: { reason: 'last_admin' } },
    })
    expect((await app.request('/api/me', { headers: bearer(only.token) })).status).toBe(200)

    ctx.services.tokens.create('Zavuch', 'admin')
    const done = await app.request(`/api/tokens/${only.info.id}`, { method: 'DELETE', headers: admin })
    expect(done.status).toBe(204)
  })
})
