// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest'
import { fakeFetch, HEALTHY, json, mountApp, type MountedApp } from '../fake-proxy'

let mounted: MountedApp | null = null
afterEach(() => {
  mounted?.wrapper.unmount()
  mounted = null
  document.body.replaceChildren()
})

const EMPTY_PAGE = { data: [], total: 0, page: 1, limit: 50, facets: { actions: [], actors: [] } }

describe('the audit filter with the dates the wrong way round', () => {
  it('says so and asks nothing until they are put right', async () => {
    const { fetch, seen } = fakeFetch({ ...HEALTHY, 'GET /api/audit': () => json(200, EMPTY_PAGE) })
    mounted = await mountApp('/audit', { fetch, token: 'tok', role: 'admin' })
    const from = () => mounted!.wrapper.get('[data-testid="audit-from"]')
    const to = () => mounted!.wrapper.get('[data-testid="audit-to"]')
    await vi.waitFor(() => expect(mounted!.wrapper.find('[data-testid="audit-from"]').exists()).toBe(true), {
      timeout: 10_000,
    })
    const asked = () => seen.filter((r) => r.path.startsWith('/api/audit?')).length

    await from().setValue('2026-12-07')
    await to().setValue('2026-12-01')
    await vi.waitFor(
      () =>
        expect(mounted!.wrapper.get('[data-testid="audit-range-inverted"]').text()).toBe(
          'Boshlanish sanasi tugash sanasidan keyin: sanalarni almashtiring.',
        ),
      { timeout: 10_000 },
    )
    const before = asked()
    await to().setValue('2026-12-09')
    await vi.waitFor(() => expect(asked()).toBe(before + 1), { timeout: 10_000 })
    expect(mounted.wrapper.find('[data-testid="audit-range-inverted"]').exists()).toBe(false)
    expect(seen.at(-1)?.path).toContain('from=')
  })
})
