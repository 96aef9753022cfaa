import { onScopeDispose, ref, shallowRef, watch, type Ref } from 'vue'
import type { PhotoBytes } from '../db/types'
import type { FaceProblem } from '../face/checks'
import type { ImportRow } from '../import'
import { useFaceCheck } from './useFaceCheck'

/** The face check of one imported row's photo: what it found and a thumbnail of the crop around the face. */
export interface RowFaceCheck {
  problems: FaceProblem[]
  thumb: PhotoBytes | null
}

/**
 * Every imported photo through the face check, one after another in its worker (the detector loaded once,
 * beside the class-list reader's worker), so the preview can show each row's verdict and its crop. A row's
 * result is kept while the mapping changes; when the check is off, `status` says so and rows show no verdict.
 */
export function useImportFaceChecks(rows: Ref<ImportRow[]>) {
  const faceCheck = useFaceCheck()
  const results = shallowRef(new Map<string, RowFaceCheck>())
  const progress = ref<{ done: number; total: number } | null>(null)
  let generation = 0

  async function checkAll(list: ImportRow[]): Promise<void> {
    const mine = ++generation
    const todo = list.filter((row) => row.photo && !results.value.has(row.key))
    if (todo.length === 0) return
    progress.value = { done: 0, total: todo.length }
    for (const [index, row] of todo.entries()) {
      if (mine !== generation || faceCheck.status.value === 'off' || !row.photo) break
      const photo = row.photo
      const checked = await faceCheck.checkPhotoWithThumb(
        new Blob([photo.bytes.slice()], { type: photo.type }),
      )
      if (mine !== generation) break
      if (checked) {
        const next = new Map(results.value)
        const thumb = checked.thumb
          ? { bytes: await checked.thumb.arrayBuffer(), type: checked.thumb.type }
          : null
        next.set(row.key, { problems: checked.verdict.problems, thumb })
        results.value = next
      }
      progress.value = { done: index + 1, total: todo.length }
    }
    if (mine === generation) progress.value = null
  }

  watch(rows, (list) => void checkAll(list), { immediate: true })
  onScopeDispose(() => (generation += 1))
  return { status: faceCheck.status, results, progress }
}
