import {
  Registration,
  RegistrationEdit,
  RegistrationRemoveQuery,
  RegistrationRequest,
} from '../registrations'
import { StudentSheet, StudentSheetQuery } from '../student-sheet'
import type { RouteDeclaration } from './route'

export const register = {
  method: 'POST',
  path: '/api/registrations',
  access: 'token',
  what: 'register one student on devices, all or nothing; JSON, or multipart with a `face` file part and a `data` JSON part; the same `clientId` again returns the first result',
  status: 201,
  body: RegistrationRequest,
  answer: Registration,
  audit: 'registration.create',
} as const satisfies RouteDeclaration

export const readStudentSheet = {
  method: 'GET',
  path: '/api/registrations/:employeeNo',
  access: 'token',
  what: "the student sheet of anyone on a terminal or on the school server by this number: fields, photo, state on every terminal (with its time and source), the school server's refusal if any, history from the audit trail; `check=true` asks every terminal first",
  status: 200,
  query: StudentSheetQuery,
  answer: StudentSheet,
} as const satisfies RouteDeclaration

export const editRegistration = {
  method: 'PUT',
  path: '/api/registrations/:employeeNo',
  access: 'token',
  what: 'edit name, class, parent phone, photo or terminals of anyone on a terminal (JSON or multipart, as above), all or nothing with read-back and rollback; a person the proxy did not enrol is adopted (`adopted: true`); `addDeviceIds` adds terminals that lack them; leaving a terminal out of `deviceIds` is for admins',
  status: 200,
  body: RegistrationEdit,
  answer: Registration,
  audit: 'registration.update',
} as const satisfies RouteDeclaration

export const removeRegistration = {
  method: 'DELETE',
  path: '/api/registrations/:employeeNo',
  access: 'admin',
  what: 'remove a person from terminals, whoever enrolled them (every terminal of the proxy without `deviceIds`), read back; the school server keeps the student unless `deleteOnSchoolServer=true`',
  status: 200,
  query: RegistrationRemoveQuery,
  answer: Registration,
  audit: 'registration.delete',
} as const satisfies RouteDeclaration

/** The registrations routes, in the order the API doc lists them. */
export const registrationsGroup = [register, readStudentSheet, editRegistration, removeRegistration] as const
