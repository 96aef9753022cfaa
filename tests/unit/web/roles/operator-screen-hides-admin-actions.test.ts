// @vitest-environment happy-dom
import { flushPromises } from '@vue/test-utils'
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { useRole } from '../../../../web/composables/useRole'
import { useSessionStore } from '../../../../web/stores/session'
import { fakeFetch, HEALTHY, json, mountApp, statusStream, TWO_DEVICES, type MountedApp } from '../fake-proxy'

let mounted: MountedApp | null = null
afterEach(() => {
  mounted?.wrapper.unmount()
  mounted = null
  document.body.replaceChildren()
})
beforeEach(() => localStorage.clear())
// App.vue loads the draft sender after its first paint; loaded here, it cannot outlive the test file
beforeAll(() => import('../../../../web/composables/useDraftSender'))

const USERS = {
  total: 1,
  users: [{ employeeNo: '4000000001', name: 'Karimova Aziza', hasFace: false }],
}

function proxy() {
  return fakeFetch({
    ...HEALTHY,
    'GET /api/devices': () => json(200, TWO_DEVICES),
    'GET /api/devices/status/stream': () => statusStream([]),
    'GET /api/devices/dev-1/users': () => json(200, USERS),
    'GET /api/tokens': () => json(200, []),
  })
}

const present = (selector: string) => document.querySelector(selector) !== null

async function openAs(path: string, role: 'admin' | 'operator') {
  const { fetch, seen } = proxy()
  mounted = await mountApp(path, { fetch, token: 'tok', role })
  await vi.waitFor(() => expect(document.querySelector('h1')).not.toBeNull())
  await flushPromises()
  return seen
}

describe('what an operator screen is offered', { timeout: 20_000 }, () => {
  it('Devices: the list and its people, but no add, edit, remove or clone', async () => {
    await openAs('/devices', 'operator')
    await vi.waitFor(() => expect(present('[data-testid="device-list"]')).toBe(true))
    expect(document.querySelectorAll('[data-action="users"]')).toHaveLength(2)
    for (const action of ['add-device', 'edit', 'remove', 'clone-db', 'clone-device']) {
      expect(present(`[data-action="${action}"]`), action).toBe(false)
    }
    expect(present('[data-testid="clone-actions"]')).toBe(false)
  })

  it('Devices: an admin gets all of them', async () => {
    await openAs('/devices', 'admin')
    await vi.waitFor(() => expect(present('[data-testid="device-list"]')).toBe(true))
    for (const action of ['add-device', 'edit', 'remove', 'clone-db', 'clone-device']) {
      expect(present(`[data-action="${action}"]`), action).toBe(true)
    }
  })

  it.each([
    ['operator', false],
    ['admin', true],
  ] as const)('the people on a device: a %s screen may delete one: %s', async (role, may) => {
    await openAs('/devices', role)
    await vi.waitFor(() => expect(present('[data-action="users"]')).toBe(true))
    ;(document.querySelector('[data-action="users"]') as HTMLButtonElement).click()
    await vi.waitFor(() => expect(document.body.textContent).toContain('Karimova Aziza'))
    expect(present('[data-action="remove-user"]')).toBe(may)
  })

  it('Settings: pairing, language and the proxy address, but not the screens list or pairing others', async () => {
    const seen = await openAs('/settings', 'operator')
    expect(present('[data-testid="pairing-panel"]')).toBe(true)
    expect(present('[data-testid="tokens-panel"]')).toBe(false)
    expect(present('[data-testid="pair-another-panel"]')).toBe(false)
    expect(seen.some((request) => request.path.startsWith('/api/tokens'))).toBe(false)
    expect(document.querySelector('[data-testid="paired-role"]')?.textContent).toContain('„Operator“')
  })

  it('Settings: an admin gets the screens list and pairing others', async () => {
    await openAs('/settings', 'admin')
    expect(present('[data-testid="tokens-panel"]')).toBe(true)
    expect(present('[data-testid="pair-another-panel"]')).toBe(true)
  })
})

describe('useRole()', { timeout: 20_000 }, () => {
  it('answers by the screen’s role and follows it when the screen is unpaired', async () => {
    await openAs('/', 'operator')
    const role = useRole()
    expect(role.role.value).toBe('operator')
    for (const may of [
      'enroll',
      'viewQueue',
      'viewStudents',
      'checkDevices',
      'liveCheck',
      'viewDevices',
    ] as const)
      expect(role.can(may), may).toBe(true)
    for (const mayNot of [
      'manageDevices',
      'seeDeviceCredentials',
      'deleteDeviceUsers',
      'removeRegistrations',
      'cloneDevices',
      'importFromDevices',
      'writeDeviceSettings',
      'openDoor',
      'viewAudit',
      'manageTokens',
      'pairScreens',
      'changeSettings',
    ] as const)
      expect(role.can(mayNot), mayNot).toBe(false)

    const session = useSessionStore()
    session.setPaired({ token: 'admin-tok', tokenId: 'tok-2', role: 'admin' })
    expect(role.isAdmin.value).toBe(true)
    expect(role.can('manageDevices')).toBe(true)
    session.forget('by_user')
    expect(role.role.value).toBeNull()
    expect(role.can('enroll')).toBe(false)
  })
})
