// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { fakeFetch, HEALTHY, json, mountApp, TWO_DEVICES, type MountedApp } from '../fake-proxy'

const CLASSES = [
  { id: 'c-1', name: '1-A', gradeLevel: 1 },
  { id: 'c-2', name: '2-B', gradeLevel: 2 },
]

const CANDIDATES = {
  deviceId: 'dev-1',
  onDevice: 5,
  inSchool: 3,
  candidates: [
    {
      employeeNo: '7000000001',
      deviceName: 'Gʻulomov Oʻtkir',
      lastName: 'Gʻulomov',
      firstName: 'Oʻtkir',
      fatherName: '',
      gender: null,
      hasFace: false,
      facePath: null,
    },
    {
      employeeNo: '7000000002',
      deviceName: 'Ergashev',
      lastName: 'Ergashev',
      firstName: '',
      fatherName: '',
      gender: 'male',
      hasFace: false,
      facePath: null,
    },
  ],
}

let mounted: MountedApp | null = null
beforeEach(() => localStorage.clear())
afterEach(() => {
  mounted?.wrapper.unmount()
  mounted = null
  document.body.replaceChildren()
})

/** a loaded machine renders slowly: wait up to 15 s, never a fixed sleep */
const until = <T>(check: () => T) => vi.waitFor(check, { timeout: 15_000 })
const rowsOf = () => mounted!.wrapper.findAll('[data-employee-no]')

describe('the device import page', { timeout: 30_000 }, () => {
  it('is reached from the device card, and imports the filled rows with their results shown', async () => {
    const { fetch, seen } = fakeFetch({
      ...HEALTHY,
      'GET /api/devices': () => json(200, TWO_DEVICES),
      'GET /api/classes': () => json(200, CLASSES),
      'GET /api/devices/dev-1/import-candidates': () => json(200, CANDIDATES),
      'POST /api/device-import/commit': (request) => {
        const body = request.body as { rows: { employeeNo: string }[] }
        return json(200, {
          jobId: 'job-1',
          idempotent: false,
          importedCount: body.rows.length,
          failedCount: 0,
          rows: body.rows.map((row) => ({
            employeeNo: row.employeeNo,
            name: 'x',
            action: 'CREATE',
            result: 'no_photo',
            studentId: `s-${row.employeeNo}`,
            reasons: [],
            code: null,
          })),
        })
      },
    })
    mounted = await mountApp('/devices', { fetch, token: 'tok', role: 'admin' })
    const link = await until(() => mounted!.wrapper.get('[data-device-id="dev-1"] [data-action="import"]'))
    expect(link.text()).toBe('Maktab bazasiga import')
    await link.trigger('click')
    await until(() => expect(mounted!.router.currentRoute.value.fullPath).toBe('/devices/dev-1/import'))
    await until(() => expect(rowsOf()).toHaveLength(2))
    expect(mounted.wrapper.get('[data-testid="counts"]').text()).toContain('Qurilmada 5 kishi')

    const commit = mounted.wrapper.get('[data-action="commit"]')
    expect(commit.attributes('disabled')).toBeDefined()
    expect(mounted.wrapper.get('[data-testid="incomplete"]').text()).toContain('2 ta')
    await mounted.wrapper.get('[data-field="class-for-all"]').setValue('c-2')
    await rowsOf()[1]!.get('[data-field="firstName"]').setValue('Doniyor')
    await until(() => expect(commit.attributes('disabled')).toBeUndefined())
    await commit.trigger('click')

    await until(() => expect(mounted!.wrapper.find('[data-testid="done-summary"]').exists()).toBe(true))
    const sent = seen.find((r) => r.path === '/api/device-import/commit')?.body as {
      deviceId: string
      rows: unknown[]
    }
    expect(sent.deviceId).toBe('dev-1')
    expect(sent.rows).toEqual([
      { employeeNo: '7000000001', lastName: 'Gʻulomov', firstName: 'Oʻtkir', classId: 'c-2' },
      {
        employeeNo: '7000000002',
        lastName: 'Ergashev',
        firstName: 'Doniyor',
        classId: 'c-2',
        gender: 'male',
      },
    ])
    expect(rowsOf()[0]!.get('[data-testid="row-state"]').text()).toContain('qurilmada rasm yoʻq')
  })

  it('tells plainly when the school server is away', async () => {
    const { fetch } = fakeFetch({
      ...HEALTHY,
      'GET /api/devices': () => json(200, TWO_DEVICES),
      'GET /api/classes': () => json(200, CLASSES),
      'GET /api/devices/dev-1/import-candidates': () =>
        json(503, { error: { code: 'backend_unavailable', message: 'away' } }),
    })
    mounted = await mountApp('/devices/dev-1/import', { fetch, token: 'tok', role: 'admin' })
    await until(() => expect(mounted!.wrapper.text()).toContain('Roʻyxatni olib boʻlmadi.'))
    expect(rowsOf()).toHaveLength(0)
  })

  it('does not offer the import to an operator screen', async () => {
    const { fetch } = fakeFetch({ ...HEALTHY, 'GET /api/devices': () => json(200, TWO_DEVICES) })
    mounted = await mountApp('/devices', { fetch, token: 'tok', role: 'operator' })
    await until(() => expect(mounted!.wrapper.find('[data-device-id="dev-1"]').exists()).toBe(true))
    expect(mounted.wrapper.find('[data-action="import"]').exists()).toBe(false)
  })
})
