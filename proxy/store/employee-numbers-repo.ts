import type { Db } from './db'

export type EmployeeNoOrigin = 'allocated' | 'given'

/**
 * Every employeeNo the proxy has handed out or been given. A number stays here for good, whatever became
 * of its registration: a number once written to a device may still sit in some device's memory or in the
 * backend, and the attendance webhook finds students by it.
 */
export class EmployeeNumbersRepo {
  constructor(private readonly db: Db) {}

  /** Records the number; false when it was already recorded (then nothing changes). */
  claim(employeeNo: string, origin: EmployeeNoOrigin, at: string): boolean {
    return (
      this.db
        .prepare('INSERT OR IGNORE INTO employee_numbers (employee_no, origin, created_at) VALUES (?, ?, ?)')
        .run(employeeNo, origin, at).changes > 0
    )
  }

  has(employeeNo: string): boolean {
    return (
      this.db.prepare('SELECT 1 FROM employee_numbers WHERE employee_no = ?').get(employeeNo) !== undefined
    )
  }

  count(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM employee_numbers').get() as { n: number }).n
  }
}
