import { Device } from '../devices'
import { SchoolLinkRequest, SchoolLinkView } from '../school-link'
import type { RouteDeclaration } from './route'

export const readSchoolLink = {
  method: 'GET',
  path: '/api/devices/:id/school-link',
  access: 'admin',
  what: 'which school-server device this terminal is: the current link, the server’s devices with the likely one (same serial, else same name), and what creating it there would send',
  status: 200,
  answer: SchoolLinkView,
} as const satisfies RouteDeclaration

export const linkToSchool = {
  method: 'POST',
  path: '/api/devices/:id/school-link',
  access: 'admin',
  what: 'link the terminal to a school-server device (`backendId`), or create it there (`create: true`) with its serial and the type its direction gives; `validation_failed` while its serial is unknown',
  status: 200,
  body: SchoolLinkRequest,
  answer: Device,
  audit: 'device.school_link',
} as const satisfies RouteDeclaration

/** The school-link routes, in the order the API doc lists them. */
export const schoolLinkGroup = [readSchoolLink, linkToSchool] as const
