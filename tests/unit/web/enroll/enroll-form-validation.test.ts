// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia } from 'pinia'
import EnrollForm from '../../../../web/components/enroll/EnrollForm.vue'
import {
  draftFromForm,
  emptyForm,
  formFromQuery,
  validateEnrollForm,
  type EnrollFormValues,
} from '../../../../web/components/enroll/enrollForm'
import { createAppI18n } from '../../../../web/i18n'
import { jpegBytes } from '../db/fixtures'

const DEVICES = [
  { id: 'dev-1', name: 'Asosiy kirish', direction: 'in' as const },
  { id: 'dev-2', name: 'Sport zali', direction: 'in' as const },
]

function filled(overrides: Partial<EnrollFormValues> = {}): EnrollFormValues {
  return {
    ...emptyForm(['dev-1']),
    firstName: 'Gʻuncha',
    lastName: 'Oʻrinboyeva',
    gender: 'female',
    className: '5-A',
    photo: jpegBytes(1),
    ...overrides,
  }
}

describe('checking the enrollment form', () => {
  it('names every missing piece at once, the father’s name being optional', () => {
    expect(Object.keys(validateEnrollForm(emptyForm()))).toEqual([
      'photo',
      'lastName',
      'firstName',
      'gender',
      'class',
      'devices',
    ])
    expect(validateEnrollForm(filled())).toEqual({})
  })

  it.each([
    ['Oʻrinboyeva', true],
    ['Gʻayratʼjon', true],
    ["O'rinboyev", true],
    ['Ахмедова-Ким', true],
    ['  Karimov  ', true],
    ['Karimov2', false],
    ['Karimov!', false],
    ['   ', false],
  ])('accepts %j as a last name: %s', (lastName, ok) => {
    expect(validateEnrollForm(filled({ lastName })).lastName === undefined).toBe(ok)
  })

  it('refuses a name longer than a terminal keeps', () => {
    expect(validateEnrollForm(filled({ firstName: 'a'.repeat(65) })).firstName).toEqual({
      key: 'enroll.errors.tooLong',
      values: { max: 64 },
    })
  })

  it('makes a trimmed draft, leaving out what was not filled', () => {
    const draft = draftFromForm(filled({ firstName: ' Gʻuncha ', fatherName: '  ', classId: 'c-5a' }))
    expect(draft.student).toEqual({
      firstName: 'Gʻuncha',
      lastName: 'Oʻrinboyeva',
      gender: 'female',
      classId: 'c-5a',
      className: '5-A',
    })
    expect(draft.deviceIds).toEqual(['dev-1'])
  })

  it('is prefilled from a student of the Students page, keeping the student’s number', () => {
    const form = formFromQuery(
      {
        studentId: 's-17',
        firstName: 'Aziz',
        lastName: 'Karimov',
        classId: 'c-7b',
        className: '7-B',
        employeeNo: '4820193746',
      },
      ['dev-2'],
    )
    expect(form).toMatchObject({
      firstName: 'Aziz',
      lastName: 'Karimov',
      classId: 'c-7b',
      backendStudentId: 's-17',
      employeeNo: '4820193746',
      deviceIds: ['dev-2'],
      photo: null,
    })
    expect(formFromQuery({ sent: 'x' }, [])).toBeNull()
  })
})

