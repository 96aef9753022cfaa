import type { Draft } from '../db/types'

/** The drafts handed to the proxy and not answered yet, oldest first, with the work recording each answer. */
export class InFlight {
  private readonly entries: Array<{ draft: Draft; work: Promise<void> }> = []

  /** `changed` is told the oldest draft whenever one comes or goes */
  constructor(private readonly changed: (oldest: Draft | null) => void) {}

  get size(): number {
    return this.entries.length
  }

  /** the oldest draft the proxy has not answered yet */
  get oldest(): Draft | null {
    return this.entries[0]?.draft ?? null
  }

  add(draft: Draft, work: Promise<void>): void {
    const entry = { draft, work }
    this.entries.push(entry)
    this.changed(this.oldest)
    const leave = () => {
      this.entries.splice(this.entries.indexOf(entry), 1)
      this.changed(this.oldest)
    }
    work.then(leave, leave)
  }

  /** Resolves when one of them has been answered and recorded (rejects when recording it failed). */
  async one(): Promise<void> {
    await Promise.race(this.entries.map((entry) => entry.work))
  }

  /** Resolves when all of them have been answered and recorded; rejects after that if recording one failed. */
  async all(): Promise<void> {
    const settled = await Promise.allSettled(this.entries.map((entry) => entry.work))
    const failed = settled.find((result) => result.status === 'rejected')
    if (failed) throw failed.reason
  }

  /**
   * Whether a draft of the same student (by number or school server id) is with the proxy now. Two of them
   * never travel together: the proxy must have stored the first before it judges the second, which it
   * then refuses as already enrolled instead of writing the student a second time under a new number.
   */
  holdsStudentOf(draft: Draft): boolean {
    return this.entries.some(({ draft: other }) => sameStudent(other, draft))
  }
}

function sameStudent(a: Draft, b: Draft): boolean {
  const { employeeNo, backendStudentId } = a.student
  return (
    (!!employeeNo && employeeNo === b.student.employeeNo) ||
    (!!backendStudentId && backendStudentId === b.student.backendStudentId)
  )
}
