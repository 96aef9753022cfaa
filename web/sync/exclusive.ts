export type Exclusive = <T>(work: () => Promise<T>) => Promise<T>

/**
 * Runs `work` while no other tab of this app runs work under the same name (Web Locks), so two open tabs
 * never send drafts side by side. Where the browser has no Web Locks the work simply runs.
 */
export function acrossTabs(name: string): Exclusive {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined
  if (!locks) return (work) => work()
  return (work) => locks.request(name, () => work())
}
