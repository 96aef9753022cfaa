import { StudentExportQuery } from '../student-export'
import type { RouteDeclaration } from './route'

export const exportStudents = {
  method: 'GET',
  path: '/api/students/export',
  access: 'token',
  what: "the students (class and search as in the list) with their state on each device (present / missing / failed) as a file; CSV is UTF-8 with BOM, `,`-separated, formula-like cells prefixed with `'`",
  status: 200,
  query: StudentExportQuery,
  format: '`.xlsx` or `text/csv` attachment',
} as const satisfies RouteDeclaration

/** The student-export routes, in the order the API doc lists them. */
export const studentExportGroup = [exportStudents] as const
