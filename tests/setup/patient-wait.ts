import { vi } from 'vitest'

/*
 * `vi.waitFor` gives up after 1 s unless told otherwise, while `expect.poll` waits 15 s here. The first mount
 * of a screen (its language chunk, IndexedDB opening) can take longer than a second on a busy 2-core
 * machine, and a wait that gives up early fails a test that is right. Every wait therefore defaults to the
 * same patience as a poll; a wait that names its own timeout keeps it. A met condition returns at once, so
 * a quiet machine is not slowed.
 */
const PATIENCE_MS = 15_000
const waitFor = vi.waitFor.bind(vi)

vi.waitFor = ((callback, options) =>
  waitFor(
    callback,
    typeof options === 'number' ? options : { timeout: PATIENCE_MS, ...options },
  )) as typeof vi.waitFor
