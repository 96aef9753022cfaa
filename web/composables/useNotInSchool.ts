import { shallowRef } from 'vue'
import type { UnlinkedPeople } from '../../shared/api'
import { peopleNotInSchool } from '../api/students'
import { useApi } from './useApi'
import { useAsyncAction } from './useAsyncAction'

/** The people on the terminals whom the school database lacks (admin): every terminal searched, on request. */
export function useNotInSchool() {
  const api = useApi()
  const result = shallowRef<UnlinkedPeople | null>(null)
  const { busy: loading, failure: error, run } = useAsyncAction()

  async function load(): Promise<void> {
    const found = await run(() => peopleNotInSchool(api))
    if (found) result.value = found
  }

  return { result, loading, error, load }
}
