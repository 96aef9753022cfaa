import { computed, onBeforeUnmount, shallowRef, watch, type Ref } from 'vue'
import { Job, JOB_EVENT } from '../../shared/api/jobs'
import { jobById } from '../api/jobs'
import { parseSseBlock, readSse, type SseEvent } from '../api/sse'
import { useSessionStore } from '../stores/session'
import { etaSeconds, type PaceStart } from './jobEta'
import { useApi } from './useApi'

const FINAL = new Set(['done', 'failed', 'cancelled'])
/** Between two tries to reopen the stream (a phone that slept, a proxy restarting). */
const RECONNECT_MS = 2_000

export function isFinalJob(job: Pick<Job, 'state'> | null | undefined): boolean {
  return !!job && FINAL.has(job.state)
}

/**
 * A job's live state from `GET /api/jobs/:id/events`. EventSource cannot send the bearer token, so the
 * stream is read with fetch; when it breaks, the job is read once and the stream reopened, until the job
 * is over. `etaSec` comes from the pace seen on this screen (people per second since it started watching).
 */
export function useJobEvents(jobId: Ref<string | null>) {
  const api = useApi()
  const session = useSessionStore()
  const job = shallowRef<Job | null>(null)
  const error = shallowRef<unknown>(null)
  let controller: AbortController | null = null
  let firstSeen: PaceStart | null = null

  const processed = (j: Job) => j.done + j.skipped + j.failed
  const etaSec = computed(() => {
    const current = job.value
    if (!current || isFinalJob(current) || !firstSeen) return null
    return etaSeconds(firstSeen, { processed: processed(current), total: current.total }, Date.now())
  })

  function accept(next: Job): void {
    if (!firstSeen || firstSeen.processed > processed(next))
      firstSeen = { at: Date.now(), processed: processed(next) }
    job.value = next
  }

  async function follow(id: string, signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      try {
        await readStream(id, signal)
      } catch (failure) {
        if (signal.aborted) return
        error.value = failure
      }
      if (isFinalJob(job.value) || signal.aborted) return
      await new Promise((resolve) => setTimeout(resolve, RECONNECT_MS))
      try {
        accept(await jobById(api, id, signal))
        error.value = null
      } catch (failure) {
        if (!signal.aborted) error.value = failure
      }
    }
  }

  async function readStream(id: string, signal: AbortSignal): Promise<void> {
    const response = await fetch(new URL(`/api/jobs/${encodeURIComponent(id)}/events`, session.baseUrl), {
      headers: { accept: 'text/event-stream', authorization: `Bearer ${session.token ?? ''}` },
      cache: 'no-store',
      signal,
    })
    if (!response.ok || !response.body) throw new Error(`job events answered ${response.status}`)
    error.value = null
    await readSse(response.body, (event) => {
      const parsed = jobOf(event)
      if (parsed) accept(parsed)
    })
  }

  watch(
    jobId,
    (id) => {
      controller?.abort()
      controller = null
      job.value = null
      firstSeen = null
      if (!id) return
      controller = new AbortController()
      void follow(id, controller.signal)
    },
    { immediate: true },
  )
  onBeforeUnmount(() => controller?.abort())

  return { job, error, etaSec }
}

/** One SSE block: its `job` event's data as a Job, anything else (keep-alives) ignored. */
export function parseEvent(block: string): Job | null {
  const event = parseSseBlock(block)
  return event ? jobOf(event) : null
}

function jobOf(event: SseEvent): Job | null {
  if (event.event !== JOB_EVENT) return null
  const parsed = Job.safeParse(JSON.parse(event.data))
  return parsed.success ? parsed.data : null
}
