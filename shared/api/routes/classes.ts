import { ClassListItem, ClassListResponse } from '../backend'
import { ClassCreate } from '../students'
import type { RouteDeclaration } from './route'

export const listClasses = {
  method: 'GET',
  path: '/api/classes',
  access: 'token',
  what: "the school's classes (kept for offline use)",
  status: 200,
  answer: ClassListResponse,
} as const satisfies RouteDeclaration

export const createClass = {
  method: 'POST',
  path: '/api/classes',
  access: 'admin',
  what: 'add a class on the school server',
  status: 201,
  body: ClassCreate,
  answer: ClassListItem,
  audit: 'class.create',
} as const satisfies RouteDeclaration

/** The classes routes, in the order the API doc lists them. */
export const classesGroup = [listClasses, createClass] as const
