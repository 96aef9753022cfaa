import { ref, shallowRef } from 'vue'
import type { ExpertDocument, ExpertResource, ExpertWriteResult } from '../../shared/api'
import { expertDocument, expertResources, writeExpertDocument } from '../api/device-settings'
import { useApi } from './useApi'

/**
 * The expert editor of one device: the resources its capabilities list, one opened as text, the snapshot
 * it was opened with (shown beside the edit, and what one-tap restore sends back) and the last write.
 */
export function useExpertEditor(deviceId: () => string) {
  const api = useApi()
  const resources = shallowRef<ExpertResource[] | null>(null)
  const opened = shallowRef<ExpertDocument | null>(null)
  const snapshot = ref<string | null>(null)
  const text = ref('')
  const busy = ref<'list' | 'open' | 'save' | null>(null)
  const error = shallowRef<unknown>(null)
  const saved = shallowRef<ExpertWriteResult | null>(null)

  async function run(what: 'list' | 'open' | 'save', work: () => Promise<void>): Promise<void> {
    busy.value = what
    error.value = null
    try {
      await work()
    } catch (failure) {
      error.value = failure
    } finally {
      busy.value = null
    }
  }

  const list = () =>
    run('list', async () => {
      resources.value = (await expertResources(api, deviceId())).resources
    })

  const open = (path: string) =>
    run('open', async () => {
      saved.value = null
      const doc = await expertDocument(api, deviceId(), path)
      opened.value = doc
      snapshot.value = doc.text
      text.value = doc.text
    })

  async function write(body: string): Promise<void> {
    const doc = opened.value
    if (!doc) return
    await run('save', async () => {
      const result = await writeExpertDocument(api, deviceId(), { path: doc.path, text: body })
      saved.value = result
      text.value = result.after
    })
  }

  /** Sends the snapshot the resource was opened with back to the device, verified like any write. */
  const restore = () => (snapshot.value === null ? Promise.resolve() : write(snapshot.value))

  return {
    resources,
    opened,
    snapshot,
    text,
    busy,
    error,
    saved,
    list,
    open,
    save: () => write(text.value),
    restore,
  }
}