describe('the enrollment form on screen', () => {
  beforeEach(() => localStorage.clear())
  afterEach(() => document.body.replaceChildren())

  function mountForm(
    initial: EnrollFormValues,
    classes: { id: string; name: string; gradeLevel: number | null }[] | null = null,
    recentClasses: { classId: string; className: string }[] = [],
  ) {
    return mount(EnrollForm, {
      attachTo: document.body,
      props: { initial, devices: DEVICES, classes, recentClasses, submitLabel: 'Roʻyxatga olish' },
      global: { plugins: [createPinia(), createAppI18n('uz')] },
    })
  }

  it('shows each problem by its field in Uzbek and sends nothing', async () => {
    const wrapper = mountForm(emptyForm())
    await wrapper.get('[data-testid="enroll-submit"]').trigger('submit')
    await flushPromises()
    expect(wrapper.emitted('submit')).toBeUndefined()
    expect(wrapper.get('[data-testid="enroll-errors"]').text()).toBe(
      'Formani tekshiring: 6 ta joy toʻgʻri toʻldirilmagan.',
    )
    expect(wrapper.get('#enroll-error-photo').text()).toBe(
      'Oʻquvchini suratga oling yoki rasm faylini tanlang.',
    )
    expect(wrapper.get('#enroll-error-lastName').text()).toBe('Bu maydonni toʻldiring.')
    expect(wrapper.get('#enroll-error-gender').text()).toBe('Jinsini tanlang.')
    expect(wrapper.get('#enroll-error-devices').text()).toBe('Kamida bitta qurilmani tanlang.')
    expect(wrapper.get('[data-testid="last-name"]').attributes('aria-invalid')).toBe('true')
    expect(wrapper.get('[data-testid="last-name"]').attributes('aria-describedby')).toBe(
      'enroll-error-lastName',
    )
  })

  it('clears a message as soon as the field is fixed, and sends the filled form', async () => {
    const wrapper = mountForm({ ...emptyForm(), photo: jpegBytes(2) })
    await wrapper.get('form').trigger('submit')
    await wrapper.get('[data-testid="last-name"]').setValue('Karimov')
    await flushPromises()
    expect(wrapper.find('#enroll-error-lastName').exists()).toBe(false)
    expect(wrapper.find('#enroll-error-photo').exists()).toBe(false)

    await wrapper.get('[data-testid="first-name"]').setValue('Aziz')
    await wrapper.get('[data-testid="gender-male"]').trigger('click')
    await wrapper.get('[data-testid="class-text"]').setValue('7-B')
    await wrapper.get('[data-testid="device-chip-dev-2"]').trigger('click')
    await wrapper.get('form').trigger('submit')
    const [[values]] = wrapper.emitted('submit') as [[EnrollFormValues]]
    expect(values).toMatchObject({
      firstName: 'Aziz',
      lastName: 'Karimov',
      gender: 'male',
      className: '7-B',
      deviceIds: ['dev-2'],
    })
    expect(wrapper.get('[data-testid="gender-male"]').attributes('aria-checked')).toBe('true')
  })

  it('picks a class of the school’s list as it is typed, refuses one it lacks, and remembers the chosen devices', async () => {
    const classes = [
      { id: 'c-1', name: '1-A', gradeLevel: 1 },
      { id: 'c-2', name: '2-B', gradeLevel: 2 },
    ]
    const wrapper = mountForm(filled({ className: '', deviceIds: [] }), classes)
    expect(wrapper.findAll('datalist option').map((o) => o.attributes('value'))).toEqual(['1-A', '2-B'])
    await wrapper.get('[data-testid="class-text"]').setValue('9-Z')
    await wrapper.get('form').trigger('submit')
    expect(wrapper.get('#enroll-error-class').text()).toBe(
      'Bunday sinf yoʻq: roʻyxatdagi sinflardan birini yozing yoki tanlang.',
    )
    await wrapper.get('[data-testid="class-text"]').setValue('2 b')
    await wrapper.get('[data-testid="class-text"]').trigger('change')
    expect((wrapper.get('[data-testid="class-text"]').element as HTMLInputElement).value).toBe('2-B')
    await wrapper.get('[data-testid="device-chip-dev-1"]').trigger('click')
    await wrapper.get('[data-testid="device-chip-dev-2"]').trigger('click')
    await wrapper.get('form').trigger('submit')
    const [[values]] = wrapper.emitted('submit') as [[EnrollFormValues]]
    expect(values).toMatchObject({ classId: 'c-2', className: '2-B', deviceIds: ['dev-1', 'dev-2'] })
    expect(JSON.parse(localStorage.getItem('sr.enroll.chosenDevices') ?? '[]')).toEqual(['dev-1', 'dev-2'])
  })

  it('starts with the cursor in the surname', async () => {
    const wrapper = mountForm(emptyForm(['dev-1']))
    await flushPromises()
    expect(document.activeElement).toBe(wrapper.get('[data-testid="last-name"]').element)
  })

  it('proposes the gender from the father’s name until the person picks one', async () => {
    const wrapper = mountForm(filled({ gender: 'male' }))
    await wrapper.get('[data-testid="father-name"]').setValue('Karimovna')
    expect(wrapper.get('[data-testid="gender-female"]').attributes('aria-checked')).toBe('true')
    expect(wrapper.find('[data-testid="gender-proposed"]').exists()).toBe(true)
    await wrapper.get('[data-testid="father-name"]').setValue('Karim')
    // an ending that says nothing leaves the last proposal, without claiming it came from the name
    expect(wrapper.get('[data-testid="gender-female"]').attributes('aria-checked')).toBe('true')
    expect(wrapper.find('[data-testid="gender-proposed"]').exists()).toBe(false)

    await wrapper.get('[data-testid="gender-male"]').trigger('click')
    await wrapper.get('[data-testid="father-name"]').setValue('Karim qizi')
    expect(wrapper.get('[data-testid="gender-male"]').attributes('aria-checked')).toBe('true')
  })

  it('offers the recent classes the school still has as one-tap buttons', async () => {
    const classes = [
      { id: 'c-1', name: '1-A', gradeLevel: 1 },
      { id: 'c-2', name: '2-B', gradeLevel: 2 },
    ]
    const recent = [
      { classId: 'c-2', className: '2-B' },
      { classId: 'gone', className: '9-Z' },
    ]
    const wrapper = mountForm(filled({ className: '' }), classes, recent)
    expect(wrapper.findAll('[data-testid="recent-classes"] button').map((b) => b.text())).toEqual(['2-B'])
    await wrapper.get('[data-testid="recent-class-c-2"]').trigger('click')
    expect(wrapper.get('[data-testid="recent-class-c-2"]').attributes('aria-pressed')).toBe('true')
    expect((wrapper.get('[data-testid="class-text"]').element as HTMLInputElement).value).toBe('2-B')
    await wrapper.get('form').trigger('submit')
    const [[values]] = wrapper.emitted('submit') as [[EnrollFormValues]]
    expect(values).toMatchObject({ classId: 'c-2', className: '2-B' })
  })
})
