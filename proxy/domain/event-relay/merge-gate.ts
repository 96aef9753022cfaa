/** One terminal as the merge sees it: up to which instant its events are all in. */
export interface TerminalMark {
  deviceId: string
  watermarkMs: number
}

export interface GateVerdict {
  /** the event may go now */
  open: boolean
  /** terminals it waits for (empty when open) */
  waitingFor: string[]
  /** when a hold runs out, so the caller can look again then */
  retryAtMs: number | null
}

/**
 * Merges the terminals' backlogs by event time. An event at `eventMs` may go to the school server only
 * when no terminal can still bring an older one, i.e. every terminal's watermark has reached `eventMs`.
 * A terminal that is behind holds the others back for at most `holdMs` from when it first did; then it
 * is passed over (and reported) until it catches up, so one dead terminal cannot stop a school's morning.
 */
export class MergeGate {
  /** terminal → when it started holding the line */
  private readonly since = new Map<string, number>()

  constructor(private readonly holdMs: number) {}

  check(eventMs: number, terminals: readonly TerminalMark[], nowMs: number): GateVerdict {
    const waitingFor: string[] = []
    let retryAtMs: number | null = null
    const present = new Set<string>()
    for (const terminal of terminals) {
      present.add(terminal.deviceId)
      if (terminal.watermarkMs >= eventMs) {
        this.since.delete(terminal.deviceId)
        continue
      }
      const since = this.since.get(terminal.deviceId) ?? nowMs
      this.since.set(terminal.deviceId, since)
      const until = since + this.holdMs
      if (nowMs >= until) continue
      waitingFor.push(terminal.deviceId)
      retryAtMs = retryAtMs === null ? until : Math.min(retryAtMs, until)
    }
    for (const id of [...this.since.keys()]) if (!present.has(id)) this.since.delete(id)
    return { open: waitingFor.length === 0, waitingFor, retryAtMs }
  }

  /** Terminals held over their bound right now: behind, and passed over. */
  behind(nowMs: number): string[] {
    return [...this.since.entries()].filter(([, since]) => nowMs - since >= this.holdMs).map(([id]) => id)
  }

  /** Terminals holding the line now, within their bound. */
  holding(nowMs: number): string[] {
    return [...this.since.entries()].filter(([, since]) => nowMs - since < this.holdMs).map(([id]) => id)
  }
}
