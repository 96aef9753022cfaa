/**
 * Request bodies are read whole (JSON, multipart, photos) and a photo costs several times its size while it
 * is decoded, so 150 screens uploading 13 MB at once took the proxy to 2.75 GB. Bodies in flight share this
 * budget: a request reserves its declared size (a chunked one the most its route takes) before anything
 * reads it, and gives it back when its answer is ready. A request that does not fit waits its turn (the
 * socket holds the rest of the body meanwhile); one that waits too long is `503 busy` with `Retry-After`.
 */
export const BODIES_IN_FLIGHT_BYTES = 64 * 1024 * 1024
const MAX_WAIT_MS = 20_000

export class ByteBudget {
  private used = 0
  private readonly waiting: Array<{ bytes: number; admit: (release: () => void) => void }> = []

  constructor(
    readonly capacity: number,
    /** how long a body may wait for room before it is `busy` */
    readonly maxWaitMs = MAX_WAIT_MS,
  ) {}

  /** bodies waiting for room */
  get queued(): number {
    return this.waiting.length
  }

  get inUse(): number {
    return this.used
  }

  /** Resolves with the way to give the bytes back once they fit; false when `signal` ends the wait. */
  reserve(bytes: number, signal: AbortSignal): Promise<(() => void) | false> {
    const wanted = Math.min(bytes, this.capacity)
    if (this.waiting.length === 0 && this.used + wanted <= this.capacity) {
      return Promise.resolve(this.take(wanted))
    }
    return new Promise((resolve) => {
      const entry = {
        bytes: wanted,
        admit: (release: () => void) => {
          signal.removeEventListener('abort', giveUp)
          resolve(release)
        },
      }
      const giveUp = () => {
        const at = this.waiting.indexOf(entry)
        if (at >= 0) this.waiting.splice(at, 1)
        resolve(false)
        // a large body that gave up may have held back smaller ones behind it
        this.admitWaiting()
      }
      if (signal.aborted) return resolve(false)
      signal.addEventListener('abort', giveUp, { once: true })
      this.waiting.push(entry)
    })
  }

  private take(bytes: number): () => void {
    this.used += bytes
    let given = false
    return () => {
      if (given) return
      given = true
      this.used -= bytes
      this.admitWaiting()
    }
  }

  /** First come, first served: a large body at the head is not overtaken by small ones forever. */
  private admitWaiting(): void {
    for (;;) {
      const next = this.waiting[0]
      if (!next || this.used + next.bytes > this.capacity) return
      this.waiting.shift()
      next.admit(this.take(next.bytes))
    }
  }
}
