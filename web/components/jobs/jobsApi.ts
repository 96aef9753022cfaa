import { z } from 'zod'
import type { ApiClient } from '../../api/client'
import { Job, JobCapacityCheck, JobReport, type JobCreate } from '../../../shared/api/jobs'
import { saveFile } from '../../composables/saveFile'

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
    /**
     * Saves the report as a CSV in the reader's words: the proxy gives each person's outcome as codes,
     * `toCsv` writes them out.
     */
    async downloadReport(id: string, toCsv: (rows: JobReport) => string, fileName: string): Promise<void> {
      const rows = await api.request('GET', `/api/jobs/${encodeURIComponent(id)}/report`, {
        schema: JobReport,
      })
      saveFile(
        new Blob([toCsv(rows)], { type: 'text/csv;charset=utf-8' }),
        `${fileName}-${id.slice(0, 8)}.csv`,
      )
    },
  }
}
