import type { EventsRepo, RelayTerminalRow } from '../../store/events-repo'

const STEP = 500

/**
 * How far a terminal's log is known without a gap. A terminal numbers every event it records (`serialNo`,
 * one apart), so a run of stored serials with no hole means nothing older can still turn up: the instant
 * of the last event in the run is the terminal's watermark, which the merge by time waits for.
 * A run starts at the serial a reconciliation established; until then the terminal has no run.
 */
export function followRun(repo: EventsRepo, row: RelayTerminalRow): RelayTerminalRow {
  let contiguous = row.contiguousSerial
  let watermark = row.watermarkMs
  if (contiguous !== null) {
    for (;;) {
      const next = repo.serialsAbove(row.terminal, contiguous, STEP)
      let moved = 0
      for (const item of next) {
        if (item.serialNo !== contiguous + 1) break
        contiguous = item.serialNo
        watermark = Math.max(watermark, item.eventMs)
        moved++
      }
      if (moved < STEP) break
    }
  }
  const max = repo.maxSerial(row.terminal)
  const patch = {
    contiguousSerial: contiguous,
    watermarkMs: watermark,
    maxSerial: max ? Math.max(max.serialNo, row.maxSerial ?? 0) : row.maxSerial,
  }
  repo.updateTerminal(row.deviceId, patch)
  return { ...row, ...patch }
}

/** Whether every event the terminal numbered so far is stored (a heartbeat then moves the watermark). */
export function hasNoGap(row: RelayTerminalRow): boolean {
  return row.contiguousSerial !== null && (row.maxSerial === null || row.contiguousSerial >= row.maxSerial)
}
