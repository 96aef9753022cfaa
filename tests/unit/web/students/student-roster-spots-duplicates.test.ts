// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import type { StudentListItem } from '../../../../shared/api'
import EnrollForm from '../../../../web/components/enroll/EnrollForm.vue'
import { emptyForm } from '../../../../web/components/enroll/enrollForm'
import {
  likelyDuplicates,
  readRoster,
  rememberStudents,
  reloadRoster,
  ROSTER_KEY,
} from '../../../../web/composables/studentRoster'
import { createAppI18n } from '../../../../web/i18n'

function listed(id: string, lastName: string, firstName: string, classId: string | null, className: string) {
  return {
    id,
    employeeNo: null,
    name: `${lastName} ${firstName}`,
    firstName,
    lastName,
    fatherName: null,
    classId,
    className,
    photoUrl: null,
    hasPhoto: false,
    devices: [],
    terminals: [],
  } satisfies StudentListItem
}

beforeEach(() => {
  localStorage.clear()
  reloadRoster()
})
afterEach(() => document.body.replaceChildren())

describe('the students the tablet keeps', () => {
  it('finds the same names in the same class, whatever the apostrophe, case or spacing', () => {
    rememberStudents([
      listed('s1', 'Oʻrinboyeva', 'Gʻuncha', 'c5a', '5-A'),
      listed('s2', 'Karimov', 'Aziz', 'c7b', '7-B'),
    ])
    const same = { lastName: " o'rinboyeva ", firstName: 'GʼUNCHA', classId: 'c5a', className: '5-A' }
    expect(likelyDuplicates(same).map((entry) => entry.id)).toEqual(['s1'])
    expect(likelyDuplicates({ ...same, classId: 'c7b', className: '7-B' })).toEqual([])
    expect(likelyDuplicates({ ...same, firstName: 'Guli' })).toEqual([])
    // a class typed by hand is compared by its name
    expect(likelyDuplicates({ ...same, classId: '', className: '5 a' }).map((entry) => entry.id)).toEqual([
      's1',
    ])
    expect(likelyDuplicates({ ...same, lastName: '' })).toEqual([])
  })

  it('keeps them across a restart, and forgets those who left a class listed whole', () => {
    rememberStudents([
      listed('s1', 'Karimov', 'Aziz', 'c5a', '5-A'),
      listed('s2', 'Aliyev', 'Bek', 'c5a', '5-A'),
    ])
    rememberStudents([listed('s3', 'Nurova', 'Lola', 'c7b', '7-B')])
    reloadRoster()
    expect(
      readRoster()
        .map((entry) => entry.id)
        .sort(),
    ).toEqual(['s1', 's2', 's3'])
    rememberStudents([listed('s2', 'Aliyev', 'Bek', 'c5a', '5-A')], 'c5a')
    expect(
      readRoster()
        .map((entry) => entry.id)
        .sort(),
    ).toEqual(['s2', 's3'])
  })

  it('reads a broken entry as an empty list', () => {
    localStorage.setItem(ROSTER_KEY, '[{"id": 1}]')
    reloadRoster()
    expect(readRoster()).toEqual([])
  })
})

describe('the Enroll form’s duplicate warning', () => {
  it('warns, offline, of a student already in the class, links to them, and still lets the form be sent', async () => {
    rememberStudents([listed('s1', 'Karimov', 'Aziz', 'c5a', '5-A')])
    const router = createRouter({
      history: createMemoryHistory(),
      routes: [{ path: '/:any(.*)*', component: { template: '<div/>' } }],
    })
    const wrapper = mount(EnrollForm, {
      attachTo: document.body,
      props: {
        initial: { ...emptyForm(['dev-1']), classId: 'c5a', className: '5-A' },
        devices: [{ id: 'dev-1', name: 'Kirish', direction: 'in' as const }],
        classes: [{ id: 'c5a', name: '5-A', gradeLevel: 5 }],
        submitLabel: 'Roʻyxatga olish',
      },
      global: { plugins: [createPinia(), createAppI18n('uz'), router] },
    })
    await wrapper.get('[data-testid="last-name"]').setValue('karimov')
    expect(wrapper.find('[data-testid="enroll-duplicate"]').exists()).toBe(false)
    await wrapper.get('[data-testid="first-name"]').setValue('Aziz ')
    expect(wrapper.get('[data-testid="enroll-duplicate"]').text()).toContain(
      '5-A sinfida Karimov Aziz allaqachon bor',
    )
    expect(wrapper.get('[data-testid="enroll-duplicate-open"]').attributes('href')).toBe(
      '/students?student=s1',
    )
    // the warning does not stop the form: the secretary may know better
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(wrapper.find('[data-testid="enroll-errors"]').text()).not.toContain('Karimov')
  })
})
