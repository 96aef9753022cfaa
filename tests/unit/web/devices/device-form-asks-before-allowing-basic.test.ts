import { describe, expect, it } from 'vitest'
import type { Device } from '../../../../shared/api'
import {
  asksAboutBasic,
  emptyDeviceForm,
  formFromDevice,
  toDeviceCreate,
  toDevicePatch,
} from '../../../../web/components/devices/deviceForm'
import { createAppI18n } from '../../../../web/i18n'

const stored: Device = {
  id: 'd1',
  name: 'Asosiy kirish',
  host: '192.168.1.64',
  port: 80,
  scheme: 'http',
  username: 'admin',
  hasPassword: true,
  allowBasic: false,
  credentialsExpiresAt: '2030-01-01T00:00:00.000Z',
  deviceId: null,
  backendId: null,
  direction: 'in',
}

describe('the device form and Basic logins', () => {
  it('asks on a new device, with Basic off until the admin ticks it', () => {
    expect(asksAboutBasic(emptyDeviceForm(), null)).toBe(true)
    expect(toDeviceCreate({ ...emptyDeviceForm(), host: '192.168.1.64' }).allowBasic).toBe(false)
  })

  it('asks again when the address changes, and sends the answer so the old allowance is not carried over', () => {
    const allowed = { ...stored, allowBasic: true }
    const values = { ...formFromDevice(allowed), port: '8080' }
    expect(asksAboutBasic(values, allowed)).toBe(true)
    expect(toDevicePatch({ ...values, allowBasic: false }, allowed)).toMatchObject({
      port: 8080,
      allowBasic: false,
    })
  })

  it('does not ask about Basic for a rename of a device that never had it', () => {
    const values = { ...formFromDevice(stored), name: 'Bosh kirish' }
    expect(asksAboutBasic(values, stored)).toBe(false)
    expect(toDevicePatch(values, stored)).toEqual({ name: 'Bosh kirish' })
  })

  it('has the choice and its warning in every language', () => {
    for (const locale of ['uz', 'ru', 'en'] as const) {
      const { t, te } = createAppI18n(locale).global
      expect(te('deviceForm.allowBasic')).toBe(true)
      expect(t('deviceForm.allowBasicWarning')).toMatch(/https/)
    }
  })
})
