/**
 * The admin password rule Hikvision terminals state on their activation page and enforce on activation:
 * 8 to 16 characters, at least two kinds of characters (digits, lowercase, uppercase, symbols), and not
 * containing the user name. Shown before sending, so the person learns it from us and not from a refusal.
 */
export type DevicePasswordProblem = 'length' | 'kinds' | 'username'

export const DEVICE_PASSWORD_MIN = 8
export const DEVICE_PASSWORD_MAX = 16

export function devicePasswordProblems(password: string, username = 'admin'): DevicePasswordProblem[] {
  const problems: DevicePasswordProblem[] = []
  if (password.length < DEVICE_PASSWORD_MIN || password.length > DEVICE_PASSWORD_MAX) problems.push('length')
  const kinds = [/[0-9]/, /[a-z]/, /[A-Z]/, /[^0-9a-zA-Z]/].filter((kind) => kind.test(password)).length
  if (kinds < 2) problems.push('kinds')
  if (username !== '' && password.toLowerCase().includes(username.toLowerCase())) problems.push('username')
  return problems
}
