// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { studentEditChanges, validateStudentEdit } from '../../../../web/composables/studentEditForm'
import { reloadRoster } from '../../../../web/composables/studentRoster'
import { fakeFetch, HEALTHY, json, mountApp, TWO_DEVICES, type MountedApp } from '../fake-proxy'

const KARIMOV = {
  id: 's-1',
  employeeNo: '4820193701',
  name: 'Karimov Aziz',
  firstName: 'Aziz',
  lastName: 'Karimov',
  fatherName: 'Akmal',
  classId: 'c-1',
  className: '1-A',
  photoUrl: null,
  hasPhoto: false,
  devices: [],
}
const CLASSES = [
  { id: 'c-1', name: '1-A', gradeLevel: 1 },
  { id: 'c-2', name: '2-B', gradeLevel: 2 },
]

function registration(status: 'SUCCESS' | 'FAILED', extra: Record<string, unknown> = {}) {
  return {
    clientId: 'c',
    employeeNo: KARIMOV.employeeNo,
    status,
    devices: [{ deviceId: 'dev-1', status: status === 'SUCCESS' ? 'SUCCESS' : 'FAILED' }],
    backend: { status: 'sent' },
    ...extra,
  }
}

let mounted: MountedApp | null = null
beforeEach(() => {
  localStorage.clear()
  reloadRoster()
})
afterEach(() => {
  mounted?.wrapper.unmount()
  mounted = null
  document.body.replaceChildren()
})

async function openSheet(routes: Parameters<typeof fakeFetch>[0], role: 'admin' | 'operator' = 'admin') {
  const faked = fakeFetch({
    ...HEALTHY,
    'GET /api/classes': () => json(200, CLASSES),
    'GET /api/devices': () => json(200, TWO_DEVICES),
    'GET /api/students': () => json(200, { students: [KARIMOV], page: 1, totalPages: 1, total: 1 }),
    ...routes,
  })
  mounted = await mountApp('/students', { fetch: faked.fetch, token: 'tok', role })
  await vi.waitFor(() => expect(mounted!.wrapper.find('[data-testid="student-open"]').exists()).toBe(true))
  await mounted.wrapper.get('[data-testid="student-open"]').trigger('click')
  await flushPromises()
  return faked
}

const byTest = (id: string) => mounted!.wrapper.get(`[data-testid="${id}"]`)

describe('the student sheet’s edit form', () => {
  const before = {
    lastName: 'Karimov',
    firstName: 'Aziz',
    fatherName: 'Akmal',
    classId: 'c-1',
    className: '1-A',
    parentPhone: '',
  }

  it('sends only what changed, the phone in the one form the school server keeps', () => {
    expect(
      studentEditChanges(before, { ...before, firstName: ' Azizbek ', parentPhone: '90 123 45 67' }),
    ).toEqual({
      firstName: 'Azizbek',
      parentPhone: '+998901234567',
    })
    expect(studentEditChanges(before, { ...before, classId: 'c-2', className: '2-B' })).toEqual({
      classId: 'c-2',
    })
    expect(studentEditChanges(before, before)).toEqual({})
  })

  it('holds the names to the enrollment rules and the phone to an Uzbek mobile number', () => {
    expect(Object.keys(validateStudentEdit({ ...before, lastName: '', parentPhone: '12345' }, true))).toEqual(
      ['lastName', 'parentPhone'],
    )
    expect(validateStudentEdit({ ...before, classId: '', className: '9-Z' }, true).class?.key).toBe(
      'enroll.errors.classUnknown',
    )
    expect(validateStudentEdit(before, true)).toEqual({})
  })
})

