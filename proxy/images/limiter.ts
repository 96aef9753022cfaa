/**
 * Runs at most `concurrency` tasks at once; the rest wait in arrival order.
 * A 12 MP decode holds about 36 MB of pixels, and libuv runs four sharp jobs at once by default: a class
 * of photos arriving together must queue instead of pushing the proxy's memory up on a small box.
 */
export function createLimiter(concurrency: number): <T>(task: () => Promise<T>) => Promise<T> {
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new Error('concurrency must be a positive integer')
  let running = 0
  const waiting: Array<() => void> = []

  // A finishing task hands its slot straight to the next waiter, so a newcomer cannot slip in between.
  const release = () => {
    const next = waiting.shift()
    if (next) next()
    else running -= 1
  }

  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (running >= concurrency) await new Promise<void>((resolve) => waiting.push(resolve))
    else running += 1
    try {
      return await task()
    } finally {
      release()
    }
  }
}
