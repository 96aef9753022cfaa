// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { ApiError } from '../../../web/api/errors'
import { createAppI18n } from '../../../web/i18n'
import { errorMessage } from '../../../web/i18n/errorMessage'

const refused = (field: string) =>
  new ApiError('http', 'validation_failed', `${field}: Invalid input`, 400, { field })

describe('a refused form names the field in the screen’s language', () => {
  it.each([
    ['uz', 'host', 'Maydon notoʻgʻri toʻldirilgan: manzil.'],
    ['ru', 'student.firstName', 'Неверно заполнено поле: имя.'],
    ['en', 'servers[0].server', 'This field is filled in wrongly: time server.'],
  ] as const)('%s: %s', (locale, field, expected) => {
    const words = createAppI18n(locale).global
    expect(errorMessage(words, refused(field))).toBe(expected)
  })

  it('says the form is wrong, without a code, for a field it has no word for', () => {
    const words = createAppI18n('ru').global
    const text = errorMessage(words, refused('isSupportSomething'))
    expect(text).not.toContain('isSupportSomething')
    expect(text).toBe(createAppI18n('ru').global.t('errors.validation_failed'))
  })
})