describe('the student sheet', { timeout: 30_000 }, () => {
  it('renames a student on the terminals and shows what each terminal did', async () => {
    const { seen } = await openSheet({
      'PUT /api/registrations/4820193701': () => json(200, registration('SUCCESS')),
    })
    await byTest('student-edit-open').trigger('click')
    await byTest('edit-firstName').setValue('Azizbek')
    await byTest('student-edit').trigger('submit')
    await vi.waitFor(() =>
      expect(mounted!.wrapper.find('[data-testid="change-outcome"]').exists()).toBe(true),
    )
    const put = seen.find((r) => r.method === 'PUT')!
    expect(put.body).toMatchObject({ student: { firstName: 'Azizbek' } })
    expect((put.body as { clientId: string }).clientId).toMatch(/^[0-9a-f-]{36}$/)
    expect(byTest('change-outcome').attributes('data-state')).toBe('done')
    expect(byTest('change-outcome').text()).toContain('Asosiy kirish')
    // the list asks again, so the rows show the terminals' new state
    await vi.waitFor(() => expect(seen.filter((r) => r.path.startsWith('/api/students?')).length).toBe(2))
  })

  it('says nothing changed instead of writing the same person again', async () => {
    const { seen } = await openSheet({})
    await byTest('student-edit-open').trigger('click')
    await byTest('student-edit').trigger('submit')
    expect(mounted!.wrapper.text()).toContain('Hech narsa oʻzgartirilmadi.')
    expect(seen.some((r) => r.method === 'PUT')).toBe(false)
  })

  it('shows the school server’s refusal of an edit with what to do, in the screen’s language', async () => {
    await openSheet({
      'PUT /api/registrations/4820193701': () =>
        json(
          200,
          registration('SUCCESS', {
            backend: {
              status: 'sent',
              error: {
                code: 'backend_rejected',
                message: 'Sinf topilmadi',
              },
            },
          }),
        ),
    })
    await byTest('student-edit-open').trigger('click')
    await byTest('edit-lastName').setValue('Rahimov')
    await byTest('student-edit').trigger('submit')
    await vi.waitFor(() =>
      expect(mounted!.wrapper.find('[data-testid="school-refusal"]').exists()).toBe(true),
    )
    const refusal = byTest('school-refusal')
    // a refusal the proxy could not name still says what to do, with the server's own words
    expect(refusal.attributes('data-reason')).toBe('other')
    expect(refusal.text()).toContain('Birozdan soʻng qayta yuboring')
    expect(refusal.text()).toContain('«Sinf topilmadi»')
  })

  it('removes from every terminal after one confirmation, keeping the student on the school server unless asked', async () => {
    const { seen } = await openSheet({
      'DELETE /api/registrations/4820193701': () => json(200, registration('SUCCESS')),
    })
    await byTest('student-remove').trigger('click')
    expect(byTest('remove-confirm').text()).toContain(
      'Karimov Aziz Akmal barcha qurilmalardan oʻchirilsinmi?',
    )
    await byTest('remove-yes').trigger('click')
    await vi.waitFor(() => expect(seen.some((r) => r.method === 'DELETE')).toBe(true))
    expect(seen.find((r) => r.method === 'DELETE')!.path).toBe('/api/registrations/4820193701')
    await vi.waitFor(() =>
      expect(byTest('change-outcome').text()).toContain('Barcha qurilmalardan oʻchirildi.'),
    )

    await byTest('student-remove').trigger('click')
    await byTest('remove-also-school').setValue(true)
    await byTest('remove-yes').trigger('click')
    await vi.waitFor(() => expect(seen.filter((r) => r.method === 'DELETE')).toHaveLength(2))
    expect(seen.filter((r) => r.method === 'DELETE')[1]!.path).toBe(
      '/api/registrations/4820193701?deleteOnSchoolServer=true',
    )
  })

  it('offers no removal to an operator', async () => {
    await openSheet({}, 'operator')
    expect(mounted!.wrapper.find('[data-testid="student-edit-open"]').exists()).toBe(true)
    expect(mounted!.wrapper.find('[data-testid="student-remove"]').exists()).toBe(false)
  })

  it('keeps the form and says why when the proxy refuses the edit', async () => {
    await openSheet({
      'PUT /api/registrations/4820193701': () =>
        json(502, { error: { code: 'device_unreachable', message: 'ECONNREFUSED' } }),
    })
    await byTest('student-edit-open').trigger('click')
    await byTest('edit-firstName').setValue('Azizbek')
    await byTest('student-edit').trigger('submit')
    await vi.waitFor(() => expect(mounted!.wrapper.text()).toContain('Qurilmaga ulanib boʻlmadi'))
    expect((byTest('edit-firstName').element as HTMLInputElement).value).toBe('Azizbek')
  })

  it('shows the local server’s sheet: phone, state on each terminal, refusal with its reason, history; adds a terminal that lacks them', async () => {
    const sheet = {
      employeeNo: '4820193701',
      origin: 'adopted',
      student: { ...KARIMOV, gender: 'male', parentPhone: '+998901234567' },
      nameOnTerminals: 'Karimov Aziz',
      backendStudentId: 's-1',
      photoPath: null,
      terminals: [
        {
          deviceId: 'dev-1',
          deviceName: 'Asosiy kirish',
          state: 'present',
          source: 'copy',
          at: '2026-01-01T08:00:00Z',
          ageSec: 30,
        },
        {
          deviceId: 'dev-2',
          deviceName: 'Sport zali',
          state: 'absent',
          source: 'live-check',
          at: '2026-01-01T08:00:00Z',
          ageSec: 30,
        },
      ],
      backend: {
        status: 'sent',
        refusal: {
          code: 'backend_rejected',
          reason: 'class_not_found',
          message: 'Sinf topilmadi',
          kind: 'student-update',
          reportId: 'r-9',
          at: null,
        },
      },
      history: [
        {
          id: 2,
          at: '2026-01-01T08:00:00Z',
          action: 'registration.update',
          actor: 'admin',
          result: 'ok',
          error: null,
        },
        {
          id: 1,
          at: '2026-01-01T07:00:00Z',
          action: 'something.new',
          actor: 'admin',
          result: 'failed',
          error: null,
        },
      ],
    }
    const { seen } = await openSheet({
      'GET /api/registrations/4820193701': () => json(200, sheet),
      'PUT /api/registrations/4820193701': () => json(200, registration('SUCCESS')),
    })
    await vi.waitFor(() => expect(mounted!.wrapper.find('[data-testid="sheet-phone"]').exists()).toBe(true))
    expect(byTest('sheet-phone').text()).toContain('+998901234567')
    expect(byTest('school-refusal').attributes('data-reason')).toBe('class_not_found')
    expect(byTest('school-refusal').text()).toContain('Maktab serverida bunday sinf yoʻq.')
    expect(byTest('sheet-history').text()).toContain('Oʻzgartirildi')
    expect(byTest('sheet-history').text()).toContain('Oʻzgarish')
    const states = mounted!.wrapper
      .findAll('[data-testid="student-sheet"] [data-testid="terminal-states"] li')
      .map((li) => li.attributes('data-state'))
    expect(states).toEqual(['present', 'missing'])
    await byTest('sheet-add-dev-2').trigger('click')
    await vi.waitFor(() => expect(seen.some((r) => r.method === 'PUT')).toBe(true))
    expect(seen.find((r) => r.method === 'PUT')!.body).toMatchObject({ addDeviceIds: ['dev-2'] })
    // the edit form starts from the sheet's phone: only what changes is sent
    await byTest('student-edit-open').trigger('click')
    expect((byTest('edit-parentPhone').element as HTMLInputElement).value).toBe('+998901234567')
  })
})
