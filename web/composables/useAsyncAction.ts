import { ref, shallowRef } from 'vue'

/**
 * The busy / failed / done state of one action a screen offers (save, retry, upload): the button is busy
 * while it runs, the failure is kept for the notice, `done` says it went through. A new run clears both.
 */
export function useAsyncAction() {
  const busy = ref(false)
  const failure = shallowRef<unknown>(null)
  const done = ref(false)

  /** Runs the work; its answer, or undefined when it failed (the failure is in `failure`). */
  async function run<T>(work: () => Promise<T>): Promise<T | undefined> {
    busy.value = true
    failure.value = null
    done.value = false
    try {
      const answer = await work()
      done.value = true
      return answer
    } catch (error) {
      failure.value = error
      return undefined
    } finally {
      busy.value = false
    }
  }

  return { busy, failure, done, run }
}
