// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { fakeFetch, HEALTHY, json, mountApp, type MountedApp } from '../fake-proxy'

function student(n: number, extra: Record<string, unknown> = {}) {
  return {
    id: `s-${n}`,
    employeeNo: `48201937${String(n).padStart(2, '0')}`,
    name: `Karimov Aziz ${n}`,
    firstName: 'Aziz',
    lastName: `Karimov${n}`,
    fatherName: 'Akmal',
    classId: 'c-1',
    className: '1-A',
    photoUrl: null,
    hasPhoto: false,
    devices: [
      {
        backendDeviceId: 'b-1',
        name: 'Kirish 1',
        serial: 'DS-1',
        status: 'SUCCESS',
        lastError: null,
        updatedAt: null,
      },
      {
        backendDeviceId: 'b-2',
        name: 'Kirish 2',
        serial: 'DS-2',
        status: 'FAILED',
        lastError: 'offline',
        updatedAt: null,
      },
    ],
    ...extra,
  }
}

const CLASSES = [
  { id: 'c-1', name: '1-A', gradeLevel: 1 },
  { id: 'c-2', name: '2-B', gradeLevel: 2 },
]

let mounted: MountedApp | null = null
beforeEach(() => localStorage.clear())
afterEach(() => {
  mounted?.wrapper.unmount()
  mounted = null
  document.body.replaceChildren()
})

const cards = () => mounted!.wrapper.findAll('[data-testid="students-list"] > li')

