import { z } from 'zod'
import type { ApiClient } from './client'
import { Job, JobCapacityCheck, JobReport, type JobCreate } from '../../shared/api/jobs'

/** The `/api/jobs` routes the clone screens call, over the app's typed client. */
export function jobsApi(api: ApiClient) {
  return {
    start: (body: JobCreate) => api.request('POST', '/api/jobs', { schema: Job, body, timeoutMs: 45_000 }),
    list: () => api.request('GET', '/api/jobs', { schema: z.array(Job) }),
    cancel: (id: string) =>
      api.request('POST', `/api/jobs/${encodeURIComponent(id)}/cancel`, { schema: Job }),
    // The devices are asked live (capabilities, counts), so a slow one takes its time.
    capacity: (targetDeviceId: string, sourceDeviceId?: string) =>
      api.request('GET', '/api/jobs/capacity', {
        schema: JobCapacityCheck,
        query: { targetDeviceId, sourceDeviceId },
        timeoutMs: 45_000,
      }),
    /** Each person's outcome as codes; the screen writes them out in the reader's words. */
    report: (id: string) =>
      api.request('GET', `/api/jobs/${encodeURIComponent(id)}/report`, { schema: JobReport }),
  }
}

/** `GET /api/jobs/:id`: the job as it stands now (when its event stream was interrupted). */
export function jobById(api: ApiClient, id: string, signal?: AbortSignal): Promise<Job> {
  return api.request('GET', `/api/jobs/${encodeURIComponent(id)}`, {
    schema: Job,
    ...(signal ? { signal } : {}),
  })
}
