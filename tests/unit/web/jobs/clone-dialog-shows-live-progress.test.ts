// @vitest-environment happy-dom
import { flushPromises } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Device } from '../../../../shared/api'
import { deviceErrorMessage } from '../../../../shared/api/isapi-messages'
import type { Job } from '../../../../shared/api/jobs'
import { parseEvent } from '../../../../web/composables/useJobEvents'
import { fakeFetch, HEALTHY, json, mountApp, type MountedApp } from '../fake-proxy'

const device = (id: string, name: string): Device => ({
  id,
  name,
  host: '192.168.1.64',
  port: 80,
  scheme: 'http',
  username: 'admin',
  hasPassword: true,
  credentialsExpiresAt: '2099-01-01T00:00:00.000Z',
  deviceId: null,
  backendId: null,
})

const job = (over: Partial<Job>): Job => ({
  id: 'j1',
  type: 'clone-device-to-device',
  state: 'running',
  total: 40,
  done: 0,
  skipped: 0,
  failed: 0,
  errors: [],
  startedAt: '2026-11-25T10:00:00.000Z',
  sourceDeviceId: 'old',
  targetDeviceId: 'new',
  ...over,
})

const sse = (...jobs: Job[]) =>
  new Response(
    jobs.map((j, i) => `event: job\nid: ${i + 1}\ndata: ${JSON.stringify(j)}\n\n`).join(': keep-alive\n\n'),
    {
      status: 200,
      headers: { 'content-type': 'text/event-stream' },
    },
  )

let mounted: MountedApp | null = null
afterEach(() => {
  mounted?.wrapper.unmount()
  mounted = null
  document.body.replaceChildren()
  vi.unstubAllGlobals()
})
beforeEach(() => localStorage.clear())

async function click(selector: string) {
  await vi.waitFor(() => expect(document.querySelector(selector)).not.toBeNull())
  ;(document.querySelector(selector) as HTMLButtonElement).click()
  await flushPromises()
}

describe('cloning from the Devices page', { timeout: 20_000 }, () => {
  it('checks the room, starts, and shows counts, the error list and the final state from the event stream', async () => {
    const proxy = fakeFetch({
      ...HEALTHY,
      'GET /api/devices': () => json(200, [device('new', 'Sport zal'), device('old', 'Eski terminal')]),
      'GET /api/jobs': () => json(200, []),
      'GET /api/jobs/capacity': () =>
        json(200, {
          capacity: { max: 1500, onDevice: 1490, incoming: 40, fits: false },
          warning: 'may not fit',
        }),
      'POST /api/jobs': () => json(202, job({ state: 'queued' })),
      'GET /api/jobs/j1/events': () =>
        sse(
          job({ done: 10, skipped: 5 }),
          job({
            state: 'done',
            done: 34,
            skipped: 5,
            failed: 1,
            errors: [
              {
                employeeNo: '1001',
                name: 'Oʻtkir Gʻulomov',
                code: 'device_rejected',
                message: 'x',
                subStatusCode: 'faceLowQulity',
              },
            ],
            finishedAt: '2026-11-25T10:02:00.000Z',
          }),
        ),
    })
    vi.stubGlobal('fetch', proxy.fetch)
    mounted = await mountApp('/devices', { fetch: proxy.fetch, token: 'tok', role: 'admin' })

    await click('[data-action="clone-device"]')
    const select = document.querySelector('[data-field="source"]') as HTMLSelectElement
    select.value = 'old'
    select.dispatchEvent(new Event('change'))
    await flushPromises()
    await vi.waitFor(() =>
      expect(document.querySelector('[data-testid="capacity"]')?.textContent).toContain('10'),
    )
    expect(document.querySelector('[data-testid="capacity"]')?.className).toContain('notice--warn')
    expect(
      proxy.seen.some((r) => r.path === '/api/jobs/capacity?targetDeviceId=new&sourceDeviceId=old'),
    ).toBe(true)

    await click('[data-action="start-job"]')
    await vi.waitFor(() =>
      expect(document.querySelector('[data-testid="job-progress"]')?.getAttribute('data-state')).toBe('done'),
    )
    const progress = document.querySelector('[data-testid="job-progress"]') as HTMLElement
    expect(progress.querySelector('[data-count="done"]')?.textContent).toBe('34')
    expect(progress.querySelector('[data-count="skipped"]')?.textContent).toBe('5')
    expect(progress.querySelector('[data-count="failed"]')?.textContent).toBe('1')
    expect(progress.querySelector('[role="progressbar"]')?.getAttribute('aria-valuenow')).toBe('100')
    expect(progress.textContent).toContain('Oʻtkir Gʻulomov')
    // a device's refusal in the screen's words, as every screen says it
    expect(progress.textContent).toContain(deviceErrorMessage('faceLowQulity').uz)
    expect(progress.querySelector('[data-action="cancel-job"]')).toBeNull()
    const started = proxy.seen.find((r) => r.method === 'POST' && r.path === '/api/jobs')
    expect(started?.body).toEqual({
      type: 'clone-device-to-device',
      sourceDeviceId: 'old',
      targetDeviceId: 'new',
    })
    const stream = proxy.seen.find((r) => r.path === '/api/jobs/j1/events')
    expect(stream?.headers.authorization).toBe('Bearer tok')
  })

  it('reads only job events from a stream block, ignoring keep-alives', () => {
    expect(parseEvent(': keep-alive')).toBeNull()
    expect(parseEvent(`event: job\ndata: ${JSON.stringify(job({ done: 3 }))}`)).toMatchObject({ done: 3 })
  })
})
