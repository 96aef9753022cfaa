import { onScopeDispose, shallowRef, watch, type Ref } from 'vue'
import { photoToBlob } from '../db/photoBytes'
import type { PhotoBytes } from '../db/types'

/** An object URL for photo bytes, revoked when the bytes change and when the component goes away. */
export function useObjectUrl(photo: Ref<PhotoBytes | null | undefined>): Readonly<Ref<string | null>> {
  const url = shallowRef<string | null>(null)
  const revoke = () => {
    if (url.value) URL.revokeObjectURL(url.value)
    url.value = null
  }
  watch(
    photo,
    (value) => {
      revoke()
      if (value) url.value = URL.createObjectURL(photoToBlob(value))
    },
    { immediate: true },
  )
  onScopeDispose(revoke)
  return url
}
