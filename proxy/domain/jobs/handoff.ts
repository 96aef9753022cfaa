/**
 * A bounded hand-over between a reader and a writer: the reader may run `size` items ahead, then waits.
 * `close()` ends it from either side: `take` drains what is left then answers undefined, `put` stops
 * waiting and drops its item.
 */
export class Handoff<T> {
  private readonly items: T[] = []
  private closed = false
  private wake: Array<() => void> = []

  constructor(private readonly size: number) {}

  async put(item: T): Promise<boolean> {
    while (!this.closed && this.items.length >= this.size) await this.wait()
    if (this.closed) return false
    this.items.push(item)
    this.notify()
    return true
  }

  async take(): Promise<T | undefined> {
    while (!this.closed && this.items.length === 0) await this.wait()
    const item = this.items.shift()
    this.notify()
    return item
  }

  close(): void {
    this.closed = true
    this.notify()
  }

  private wait(): Promise<void> {
    return new Promise((resolve) => this.wake.push(resolve))
  }

  private notify(): void {
    const waiting = this.wake
    this.wake = []
    for (const resolve of waiting) resolve()
  }
}
