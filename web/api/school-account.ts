import { SchoolAccountView, type SchoolAccountSignIn } from '../../shared/api/school-account'
import type { ApiClient } from './client'

export function schoolAccountView(api: ApiClient): Promise<SchoolAccountView> {
  return api.request('GET', '/api/school-account', { schema: SchoolAccountView })
}

export function signInToSchool(api: ApiClient, body: SchoolAccountSignIn): Promise<SchoolAccountView> {
  return api.request('POST', '/api/school-account/sign-in', {
    schema: SchoolAccountView,
    body,
    timeoutMs: 30_000,
  })
}

export function signOutOfSchool(api: ApiClient): Promise<SchoolAccountView> {
  return api.request('POST', '/api/school-account/sign-out', { schema: SchoolAccountView })
}
