import { z } from 'zod'
import { plainName } from './plain-text'
import { ROLES } from './roles'

export { ROLES }
export const Role = z.enum(ROLES)
export type Role = z.infer<typeof Role>

export const PairRequest = z.object({
  code: z.string().trim().min(4).max(64),
  /** a name for the paired screen, shown in the token list ("Kirish plansheti") */
  name: plainName(1, 80).optional(),
})
export type PairRequest = z.infer<typeof PairRequest>

export const PairResponse = z.object({
  token: z.string(),
  tokenId: z.string(),
  role: Role,
})
export type PairResponse = z.infer<typeof PairResponse>

export const PairingCodeResponse = z.object({
  code: z.string(),
  expiresAt: z.string(),
  /** the HTTPS address a new screen should open; the QR encodes it with the code */
  url: z.string(),
  role: Role,
})
export type PairingCodeResponse = z.infer<typeof PairingCodeResponse>

export const TokenInfo = z.object({
  id: z.string(),
  name: z.string(),
  role: Role,
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
})
export type TokenInfo = z.infer<typeof TokenInfo>

export const PairingCodeRequest = z.object({
  /** what the new screen may do; an operator enrolls students, an admin also manages devices and screens */
  role: Role.default('operator'),
})
export type PairingCodeRequest = z.infer<typeof PairingCodeRequest>

export const TokenPatch = z.object({
  name: plainName(1, 80),
})
export type TokenPatch = z.infer<typeof TokenPatch>

/** `GET /api/me`: who this token belongs to, so the app can show or hide admin screens. */
export const MeResponse = z.object({
  /** null for the fixed SR_ADMIN_TOKEN */
  tokenId: z.string().nullable(),
  name: z.string(),
  role: Role,
})
export type MeResponse = z.infer<typeof MeResponse>

/** The name a screen paired without one gets (`Ekran 3`); the app shows it in the screen's own language. */
export function defaultScreenName(n: number): string {
  return `Ekran ${n}`
}

/** 3 for a default name such as `Ekran 3`; null for a name a person gave. */
export function defaultScreenNumber(name: string): number | null {
  const match = /^Ekran (\d+)$/.exec(name)
  return match ? Number(match[1]) : null
}
