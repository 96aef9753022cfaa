import type { ClassCreate, ClassListItem } from '../../shared/api'
import { createClass } from '../api/classes'
import { useApi } from './useApi'
import { useAsyncAction } from './useAsyncAction'

/** POST /api/classes (an admin's screen only): a class the school server lacks, made from the Import page. */
export function useCreateClass() {
  const api = useApi()
  const { busy, failure: error, run } = useAsyncAction()

  async function create(input: ClassCreate): Promise<ClassListItem | null> {
    return (await run(() => createClass(api, input))) ?? null
  }

  return { busy, error, create }
}
