import { z } from 'zod'
import { Job, JobCapacityCheck, JobCapacityQuery, JobCreate, JobReport } from '../jobs'
import type { RouteDeclaration } from './route'

export const startJob = {
  method: 'POST',
  path: '/api/jobs',
  access: 'admin',
  what: 'start a clone job (database → device, or device → device)',
  status: 202,
  body: JobCreate,
  answer: Job,
  audit: 'job.start',
} as const satisfies RouteDeclaration

export const listJobs = {
  method: 'GET',
  path: '/api/jobs',
  access: 'token',
  what: 'all jobs',
  status: 200,
  answer: z.array(Job),
} as const satisfies RouteDeclaration

export const checkJobCapacity = {
  method: 'GET',
  path: '/api/jobs/capacity',
  access: 'token',
  what: 'will the people fit on the target device?',
  status: 200,
  query: JobCapacityQuery,
  answer: JobCapacityCheck,
} as const satisfies RouteDeclaration

export const readJob = {
  method: 'GET',
  path: '/api/jobs/:id',
  access: 'token',
  what: 'job state',
  status: 200,
  answer: Job,
} as const satisfies RouteDeclaration

export const cancelJob = {
  method: 'POST',
  path: '/api/jobs/:id/cancel',
  access: 'admin',
  what: 'stop a job; what is done stays done',
  status: 200,
  answer: Job,
  audit: 'job.cancel',
} as const satisfies RouteDeclaration

export const readJobReport = {
  method: 'GET',
  path: '/api/jobs/:id/report',
  access: 'token',
  what: "per-person outcome of a job as codes, for the app to write in the reader's language",
  status: 200,
  answer: JobReport,
} as const satisfies RouteDeclaration

export const downloadJobReport = {
  method: 'GET',
  path: '/api/jobs/:id/report.csv',
  access: 'token',
  what: 'per-person outcome of a job as CSV of codes, for tools',
  status: 200,
  format: '`text/csv`',
} as const satisfies RouteDeclaration

export const streamJob = {
  method: 'GET',
  path: '/api/jobs/:id/events',
  access: 'token',
  what: 'progress as Server-Sent Events: event `job`, data = the Job as JSON',
  status: 200,
  format: '`text/event-stream`',
} as const satisfies RouteDeclaration

/** The jobs routes, in the order the API doc lists them. */
export const jobsGroup = [
  startJob,
  listJobs,
  checkJobCapacity,
  readJob,
  cancelJob,
  readJobReport,
  downloadJobReport,
  streamJob,
] as const
