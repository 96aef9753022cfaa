import { onMounted, onScopeDispose, ref, shallowRef } from 'vue'
import type { SchoolAccountView } from '../../shared/api/school-account'
import { schoolAccountView, signInToSchool, signOutOfSchool } from '../api/school-account'
import { useSessionStore } from '../stores/session'
import { useApi } from './useApi'

/**
 * This screen's own school-server account: what it is, and signing in and out. `everyMs` looks again
 * now and then, so a session the server ended shows without a tap (the reports wait for the sign-in).
 */
export function useSchoolAccount(options: { everyMs?: number } = {}) {
  const api = useApi()
  const session = useSessionStore()
  const view = shallowRef<SchoolAccountView | null>(null)
  const busy = ref(false)
  const error = shallowRef<unknown>(null)
  let timer: ReturnType<typeof setInterval> | null = null

  async function load(): Promise<void> {
    if (!session.isPaired) return
    try {
      view.value = await schoolAccountView(api)
    } catch {
      // out of reach: what was last known stays shown
    }
  }

  async function act(work: () => Promise<SchoolAccountView>): Promise<boolean> {
    busy.value = true
    error.value = null
    try {
      view.value = await work()
      return true
    } catch (failure) {
      error.value = failure
      return false
    } finally {
      busy.value = false
    }
  }

  onMounted(() => {
    void load()
    if (options.everyMs) timer = setInterval(() => void load(), options.everyMs)
  })
  onScopeDispose(() => {
    if (timer) clearInterval(timer)
  })

  return {
    view,
    busy,
    error,
    load,
    signIn: (email: string, password: string) => act(() => signInToSchool(api, { email, password })),
    signOut: () => act(() => signOutOfSchool(api)),
  }
}
