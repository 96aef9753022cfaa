// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { fakeFetch, HEALTHY, json, mountApp, type MountedApp } from '../fake-proxy'

const CLASSES = [{ id: 'c-1', name: '1-A', gradeLevel: 1 }]
const DEVICES = [
  { id: 'd-1', name: 'Kirish', online: true },
  { id: 'd-2', name: 'Oshxona', online: false },
]

function listed(n: number, employeeNo: string | null) {
  return {
    id: `s-${n}`,
    employeeNo,
    name: `Karimov Aziz ${n}`,
    firstName: 'Aziz',
    lastName: `Karimov${n}`,
    fatherName: null,
    classId: 'c-1',
    className: '1-A',
    photoUrl: null,
    hasPhoto: false,
    devices: [],
  }
}

let mounted: MountedApp | null = null
beforeEach(() => localStorage.clear())
afterEach(() => {
  mounted?.wrapper.unmount()
  mounted = null
  document.body.replaceChildren()
})

function proxy(options: { noPhoto?: boolean } = {}) {
  let fixed = false
  return fakeFetch({
    ...HEALTHY,
    'GET /api/classes': () => json(200, CLASSES),
    'GET /api/students': () =>
      json(200, { students: [listed(1, '1001'), listed(2, null)], page: 1, totalPages: 1, total: 2 }),
    'POST /api/live-check': (request) => {
      // asked by number, the proxy may know neither the school server's id nor the name
      const byNumber = 'employeeNos' in (request.body as object)
      return json(200, {
        students: [
          {
            employeeNo: '1001',
            name: byNumber ? '' : 'Karimov1 Aziz',
            ...(byNumber ? {} : { studentId: 's-1' }),
            ...(options.noPhoto ? { noPhoto: true } : {}),
            devices: [
              { deviceId: 'd-1', state: fixed ? 'PRESENT' : 'ABSENT' },
              { deviceId: 'd-2', state: 'OFFLINE', error: { code: 'device_unreachable', message: 'x' } },
            ],
          },
          { employeeNo: null, name: 'Karimov2 Aziz', studentId: 's-2', devices: [] },
        ],
        devices: DEVICES,
        total: 2,
        offset: 0,
        source: 'backend',
      })
    },
    'POST /api/live-check/fix': () => {
      fixed = true
      return json(200, {
        student: {
          employeeNo: '1001',
          name: 'Karimov1 Aziz',
          devices: [{ deviceId: 'd-1', state: 'PRESENT' }],
        },
        devices: [DEVICES[0]],
        actions: [{ deviceId: 'd-1', wrote: 'person-and-face' }],
      })
    },
  })
}

const grid = () => mounted!.wrapper.find('[data-testid="live-check-grid"]')
const cell = (employeeNo: string, deviceId: string) =>
  grid().get(`tr[data-employee-no="${employeeNo}"] td[data-device="${deviceId}"]`)

