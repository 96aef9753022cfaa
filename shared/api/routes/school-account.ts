import { SchoolAccountSignIn, SchoolAccountView } from '../school-account'
import type { RouteDeclaration } from './route'

export const readSchoolAccount = {
  method: 'GET',
  path: '/api/school-account',
  access: 'token',
  what: 'this screen’s own school-server account: none (reports go with the shared account), active, or ended (the screen must sign in again; `waiting` reports wait for it)',
  status: 200,
  answer: SchoolAccountView,
} as const satisfies RouteDeclaration

export const signInToSchool = {
  method: 'POST',
  path: '/api/school-account/sign-in',
  access: 'token',
  what: 'sign this screen in with its own school-server account (SCHOOL_ADMIN or TEACHER of this school); the reports it causes then go out as that person. The password is sent to the school server once and never kept; `backend_rejected` for a wrong password or a role that may not register students, `conflict` when no school server is configured',
  status: 200,
  body: SchoolAccountSignIn,
  answer: SchoolAccountView,
  audit: 'school_account.sign_in',
} as const satisfies RouteDeclaration

export const signOutOfSchool = {
  method: 'POST',
  path: '/api/school-account/sign-out',
  access: 'token',
  what: 'forget this screen’s own account; its waiting reports go with the shared account',
  status: 200,
  answer: SchoolAccountView,
  audit: 'school_account.sign_out',
} as const satisfies RouteDeclaration

/** The school-account routes, in the order the API doc lists them. */
export const schoolAccountGroup = [readSchoolAccount, signInToSchool, signOutOfSchool] as const
