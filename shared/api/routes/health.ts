import { HealthResponse } from '../health'
import type { RouteDeclaration } from './route'

export const health = {
  method: 'GET',
  path: '/api/health',
  access: 'public',
  what: "liveness, version, whether any screen has paired, the school's time zone (every screen shows times on its clock)",
  status: 200,
  answer: HealthResponse,
} as const satisfies RouteDeclaration

/** The health routes, in the order the API doc lists them. */
export const healthGroup = [health] as const