describe('live check on the Students page', { timeout: 30_000 }, () => {
  it('checks the chosen class: a grid of words per state, counts, and Fix turns a cell PRESENT', async () => {
    const { fetch, seen } = proxy()
    mounted = await mountApp('/students', { fetch, token: 'tok' })
    await vi.waitFor(() =>
      expect(mounted!.wrapper.find('[data-testid="students-class"]').exists()).toBe(true),
    )
    expect(mounted.wrapper.find('[data-testid="live-check-class"]').exists()).toBe(false)
    await mounted.wrapper.get('[data-testid="students-class"]').setValue('c-1')
    await mounted.wrapper.get('[data-testid="live-check-class"]').trigger('click')
    await vi.waitFor(() => expect(grid().exists()).toBe(true))

    expect(seen.find((r) => r.path === '/api/live-check')?.body).toMatchObject({ classId: 'c-1', offset: 0 })
    expect(mounted.wrapper.get('#live-check-title').text()).toBe('1-A sinfi qurilmalarda')
    expect(cell('1001', 'd-1').text()).toContain('Yoʻq')
    expect(cell('1001', 'd-2').text()).toContain('Aloqa yoʻq')
    expect(cell('1001', 'd-2').find('[data-testid="live-check-fix"]').exists()).toBe(false)
    expect(grid().get('th[data-device="d-2"]').text()).toContain('Javob bermayapti')
    expect(grid().get('tr[data-employee-no=""]').text()).toContain('Raqami yoʻq')
    const counts = mounted.wrapper.get('[data-testid="live-check-counts"]')
    expect(counts.get('[data-state="ABSENT"]').text()).toContain('1')
    expect(counts.get('[data-state="notEnrolled"]').text()).toContain('1')
    expect(grid().get('[data-testid="live-check-fix-all"]').text()).toContain('(1)')

    await cell('1001', 'd-1').get('[data-testid="live-check-fix"]').trigger('click')
    await vi.waitFor(() => expect(cell('1001', 'd-1').text()).toContain('Bor'))
    expect(seen.find((r) => r.path === '/api/live-check/fix')?.body).toEqual({
      employeeNo: '1001',
      deviceIds: ['d-1'],
      studentId: 's-1',
    })
    expect(cell('1001', 'd-1').find('[data-testid="live-check-fix"]').exists()).toBe(false)
    expect(grid().find('[data-testid="live-check-fix-all"]').exists()).toBe(false)
  })

  it('checks one student from the sheet by number, and fixes with the student’s id', async () => {
    const { fetch, seen } = proxy()
    mounted = await mountApp('/students', { fetch, token: 'tok' })
    await vi.waitFor(() =>
      expect(mounted!.wrapper.findAll('[data-testid="student-open"]').length).toBeGreaterThan(0),
    )
    const withNumber = mounted.wrapper
      .findAll('[data-testid="students-list"] > li')
      .find((row) => row.text().includes('1001'))!
    await withNumber.get('[data-testid="student-open"]').trigger('click')
    await vi.waitFor(() =>
      expect(mounted!.wrapper.findAll('[data-testid="student-live-check"]')).toHaveLength(1),
    )
    await mounted.wrapper.get('[data-testid="student-live-check"]').trigger('click')
    await flushPromises()
    await vi.waitFor(() => expect(grid().exists()).toBe(true))
    expect(seen.find((r) => r.path === '/api/live-check')?.body).toEqual({ employeeNos: ['1001'] })
    expect(grid().get('tr[data-employee-no="1001"] th').text()).toContain('Karimov1 Aziz')
    await cell('1001', 'd-1').get('[data-testid="live-check-fix"]').trigger('click')
    await vi.waitFor(() => expect(cell('1001', 'd-1').text()).toContain('Bor'))
    expect(seen.find((r) => r.path === '/api/live-check/fix')?.body).toMatchObject({ studentId: 's-1' })
    await mounted.wrapper.get('[data-testid="live-check-close"]').trigger('click')
    expect(mounted.wrapper.find('[data-testid="live-check"]').exists()).toBe(false)
  })

  it('offers no fix for a student without a photo, and says "no photo" instead', async () => {
    const { fetch, seen } = proxy({ noPhoto: true })
    mounted = await mountApp('/students', { fetch, token: 'tok' })
    await vi.waitFor(() =>
      expect(mounted!.wrapper.find('[data-testid="students-class"]').exists()).toBe(true),
    )
    await mounted.wrapper.get('[data-testid="students-class"]').setValue('c-1')
    await mounted.wrapper.get('[data-testid="live-check-class"]').trigger('click')
    await vi.waitFor(() => expect(grid().exists()).toBe(true))
    expect(cell('1001', 'd-1').text()).toContain('Yoʻq')
    expect(cell('1001', 'd-1').find('[data-testid="live-check-fix"]').exists()).toBe(false)
    expect(cell('1001', 'd-1').get('[data-testid="live-check-no-photo"]').text()).toBe(
      'Rasm yoʻq: avval qoʻshing',
    )
    expect(grid().find('[data-testid="live-check-fix-all"]').exists()).toBe(false)
    expect(seen.some((r) => r.path === '/api/live-check/fix')).toBe(false)
  })
})
