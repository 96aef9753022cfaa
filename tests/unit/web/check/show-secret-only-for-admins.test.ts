// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest'
import { fakeFetch, HEALTHY, json, mountApp, statusStream, type MountedApp } from '../fake-proxy'
import { LIVE_STATUS } from './live-status'
import uz from '../../../../web/i18n/messages/uz'

let mounted: MountedApp | null = null
afterEach(() => {
  mounted?.wrapper.unmount()
  mounted = null
  document.body.replaceChildren()
})

const SECRET = 's3cr3t0value'

/** The URLs as the proxy answers each role: an operator's come with the secret already taken out. */
function checkPage(role: 'admin' | 'operator') {
  const secret = role === 'admin' ? SECRET : '***'
  return fakeFetch({
    ...HEALTHY,
    'GET /api/devices/status/stream': () => statusStream([LIVE_STATUS]),
    'GET /api/webhooks': () =>
      json(200, {
        in: `http://127.0.0.1:9000/webhook/school-1/in?secret=${secret}`,
        out: `http://127.0.0.1:9000/webhook/school-1/out?secret=${secret}`,
        fetchedAt: '2026-12-07T05:00:00.000Z',
        source: 'backend',
      }),
  })
}

describe('the webhook URLs card', () => {
  it('gives an admin the "show secret" toggle, which shows the secret', async () => {
    const { fetch } = checkPage('admin')
    mounted = await mountApp('/check', { fetch, token: 'tok', role: 'admin' })
    await vi.waitFor(() => expect(mounted!.wrapper.find('[data-testid="webhook-in"]').exists()).toBe(true))
    expect(mounted.wrapper.get('[data-testid="webhook-in"]').text()).not.toContain(SECRET)
    await mounted.wrapper.get('[data-testid="webhook-show-secret"]').trigger('click')
    expect(mounted.wrapper.get('[data-testid="webhook-in"]').text()).toContain(SECRET)
  })

  it('shows an operator no address and no "show secret" toggle: the fix in plain words', async () => {
    const { fetch } = checkPage('operator')
    mounted = await mountApp('/check', { fetch, token: 'tok', role: 'operator' })
    await vi.waitFor(() =>
      expect(mounted!.wrapper.find('[data-testid="webhook-apply-all"]').exists()).toBe(true),
    )
    const hooks = mounted.wrapper.get('[data-testid="webhook-urls"]')
    expect(hooks.find('[data-testid="webhook-in"]').exists()).toBe(false)
    expect(hooks.text()).not.toContain('/webhook/')
    expect(hooks.text()).toContain(uz.check.webhooks.plainTitle)
    expect(mounted.wrapper.find('[data-testid="webhook-show-secret"]').exists()).toBe(false)
    const labels = mounted.wrapper.findAll('button').map((b) => b.text())
    expect(labels).not.toContain(uz.check.webhooks.showSecret)
  })
})
