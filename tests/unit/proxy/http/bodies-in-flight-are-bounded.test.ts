import { describe, expect, it } from 'vitest'
import { createApp } from '../../../../proxy/http/app'
import { ByteBudget } from '../../../../proxy/net/byte-budget'
import { admin, json, testContext } from './test-context'

const never = new AbortController().signal
const device = { name: 'Kirish', host: 'bad host', username: 'admin', password: 'secret-1' }
// as a real client sends it: with its length
const body = JSON.stringify(device)
const post = () => json(device, { ...admin, 'content-length': String(Buffer.byteLength(body)) })

describe('the budget of request bodies in flight', () => {
  it('admits bodies while they fit, then one at a time as room is given back, first come first served', async () => {
    const budget = new ByteBudget(10)
    const first = await budget.reserve(6, never)
    const order: string[] = []
    const big = budget.reserve(8, never).then((release) => (order.push('big'), release))
    const small = budget.reserve(2, never).then((release) => (order.push('small'), release))
    expect(budget.queued).toBe(2)
    expect(budget.inUse).toBe(6)
    ;(first as () => void)()
    const releaseBig = await big
    const releaseSmall = await small
    expect(order).toEqual(['big', 'small'])
    expect(budget.inUse).toBe(10)
    ;(releaseBig as () => void)()
    ;(releaseSmall as () => void)()
    expect(budget.inUse).toBe(0)
  })

  it('drops a waiting body whose caller went away, and lets the ones behind it through', async () => {
    const budget = new ByteBudget(10)
    const held = (await budget.reserve(9, never)) as () => void
    const gone = new AbortController()
    const big = budget.reserve(10, gone.signal)
    const small = budget.reserve(1, never)
    gone.abort()
    expect(await big).toBe(false)
    expect(typeof (await small)).toBe('function')
    held()
  })

  it('answers 503 busy with Retry-After when a body waits too long', async () => {
    const ctx = testContext()
    ctx.services.bodyBudget = new ByteBudget(200, 200)
    const app = createApp(ctx)
    // uploads in flight hold the whole budget
    const uploads = (await ctx.services.bodyBudget.reserve(200, never)) as () => void

    const refused = await app.request('/api/devices', post())
    expect(refused.status).toBe(503)
    expect(refused.headers.get('retry-after')).toBe('5')
    expect(await refused.json()).toMatchObject({ error: { code: 'busy' } })
    expect(ctx.services.bodyBudget.queued).toBe(0)
    uploads()
  })

  it('admits a waiting body once room is back', async () => {
    const ctx = testContext()
    // a wait no machine reaches: the body is admitted by the room given back, not by the clock
    ctx.services.bodyBudget = new ByteBudget(200, 600_000)
    const app = createApp(ctx)
    const uploads = (await ctx.services.bodyBudget.reserve(200, never)) as () => void

    const waiting = app.request('/api/devices', post())
    await expect.poll(() => ctx.services.bodyBudget.queued, { timeout: 20_000 }).toBe(1)
    uploads()
    const answered = await waiting
    expect(answered.status).toBe(400)
    expect(ctx.services.bodyBudget.inUse).toBe(0)
  })

  it('lets requests without a body through untouched', async () => {
    const ctx = testContext()
    ctx.services.bodyBudget = new ByteBudget(1, 200)
    await ctx.services.bodyBudget.reserve(1, never)
    const response = await createApp(ctx).request('/api/devices', { headers: admin })
    expect(response.status).toBe(200)
  })
})
