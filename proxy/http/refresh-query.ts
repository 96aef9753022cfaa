/** `?refresh=1` (or `true`): a person asked to look again, so caches that keep checks cheap are skipped. */
export function isRefresh(value: string | undefined): boolean {
  return value === '1' || value === 'true'
}
