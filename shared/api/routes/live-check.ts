import { LiveCheckFixRequest, LiveCheckFixResponse, LiveCheckRequest, LiveCheckResponse } from '../live-check'
import type { RouteDeclaration } from './route'

export const runLiveCheck = {
  method: 'POST',
  path: '/api/live-check',
  access: 'token',
  what: 'is each student on each device now (PRESENT, NO_FACE, ABSENT, OFFLINE, CREDENTIALS_EXPIRED)',
  status: 200,
  body: LiveCheckRequest,
  answer: LiveCheckResponse,
  audit: 'live-check.run',
} as const satisfies RouteDeclaration

export const fixLiveCheck = {
  method: 'POST',
  path: '/api/live-check/fix',
  access: 'token',
  what: 'write what one student is missing on these devices, then check again',
  status: 200,
  body: LiveCheckFixRequest,
  answer: LiveCheckFixResponse,
  audit: 'live-check.fix',
} as const satisfies RouteDeclaration

/** The live-check routes, in the order the API doc lists them. */
export const liveCheckGroup = [runLiveCheck, fixLiveCheck] as const
