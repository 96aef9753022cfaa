interface Waiting {
  start: () => void
  cancel: (reason: unknown) => void
}

/**
 * First in, first out, one at a time. A face terminal serves one HTTP request at a time: a second one
 * either waits on the device's single socket slot (and times out there) or is refused as busy, so the
 * proxy queues per device instead. Different devices get different queues and run in parallel.
 */
export class SerialQueue {
  private readonly waiting: Waiting[] = []
  private running = false

  /** Tasks waiting plus the one running. */
  get pending(): number {
    return this.waiting.length + (this.running ? 1 : 0)
  }

  /** Runs `task` when every earlier task has settled. Aborting while queued removes it without running it. */
  run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason)
        return
      }
      const onAbort = () => entry.cancel(signal?.reason)
      const entry: Waiting = {
        start: () => {
          signal?.removeEventListener('abort', onAbort)
          this.running = true
          Promise.resolve()
            .then(task)
            .then(resolve, reject)
            .finally(() => {
              this.running = false
              this.next()
            })
        },
        cancel: (reason) => {
          const index = this.waiting.indexOf(entry)
          if (index >= 0) this.waiting.splice(index, 1)
          reject(reason)
        },
      }
      signal?.addEventListener('abort', onAbort, { once: true })
      this.waiting.push(entry)
      if (!this.running) this.next()
    })
  }

  private next(): void {
    const entry = this.waiting.shift()
    entry?.start()
  }
}
