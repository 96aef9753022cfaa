import { useSessionStore } from '../stores/session'

/** Object URLs kept for this page session, so paging back and forth does not fetch photos again. */
const cache = new Map<string, Promise<string | null>>()
const MAX_CACHED = 300
const PARALLEL = 4
let running = 0
const waiting: Array<() => void> = []

async function slot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= PARALLEL) await new Promise<void>((resolve) => waiting.push(resolve))
  running += 1
  try {
    return await work()
  } finally {
    running -= 1
    waiting.shift()?.()
  }
}

function forgetOldest(): void {
  while (cache.size > MAX_CACHED) {
    const [oldest] = cache.keys()
    if (oldest === undefined) return
    forgetStudentPhoto(oldest)
  }
}

/** Drops a cached photo (after a new one was uploaded). */
export function forgetStudentPhoto(studentId: string): void {
  const entry = cache.get(studentId)
  cache.delete(studentId)
  void entry?.then((url) => url && URL.revokeObjectURL(url))
}

/**
 * Students' photos come through the proxy (GET /api/students/:id/photo, which caches them from the school
 * server); the request needs the screen's token, so the picture is fetched here and shown as an object URL.
 * Resolves null when the student has no photo or it cannot be had now.
 */
export function useStudentPhotos() {
  const session = useSessionStore()

  function photoUrl(studentId: string): Promise<string | null> {
    const known = cache.get(studentId)
    if (known) return known
    const pending = slot(async () => {
      const token = session.token
      if (!token) return null
      const url = new URL(`/api/students/${encodeURIComponent(studentId)}/photo`, session.baseUrl)
      const answer = await fetch(url, { headers: { authorization: `Bearer ${token}` } }).catch(() => null)
      if (!answer?.ok) return null
      return URL.createObjectURL(await answer.blob())
    })
    cache.set(studentId, pending)
    // a failure is not remembered: the next look tries again
    void pending.then(
      (result) => result === null && cache.get(studentId) === pending && cache.delete(studentId),
    )
    forgetOldest()
    return pending
  }

  return { photoUrl }
}
