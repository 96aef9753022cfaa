/**
 * `run` on the next turn of the event loop, once however often it is asked for before then: many writes in
 * one tick (a burst of events, a batch of reports) wake a sender once.
 */
export function coalesced(run: () => void): () => void {
  let queued = false
  return () => {
    if (queued) return
    queued = true
    setImmediate(() => {
      queued = false
      run()
    })
  }
}
