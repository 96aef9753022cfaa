import { describe, expect, it } from 'vitest'
import { genderFromFatherName } from '../../../../web/composables/genderFromFatherName'

describe('the gender a father’s name proposes', () => {
  it.each([
    ['Rustamovich', 'male'],
    ['Alijonovna', 'female'],
    ['Sergeyevich', 'male'],
    ['Sergeyevna', 'female'],
    ['Ilyich', 'male'],
    ['Ilyinichna', 'female'],
    ['Рустамович', 'male'],
    ['Рустамовна', 'female'],
    ['Никитична', 'female'],
    ['Karim oʻgʻli', 'male'],
    ["Karim o'g'li", 'male'],
    ['Karim ogli', 'male'],
    ['Karim qizi', 'female'],
    ['Карим ўғли', 'male'],
    ['Карим қизи', 'female'],
    ['  KARIM  QIZI ', 'female'],
  ] as const)('%j → %s', (fatherName, gender) => {
    expect(genderFromFatherName(fatherName)).toBe(gender)
  })

  it.each(['', '   ', 'Karim', 'Rich', 'Ich', 'ovna', 'Qizi'.slice(0, 3)])(
    'proposes nothing for %j, whose ending says nothing',
    (fatherName) => {
      expect(genderFromFatherName(fatherName)).toBeNull()
    },
  )
})
