/** Where a screen started watching a job: when, and how many people were processed by then. */
export interface PaceStart {
  at: number
  processed: number
}

/**
 * Seconds left at the pace this screen has seen since it started watching (people per second), or null
 * while there is no pace yet. A screen that opens a job halfway measures from there, not from the start.
 */
export function etaSeconds(
  start: PaceStart,
  current: { processed: number; total: number },
  now: number,
): number | null {
  const gained = current.processed - start.processed
  const elapsedSec = (now - start.at) / 1000
  if (gained <= 0 || elapsedSec <= 0) return null
  return Math.max(0, Math.round((current.total - current.processed) / (gained / elapsedSec)))
}
