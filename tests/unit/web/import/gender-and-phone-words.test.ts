import { describe, expect, it } from 'vitest'
import { parseGender } from '../../../../web/import/gender'
import { normalisePhone } from '../../../../web/import/phone'

describe('gender words a school writes', () => {
  it.each([
    ['erkak', 'male'],
    ['Erkak', 'male'],
    ['ERKAK', 'male'],
    ['ayol', 'female'],
    ['AYOL', 'female'],
    ["o'g'il", 'male'],
    ['oʻgʻil', 'male'],
    ['oʼgʼil', 'male'],
    ['o`g`il', 'male'],
    ['o‘g‘il', 'male'],
    ["O'G'IL", 'male'],
    ['qiz', 'female'],
    ['Qiz', 'female'],
    ['m', 'male'],
    ['M', 'male'],
    ['f', 'female'],
    ['F', 'female'],
    ['male', 'male'],
    ['Female', 'female'],
    ['1', 'male'],
    ['2', 'female'],
    ['мужской', 'male'],
    ['Женский', 'female'],
    ['м', 'male'],
    ['Ж', 'female'],
    ['муж.', 'male'],
    [' erkak ', 'male'],
  ])('%s → %s', (text, gender) => {
    expect(parseGender(text)).toBe(gender)
  })

  it.each(['', 'x', '3', 'bola', 'unknown', 'erkak ayol'])('"%s" is no gender', (text) => {
    expect(parseGender(text)).toBeUndefined()
  })
})

describe('Uzbek phone numbers', () => {
  it.each([
    ['+998901234567', '+998901234567'],
    ['+998 90 123 45 67', '+998901234567'],
    ['+998 (90) 123-45-67', '+998901234567'],
    ['998901234567', '+998901234567'],
    ['901234567', '+998901234567'],
    ['90 123 45 67', '+998901234567'],
  ])('%s → %s', (text, phone) => {
    expect(normalisePhone(text)).toBe(phone)
  })

  it.each(['12345', '+7 916 123 45 67', '+99890123456', '9012345678', 'telefon yoq', '+998 90 123 45 6x'])(
    '"%s" is not one',
    (text) => {
      expect(normalisePhone(text)).toBeUndefined()
    },
  )
})
