import {
  readSchoolAccount,
  signInToSchool as signIn,
  signOutOfSchool as signOut,
} from '../../shared/api/routes/school-account'
import type { SchoolAccountSignIn, SchoolAccountView } from '../../shared/api/school-account'
import { callRoute } from './call'
import type { ApiClient } from './client'

export function schoolAccountView(api: ApiClient): Promise<SchoolAccountView> {
  return callRoute(api, readSchoolAccount, {})
}

export function signInToSchool(api: ApiClient, body: SchoolAccountSignIn): Promise<SchoolAccountView> {
  return callRoute(api, signIn, { body }, { timeoutMs: 30_000 })
}

export function signOutOfSchool(api: ApiClient): Promise<SchoolAccountView> {
  return callRoute(api, signOut, {})
}
