import { describe, expect, it } from 'vitest'
import { openMemoryDatabase } from '../../../../proxy/store/db'
import { SettingsRepo } from '../../../../proxy/store/settings-repo'

describe('settings', () => {
  it('stores, replaces and deletes named values', () => {
    const settings = new SettingsRepo(openMemoryDatabase())
    expect(settings.get('k')).toBeUndefined()
    settings.set('k', 'one')
    settings.set('k', 'two')
    expect(settings.get('k')).toBe('two')
    settings.delete('k')
    expect(settings.get('k')).toBeUndefined()
  })
})
