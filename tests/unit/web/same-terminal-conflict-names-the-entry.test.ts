// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { ApiError } from '../../../web/api/errors'
import { createAppI18n } from '../../../web/i18n'
import { errorMessage } from '../../../web/i18n/errorMessage'

const sameTerminal = new ApiError(
  'http',
  'conflict',
  'localhost:80 is the terminal already registered',
  409,
  {
    field: 'host',
    details: { reason: 'same_terminal', deviceId: 'd-1', name: 'Asosiy kirish' },
  },
)

describe('a terminal added twice names the entry that already has it', () => {
  it.each(['uz', 'ru', 'en'] as const)('%s', (locale) => {
    const words = createAppI18n(locale).global
    const { t } = words
    const text = errorMessage(words, sameTerminal)
    expect(text).toContain('Asosiy kirish')
    expect(text).not.toBe(t('errors.conflict'))
  })

  it('keeps the "changed elsewhere" words for a conflict that is a race', () => {
    const words = createAppI18n('uz').global
    const { t } = words
    const race = new ApiError('http', 'conflict', 'changed', 409, {})
    expect(errorMessage(words, race)).toBe(t('errors.conflict'))
  })
})
