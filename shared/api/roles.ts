// The screen roles, without zod: the PWA's first bundle reads a saved role before any schema has loaded.
export const ROLES = ['admin', 'operator'] as const
export type Role = (typeof ROLES)[number]

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value)
}
