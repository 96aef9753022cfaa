import { onBeforeUnmount, onMounted, ref, shallowRef, watch, type Ref } from 'vue'
import { useApi } from './useApi'

export type FaceState = 'waiting' | 'loading' | 'shown' | 'missing'

/**
 * An image from an authenticated route (a face on a device): fetched with the token only once its element
 * scrolls into view, shown through an object URL, and that URL revoked when the path changes or the
 * element goes away, so a long list does not hold every face in memory.
 */
export function useFaceImage(path: Ref<string | null>, element: Ref<HTMLElement | null>) {
  const api = useApi()
  const url = shallowRef<string | null>(null)
  const state = ref<FaceState>('waiting')
  let visible = false
  let observer: IntersectionObserver | null = null
  let controller: AbortController | null = null

  function release(): void {
    controller?.abort()
    controller = null
    if (url.value) URL.revokeObjectURL(url.value)
    url.value = null
  }

  async function load(): Promise<void> {
    release()
    const target = path.value
    if (!target) {
      state.value = 'missing'
      return
    }
    if (!visible) {
      state.value = 'waiting'
      return
    }
    const mine = new AbortController()
    controller = mine
    state.value = 'loading'
    try {
      const blob = await api.fetchImage(target, mine.signal)
      if (controller !== mine) return
      url.value = URL.createObjectURL(blob)
      state.value = 'shown'
    } catch {
      if (controller === mine) state.value = 'missing'
    }
  }

  onMounted(() => {
    if (typeof IntersectionObserver === 'undefined' || !element.value) {
      visible = true
      void load()
      return
    }
    observer = new IntersectionObserver(
      (entries) => {
        if (!entries.some((entry) => entry.isIntersecting)) return
        visible = true
        observer?.disconnect()
        void load()
      },
      { rootMargin: '200px' },
    )
    observer.observe(element.value)
    if (!path.value) state.value = 'missing'
  })
  watch(path, () => void load())
  onBeforeUnmount(() => {
    observer?.disconnect()
    release()
  })

  return { url, state }
}
