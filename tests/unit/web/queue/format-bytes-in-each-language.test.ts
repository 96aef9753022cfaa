import { describe, expect, it } from 'vitest'
import { formatBytes } from '../../../../web/components/queue/formatBytes'

describe('sizes in the screen’s language', () => {
  it('writes megabytes and gigabytes as each language does', () => {
    expect(formatBytes(12.5 * 1024 ** 2, 'uz')).toBe('12,5 MB')
    expect(formatBytes(12.5 * 1024 ** 2, 'ru')).toBe('12,5 МБ')
    expect(formatBytes(4 * 1024 ** 3, 'ru')).toBe('4,0 ГБ')
    expect(formatBytes(12.5 * 1024 ** 2, 'en')).toBe('12.5 MB')
  })
})
