import { describe, expect, it } from 'vitest'
import { refusalReason } from '../../../../proxy/backend/refusal-reason'

describe('school server refusals as stable reasons', () => {
  it.each([
    ['Duplicate student in class', 'duplicate_in_class'],
    ["Bu sinfda bunday o'quvchi mavjud", 'duplicate_in_class'],
    ['Class not found', 'class_not_found'],
    ['Bunday sinf topilmadi', 'class_not_found'],
    ['Qurilma ID takrorlangan', 'device_student_id_taken'],
    ['Student not found', 'not_found'],
    ["Gender noto'g'ri yoki bo'sh", 'invalid'],
    ['Ism va familiya majburiy', 'invalid'],
    ['Forbidden', 'forbidden'],
    ['Something else entirely', 'other'],
  ])('reads "%s" as %s', (message, reason) => {
    expect(refusalReason(message)).toBe(reason)
  })

  it('calls a refusal without words "other"', () => {
    expect(refusalReason(null)).toBe('other')
  })
})
