import { ref, shallowRef } from 'vue'
import type { Device, SchoolLinkRequest, SchoolLinkView } from '../../shared/api'
import { linkToSchoolServer, schoolLinkView } from '../api/school-link'
import { useApi } from './useApi'

/** One terminal's link to the school server's device list: what it is now, what it could be, and the change. */
export function useSchoolLink(deviceId: string, onLinked: (device: Device) => void) {
  const api = useApi()
  const view = shallowRef<SchoolLinkView | null>(null)
  const loading = ref(false)
  const busy = ref(false)
  const failure = shallowRef<unknown>(null)
  const linkedName = ref<string | null>(null)

  async function load(): Promise<void> {
    loading.value = true
    failure.value = null
    try {
      view.value = await schoolLinkView(api, deviceId)
    } catch (error) {
      failure.value = error
    } finally {
      loading.value = false
    }
  }

  async function link(request: SchoolLinkRequest, name: string): Promise<void> {
    busy.value = true
    failure.value = null
    try {
      onLinked(await linkToSchoolServer(api, deviceId, request))
      linkedName.value = name
      await load()
    } catch (error) {
      failure.value = error
    } finally {
      busy.value = false
    }
  }

  return { view, loading, busy, failure, linkedName, load, link }
}
