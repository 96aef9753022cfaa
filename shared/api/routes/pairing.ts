import { MeResponse, PairRequest, PairResponse, PairingCodeRequest, PairingCodeResponse } from '../pairing'
import type { RouteDeclaration } from './route'

export const pair = {
  method: 'POST',
  path: '/api/pair',
  access: 'public',
  what: 'trade a one-time pairing code for a token (5 wrong codes a minute from one address, or 20 from all addresses together → `rate_limited`)',
  status: 200,
  body: PairRequest,
  answer: PairResponse,
  audit: 'pairing.pair',
} as const satisfies RouteDeclaration

export const createPairingCode = {
  method: 'POST',
  path: '/api/pairing-codes',
  access: 'admin',
  what: 'a new one-time code for another screen (shown as text and QR)',
  status: 201,
  body: PairingCodeRequest,
  answer: PairingCodeResponse,
  audit: 'pairing.code.create',
} as const satisfies RouteDeclaration

export const me = {
  method: 'GET',
  path: '/api/me',
  access: 'token',
  what: 'who this token belongs to',
  status: 200,
  answer: MeResponse,
} as const satisfies RouteDeclaration

/** The pairing routes, in the order the API doc lists them. */
export const pairingGroup = [pair, createPairingCode, me] as const
