import { liveQuery } from 'dexie'
import { onScopeDispose, shallowRef, watch, type Ref, type WatchSource } from 'vue'

/**
 * A Dexie query kept up to date in a ref: it re-runs whenever the tables it read change (in this tab or
 * another). The querier may only call Dexie. With `source`, it starts over whenever that source changes.
 */
export function useLiveQuery<T>(
  querier: () => T | Promise<T>,
  initial: T,
  source?: WatchSource,
): Readonly<Ref<T>> {
  const value = shallowRef(initial) as Ref<T>
  let unsubscribe = () => {}
  const subscribe = () => {
    unsubscribe()
    const subscription = liveQuery(querier).subscribe({
      next: (result) => (value.value = result),
      error: (error: unknown) => console.error('live query failed', error),
    })
    unsubscribe = () => subscription.unsubscribe()
  }
  if (source) watch(source, subscribe, { immediate: true })
  else subscribe()
  onScopeDispose(() => unsubscribe())
  return value
}
