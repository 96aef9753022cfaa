// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest'
import {
  carriedOver,
  ENROLL_CARRY_KEY,
  recentClasses,
  rememberEnrolled,
  RECENT_CLASSES_MAX,
} from '../../../../web/composables/enrollCarryOver'

beforeEach(() => localStorage.clear())

describe('what stays from one student to the next', () => {
  it('is nothing on a tablet that has enrolled no one', () => {
    expect(carriedOver()).toEqual({ klass: null, gender: '' })
    expect(recentClasses()).toEqual([])
  })

  it('keeps the last class and gender, and puts the class first among the recent ones without repeats', () => {
    rememberEnrolled({ classId: 'c5a', className: '5-A', gender: 'female' })
    rememberEnrolled({ classId: 'c7b', className: '7-B', gender: 'male' })
    rememberEnrolled({ classId: 'c5a', className: '5-A', gender: 'male' })
    expect(carriedOver()).toEqual({ klass: { classId: 'c5a', className: '5-A' }, gender: 'male' })
    expect(recentClasses().map((item) => item.classId)).toEqual(['c5a', 'c7b'])
  })

  it('remembers a class typed by hand by its name, and only the newest few', () => {
    for (let grade = 1; grade <= RECENT_CLASSES_MAX + 2; grade += 1)
      rememberEnrolled({ classId: '', className: ` ${grade}-A `, gender: '' })
    rememberEnrolled({ classId: '', className: '3-A', gender: '' })
    const names = recentClasses().map((item) => item.className)
    expect(names).toHaveLength(RECENT_CLASSES_MAX)
    expect(names.slice(0, 2)).toEqual(['3-A', `${RECENT_CLASSES_MAX + 2}-A`])
  })

  it('ignores a student saved with no class, and a broken entry reads as nothing', () => {
    rememberEnrolled({ classId: '', className: '  ', gender: 'male' })
    expect(carriedOver().klass).toBeNull()
    localStorage.setItem(ENROLL_CARRY_KEY, '{"klass": 5}')
    expect(carriedOver()).toEqual({ klass: null, gender: '' })
  })
})