// the first test pays for loading the whole app's modules, slow beside a busy CPU
describe('the Students page', { timeout: 30_000 }, () => {
  it('lists a page of students with their state on each device, and pages on', async () => {
    const { fetch, seen } = fakeFetch({
      ...HEALTHY,
      'GET /api/classes': () => json(200, CLASSES),
      'GET /api/students': (request) => {
        const page = Number(new URL(request.path, 'http://x').searchParams.get('page'))
        return json(200, {
          students: [student(page * 10 + 1), student(page * 10 + 2)],
          page,
          totalPages: 2,
          total: 4,
        })
      },
    })
    mounted = await mountApp('/students', { fetch, token: 'tok' })
    await vi.waitFor(() => expect(cards()).toHaveLength(2))
    const first = cards()[0]!
    expect(first.text()).toContain('Karimov11 Aziz Akmal')
    expect(first.text()).toContain('1-A')
    expect(first.text()).toContain('4820193711')
    const states = first.findAll('[data-testid="terminal-states"] li')
    expect(states.map((li) => [li.attributes('data-state'), li.text()])).toEqual([
      ['present', 'Kirish 1Bor'],
      ['failed', 'Kirish 2Xato'],
    ])
    expect(mounted.wrapper.text()).toContain('Jami: 4 ta oʻquvchi')
    expect(mounted.wrapper.text()).toContain('1 / 2 sahifa')

    await mounted.wrapper.get('[data-testid="students-next"]').trigger('click')
    await vi.waitFor(() => expect(cards()[0]!.text()).toContain('Karimov21'))
    expect(seen.filter((r) => r.path.startsWith('/api/students')).map((r) => r.path)).toEqual([
      '/api/students?page=1',
      '/api/students?page=2',
    ])
  })

  it('asks again after a pause in typing, and when a class is picked, from page 1', async () => {
    const { fetch, seen } = fakeFetch({
      ...HEALTHY,
      'GET /api/classes': () => json(200, CLASSES),
      'GET /api/students': () => json(200, { students: [student(1)], page: 1, totalPages: 1, total: 1 }),
    })
    mounted = await mountApp('/students', { fetch, token: 'tok' })
    await vi.waitFor(() => expect(cards()).toHaveLength(1))
    const search = mounted.wrapper.get('[data-testid="students-search"]')
    await search.setValue('Ka')
    await search.setValue('Kar')
    await search.setValue('Karim')
    await vi.waitFor(() => expect(seen.map((r) => r.path)).toContain('/api/students?page=1&search=Karim'))
    await vi.waitFor(() =>
      expect(mounted!.wrapper.find('[data-testid="students-class"]').exists()).toBe(true),
    )
    await mounted.wrapper.get('[data-testid="students-class"]').setValue('c-2')
    await vi.waitFor(() =>
      expect(seen.map((r) => r.path)).toContain('/api/students?page=1&search=Karim&classId=c-2'),
    )
    const searches = seen.filter((r) => r.path.includes('search='))
    expect(searches.map((r) => r.path)).toEqual([
      '/api/students?page=1&search=Karim',
      '/api/students?page=1&search=Karim&classId=c-2',
    ])
  })

  it('explains that the school server is out of reach, and that enrolling still works', async () => {
    const { fetch } = fakeFetch({
      ...HEALTHY,
      'GET /api/students': () =>
        json(503, { error: { code: 'backend_unavailable', message: 'ECONNREFUSED' } }),
    })
    mounted = await mountApp('/students', { fetch, token: 'tok' })
    await vi.waitFor(() =>
      expect(mounted!.wrapper.find('[data-testid="students-unavailable"]').exists()).toBe(true),
    )
    const text = mounted.wrapper.get('[data-testid="students-unavailable"]').text()
    expect(text).toContain('Maktab serveri bilan aloqa yoʻq')
    expect(text).toContain('Yangi oʻquvchilarni roʻyxatga olish baribir ishlaydi')
  })

  it('opens the Enroll page filled in with the student', async () => {
    const { fetch } = fakeFetch({
      ...HEALTHY,
      'GET /api/devices': () => json(200, []),
      'GET /api/students': () => json(200, { students: [student(7)], page: 1, totalPages: 1, total: 1 }),
    })
    mounted = await mountApp('/students', { fetch, token: 'tok' })
    await vi.waitFor(() => expect(cards()).toHaveLength(1))
    await cards()[0]!.get('[data-testid="student-open"]').trigger('click')
    await flushPromises()
    const sheet = mounted.wrapper.get('[data-testid="student-sheet"]')
    expect(sheet.get('[data-testid="sheet-name"]').text()).toBe('Karimov7 Aziz Akmal')
    await sheet.get('[data-testid="student-enroll"]').trigger('click')
    await flushPromises()
    expect(mounted.router.currentRoute.value.query).toEqual({
      studentId: 's-7',
      firstName: 'Aziz',
      lastName: 'Karimov7',
      fatherName: 'Akmal',
      classId: 'c-1',
      className: '1-A',
      employeeNo: '4820193707',
    })
  })

  it('sorts the page by name, class or state, the students missing from a terminal first', async () => {
    const missing = (n: number, className: string) =>
      student(n, {
        lastName: `L${n}`,
        className,
        devices: [
          {
            backendDeviceId: 'b-1',
            name: 'Kirish 1',
            serial: null,
            status: 'MISSING',
            lastError: null,
            updatedAt: null,
          },
        ],
      })
    const present = (n: number, className: string) =>
      student(n, {
        lastName: `L${n}`,
        className,
        devices: [
          {
            backendDeviceId: 'b-1',
            name: 'Kirish 1',
            serial: null,
            status: 'SUCCESS',
            lastError: null,
            updatedAt: null,
          },
        ],
      })
    const { fetch } = fakeFetch({
      ...HEALTHY,
      'GET /api/students': () =>
        json(200, {
          students: [present(3, '5-A'), missing(2, '10-A'), present(1, '7-B')],
          page: 1,
          totalPages: 1,
          total: 3,
        }),
    })
    mounted = await mountApp('/students', { fetch, token: 'tok' })
    await vi.waitFor(() => expect(cards()).toHaveLength(3))
    const names = () =>
      mounted!.wrapper.findAll('[data-testid="student-name"]').map((n) => n.text().split(' ')[0])
    expect(names()).toEqual(['L1', 'L2', 'L3'])
    await mounted.wrapper.get('[data-testid="students-sort"]').setValue('class')
    expect(names()).toEqual(['L3', 'L1', 'L2'])
    await mounted.wrapper.get('[data-testid="students-sort"]').setValue('state')
    expect(names()).toEqual(['L2', 'L1', 'L3'])
  })

  it('ticks rows, all on screen at once, and offers to check, enroll on a terminal or export only them', async () => {
    const { fetch, seen } = fakeFetch({
      ...HEALTHY,
      'GET /api/devices': () => json(200, []),
      'GET /api/students': () =>
        json(200, {
          students: [student(1), student(2), student(3, { employeeNo: null })],
          page: 1,
          totalPages: 1,
          total: 3,
        }),
      'POST /api/live-check': () =>
        json(200, { students: [], devices: [], total: 0, offset: 0, source: 'request' }),
    })
    mounted = await mountApp('/students', { fetch, token: 'tok' })
    await vi.waitFor(() => expect(cards()).toHaveLength(3))
    expect(mounted.wrapper.find('[data-testid="selection-bar"]').exists()).toBe(false)
    await cards()[1]!.get('[data-testid="student-choose"]').setValue(true)
    expect(mounted.wrapper.get('[data-testid="selection-bar"]').text()).toContain('Belgilandi: 1 ta')
    await mounted.wrapper.get('[data-testid="students-choose-all"]').setValue(true)
    expect(mounted.wrapper.get('[data-testid="selection-bar"]').text()).toContain('Belgilandi: 3 ta')
    await mounted.wrapper.get('[data-testid="selection-check"]').trigger('click')
    await vi.waitFor(() => expect(seen.some((r) => r.path === '/api/live-check')).toBe(true))
    // the one with no number is not asked about: it is on no terminal
    const asked = seen.find((r) => r.path === '/api/live-check')!.body as { employeeNos: string[] }
    expect(asked.employeeNos.sort()).toEqual(['4820193701', '4820193702'])
    await mounted.wrapper.get('[data-testid="students-choose-all"]').setValue(false)
    expect(mounted.wrapper.find('[data-testid="selection-bar"]').exists()).toBe(false)
  })

  it('shows each terminal’s state as the local server knows it, how old it is, and checks what is on screen', async () => {
    const terminals = (state: string, ageSec: number) => [
      { deviceId: 'd-1', deviceName: 'Kirish 1', state, source: 'copy', at: '2026-01-01T08:00:00Z', ageSec },
      { deviceId: 'd-2', deviceName: 'Kirish 2', state: 'unknown', source: null, at: null, ageSec: null },
    ]
    let checked = false
    const { fetch, seen } = fakeFetch({
      ...HEALTHY,
      'GET /api/devices': () => json(200, []),
      'GET /api/students': () =>
        json(200, {
          students: [
            student(1, { terminals: checked ? terminals('absent', 2) : terminals('present', 600) }),
            student(2, { employeeNo: null, terminals: terminals('unknown', 0) }),
          ],
          page: 1,
          totalPages: 1,
          total: 2,
          terminals: [
            { id: 'd-1', name: 'Kirish 1' },
            { id: 'd-2', name: 'Kirish 2' },
          ],
        }),
      'POST /api/live-check': () => {
        checked = true
        return json(200, { students: [], devices: [], total: 1, offset: 0, source: 'request' })
      },
    })
    mounted = await mountApp('/students', { fetch, token: 'tok' })
    await vi.waitFor(() => expect(cards()).toHaveLength(2))
    const states = () =>
      cards()[0]!
        .findAll('[data-testid="terminal-states"] li')
        .map((li) => [li.text(), li.attributes('data-state')])
    expect(states()).toEqual([
      ['Kirish 1Bor', 'present'],
      ['Kirish 2Nomaʼlum', 'unknown'],
    ])
    expect(mounted.wrapper.get('[data-testid="students-age"]').text()).toBe('10 daqiqa oldin bilingan')
    await mounted.wrapper.get('[data-testid="students-check-now"]').trigger('click')
    await vi.waitFor(() => expect(states()[0]).toEqual(['Kirish 1Yoʻq', 'missing']))
    expect(seen.find((r) => r.path === '/api/live-check')!.body).toEqual({ employeeNos: ['4820193701'] })
    expect(mounted.wrapper.get('[data-testid="students-age"]').text()).toBe('hozirgina bilingan')
  })

  it('lists, for an admin, the people on the terminals whom the school lacks, with the way to import them', async () => {
    const { fetch } = fakeFetch({
      ...HEALTHY,
      'GET /api/devices': () => json(200, []),
      'GET /api/students': () => json(200, { students: [student(1)], page: 1, totalPages: 1, total: 1 }),
      'GET /api/students/not-in-school': () =>
        json(200, {
          terminals: [
            { id: 'd-1', name: 'Kirish 1', online: true },
            { id: 'd-2', name: 'Kirish 2', online: false },
          ],
          people: [
            { employeeNo: '777', name: 'Eski Odam', hasFace: true, deviceIds: ['d-1'], facePath: null },
          ],
        }),
    })
    mounted = await mountApp('/students', { fetch, token: 'tok', role: 'admin' })
    await vi.waitFor(() => expect(cards()).toHaveLength(1))
    await mounted.wrapper.get('[data-testid="not-in-school-open"]').trigger('click')
    await vi.waitFor(() => expect(mounted!.wrapper.text()).toContain('Eski Odam'))
    const panel = mounted.wrapper.get('[data-testid="not-in-school"]')
    expect(panel.text()).toContain('777 · Kirish 1')
    expect(panel.text()).toContain('Kirish 2 javob bermadi')
    expect(panel.get('[data-testid="not-in-school-import"]').attributes('href')).toBe('/devices/d-1/import')
  })

  it('does not offer that list to an operator', async () => {
    const { fetch } = fakeFetch({
      ...HEALTHY,
      'GET /api/students': () => json(200, { students: [student(1)], page: 1, totalPages: 1, total: 1 }),
    })
    mounted = await mountApp('/students', { fetch, token: 'tok', role: 'operator' })
    await vi.waitFor(() => expect(cards()).toHaveLength(1))
    expect(mounted.wrapper.find('[data-testid="not-in-school-open"]').exists()).toBe(false)
  })
})
