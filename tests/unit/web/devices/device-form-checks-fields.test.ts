import { describe, expect, it } from 'vitest'
import type { Device } from '../../../../shared/api'
import { ApiError } from '../../../../web/api/errors'
import {
  cleanHost,
  splitAddress,
  emptyDeviceForm,
  fieldOfError,
  formFromDevice,
  passwordExpired,
  toDeviceCreate,
  toDevicePatch,
  validateDeviceForm,
  type DeviceFormValues,
} from '../../../../web/components/devices/deviceForm'

const stored: Device = {
  id: 'd1',
  name: 'Asosiy kirish',
  host: '192.168.1.64',
  port: 80,
  scheme: 'http',
  username: 'admin',
  hasPassword: true,
  credentialsExpiresAt: '2030-01-01T00:00:00.000Z',
  deviceId: null,
  backendId: null,
  direction: 'in',
}

const filled = (changes: Partial<DeviceFormValues> = {}): DeviceFormValues => ({
  ...emptyDeviceForm(),
  name: 'Asosiy kirish',
  host: '192.168.1.64',
  password: 'Parol#2026',
  ...changes,
})

describe('the device form’s own checks', () => {
  it('asks for name, address, login and (for a new device) password, all at once', () => {
    const errors = validateDeviceForm({ ...emptyDeviceForm(), username: '' }, true)
    expect(Object.keys(errors)).toEqual(['name', 'host', 'username', 'password'])
    expect(errors.name?.key).toBe('deviceForm.errors.required')
  })

  it('lets an edit keep the stored password, unless it expired', () => {
    expect(validateDeviceForm(filled({ password: '' }), false)).toEqual({})
    expect(validateDeviceForm(filled({ password: '' }), true).password?.key).toBe(
      'deviceForm.errors.required',
    )
  })

  it.each(['192.168.1.64', 'terminal-1.school.lan', 'fd00::64', 'http://10.0.0.5/'])('accepts %s', (host) => {
    expect(validateDeviceForm(filled({ host }), true).host).toBeUndefined()
  })

  it.each(['192.168.1.999', 'has space', 'a_b', '-bad-', '300.1.1.1'])('refuses the host %s', (host) => {
    expect(validateDeviceForm(filled({ host }), true).host?.key).toBe('deviceForm.errors.host')
  })

  it.each(['0', '65536', '80a', '-1'])('refuses the port %s', (port) => {
    expect(validateDeviceForm(filled({ port }), true).port?.key).toBe('deviceForm.errors.port')
  })

  it('refuses over-long values with the limit in the message values', () => {
    const errors = validateDeviceForm(filled({ name: 'x'.repeat(81), backendId: 'y'.repeat(65) }), true)
    expect(errors.name).toEqual({ key: 'deviceForm.errors.tooLong', values: { max: 80 } })
    expect(errors.backendId?.values).toEqual({ max: 64 })
  })

  it.each([
    ['http://127.0.0.1:8080', { scheme: 'http', host: '127.0.0.1', port: '8080' }],
    ['127.0.0.1:8000', { host: '127.0.0.1', port: '8000' }],
    ['https://kirish.maktab.uz/ISAPI/System', { scheme: 'https', host: 'kirish.maktab.uz' }],
    ['http://[fe80::1]:8080/', { scheme: 'http', host: 'fe80::1', port: '8080' }],
    ['fe80::1', { host: 'fe80::1' }],
    [' 192.168.1.20 ', { host: '192.168.1.20' }],
  ])('splits a pasted %s into scheme, host and port', (pasted, parts) => {
    expect(splitAddress(pasted)).toEqual(parts)
  })

  it('drops what people paste by habit around an address', () => {
    expect(cleanHost('  https://192.168.1.64:80/ISAPI ')).toBe('192.168.1.64')
    expect(toDeviceCreate(filled({ host: 'http://192.168.1.64/', port: ' 8080 ' }))).toMatchObject({
      host: '192.168.1.64',
      port: 8080,
      direction: 'in',
      backendId: null,
    })
  })
})

describe('what an edit sends', () => {
  it('sends only what changed, and the password only when typed', () => {
    expect(toDevicePatch(formFromDevice(stored), stored)).toEqual({})
    const form = { ...formFromDevice(stored), name: 'Chiqish', direction: 'out' as const, password: 'yangi' }
    expect(toDevicePatch(form, stored)).toEqual({ name: 'Chiqish', direction: 'out', password: 'yangi' })
  })

  it('never fills the password from the stored device', () => {
    expect(formFromDevice(stored).password).toBe('')
  })

  it('knows an expired or missing password', () => {
    const now = new Date('2031-01-01T00:00:00Z')
    expect(passwordExpired(stored, now)).toBe(true)
    expect(passwordExpired(stored, new Date('2029-01-01T00:00:00Z'))).toBe(false)
    expect(passwordExpired({ ...stored, hasPassword: false })).toBe(true)
  })
})

describe('which field a refusal belongs to', () => {
  const refusal = (code: ApiError['code'], field?: string) =>
    new ApiError('http', code, code, 400, field ? { field } : {})

  it.each([
    ['host_not_allowed', undefined, 'host'],
    ['device_auth_failed', undefined, 'password'],
    ['credentials_expired', undefined, 'password'],
    ['validation_failed', 'port', 'port'],
    ['validation_failed', 'somethingElse', null],
    ['device_unreachable', undefined, null],
    ['device_locked', undefined, null],
  ] as const)('%s (%s) → %s', (code, field, expected) => {
    expect(fieldOfError(refusal(code, field))).toBe(expected)
  })
})
