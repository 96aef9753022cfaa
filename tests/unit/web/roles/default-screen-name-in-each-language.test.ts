// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { TokenInfo } from '../../../../shared/api'
import { defaultScreenName } from '../../../../shared/api/pairing'
import { fakeFetch, HEALTHY, json, mountApp, type MountedApp } from '../fake-proxy'

let mounted: MountedApp | null = null
afterEach(() => {
  mounted?.wrapper.unmount()
  mounted = null
  document.body.replaceChildren()
})

const SCREENS: TokenInfo[] = [
  {
    id: 'tok-2',
    name: defaultScreenName(2),
    role: 'operator',
    createdAt: '2026-11-21T08:00:00.000Z',
    lastUsedAt: null,
    revokedAt: null,
  },
  {
    id: 'tok-3',
    name: 'Kirish planshet',
    role: 'operator',
    createdAt: '2026-11-21T08:00:00.000Z',
    lastUsedAt: null,
    revokedAt: null,
  },
]

describe('a screen paired without a name', () => {
  it.each([
    ['ru', 'Экран 2'],
    ['en', 'Screen 2'],
    ['uz', 'Ekran 2'],
  ] as const)('is listed in %s as “%s”; a name a person gave stays as given', async (locale, shown) => {
    const { fetch } = fakeFetch({ ...HEALTHY, 'GET /api/tokens': () => json(200, SCREENS) })
    mounted = await mountApp('/settings', { fetch, token: 'tok', role: 'admin', locale })
    await vi.waitFor(() =>
      expect(mounted!.wrapper.get('[data-testid="tokens-panel"]').text()).toContain(shown),
    )
    const panel = mounted.wrapper.get('[data-testid="tokens-panel"]').text()
    expect(panel).toContain('Kirish planshet')
    if (locale !== 'uz') expect(panel).not.toContain('Ekran 2')
  })
})
