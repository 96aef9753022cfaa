import { coalesced } from './coalesced'

// Longest single timer; a later wake-up simply looks again.
const MAX_SLEEP_MS = 60_000
const RETRY_AFTER_STORE_ERROR_MS = 1_000

/**
 * The wake-up loop of a sender that works through a stored queue. `look` reads the queue and sends what is
 * due; it runs on start, once a tick however often the pump is woken, and when the one timer set by
 * `lookAt` is due. A queue that cannot be read (the database busy or closing) is told to `unreadable` and
 * looked at again shortly, rather than taking the proxy down.
 */
export class QueuePump {
  private running = false
  private timer: NodeJS.Timeout | null = null
  private readonly soon = coalesced(() => this.pump())

  constructor(
    private readonly look: () => void,
    private readonly unreadable: (error: unknown) => void,
  ) {}

  get isRunning(): boolean {
    return this.running
  }

  start(): void {
    if (this.running) return
    this.running = true
    this.pump()
  }

  /** Stops looking; returns whether it was running. */
  stop(): boolean {
    const was = this.running
    this.running = false
    this.clearTimer()
    return was
  }

  /** Something changed: look on the next tick rather than at the timer. */
  wake(): void {
    if (this.running) this.soon()
  }

  /** Looks again at `atMs` (or in a minute at the latest), instead of any time set before. */
  lookAt(atMs: number, nowMs: number): void {
    this.clearTimer()
    this.timer = setTimeout(() => this.pump(), Math.min(Math.max(atMs - nowMs, 0), MAX_SLEEP_MS))
  }

  private pump(): void {
    if (!this.running) return
    this.clearTimer()
    try {
      this.look()
    } catch (error) {
      this.unreadable(error)
      this.timer = setTimeout(() => this.pump(), RETRY_AFTER_STORE_ERROR_MS)
    }
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
  }
}
