import { z } from 'zod'
import type { ApiClient } from '../../api/client'
import { Job, JobCapacityCheck, type JobCreate } from '../../../shared/api/jobs'

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
    /** Saves the CSV report through the browser, with the token sent. */
    async downloadReport(id: string): Promise<void> {
      const blob = await api.download(`/api/jobs/${encodeURIComponent(id)}/report.csv`)
      const url = URL.createObjectURL(blob)
      const link = document.createElement('a')
      link.href = url
      link.download = `clone-${id.slice(0, 8)}.csv`
      document.body.append(link)
      link.click()
      link.remove()
      setTimeout(() => URL.revokeObjectURL(url), 10_000)
    },
  }
}
