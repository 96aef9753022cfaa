/** A part of the running proxy that starts something (a timer, a socket, a loop) and must stop it again. */
export interface Task {
  name: string
  start(): void | Promise<void>
  stop(): void | Promise<void>
}

/**
 * The proxy's one list of what runs in the background, from the sender loops to the listening servers:
 * started in the order added, stopped in reverse, so what depends on a part stops before that part does.
 * A stopped proxy leaves no timer or socket behind.
 */
export class Lifecycle {
  private readonly tasks: Task[] = []
  private readonly running: Task[] = []

  add(task: Task): void {
    this.tasks.push(task)
  }

  /** Starts every task not yet running; when one fails, stops those it started and rethrows. */
  async start(): Promise<void> {
    for (const task of this.tasks) {
      if (this.running.includes(task)) continue
      try {
        await task.start()
      } catch (error) {
        await this.stop()
        throw error
      }
      this.running.push(task)
    }
  }

  /** Stops what runs, last started first; every task gets its stop even when one before it failed. */
  async stop(): Promise<void> {
    const failures: unknown[] = []
    for (let task = this.running.pop(); task; task = this.running.pop()) {
      try {
        await task.stop()
      } catch (error) {
        failures.push(error)
      }
    }
    if (failures.length === 1) throw failures[0]
    if (failures.length > 1) throw new AggregateError(failures, 'several background tasks failed to stop')
  }
}
