import { onScopeDispose, ref, shallowRef, watch, type Ref } from 'vue'
import type { FaceCheckRecord } from '../../shared/api/registrations'
import type { FaceProblem, FaceVerdict } from '../face/checks'
import { startFaceChecker, type FaceChecker, type FaceCheckStatus } from '../face/faceChecker'

/** A camera frame is scaled to this long side before it goes to the worker (the check scales to 640 anyway). */
const FRAME_LONG_SIDE = 640
/** At most this many checks a second: enough for a live guide, and the tablet keeps a core for the page. */
const MIN_FRAME_GAP_MS = 100
/** A face that passes for this long is taken by itself. */
export const STEADY_MS = 1000

/** The problems left once the operator overrode one (after a confirmation). */
export function remainingProblems(
  verdict: FaceVerdict | null,
  overridden: FaceProblem | null,
): FaceProblem[] {
  return (verdict?.problems ?? []).filter((problem) => problem !== overridden)
}

/** What the draft records of the check for a photo taken with this verdict. */
export function faceCheckRecord(status: FaceCheckStatus, overridden: FaceProblem | null): FaceCheckRecord {
  if (status !== 'ready') return { state: 'off' }
  return overridden ? { state: 'overridden', problem: overridden } : { state: 'passed' }
}

/**
 * The face check for a page: the worker starts with the page (the detector comes from the precache), photos
 * are checked one by one, and a camera view is checked live. When the check cannot run, `status` says 'off'
 * and every check answers null: enrollment goes on without it.
 */
export function useFaceCheck(start: () => FaceChecker = startFaceChecker) {
  const checker = start()
  const status = ref<FaceCheckStatus>(checker.status())
  void checker.ready.then(() => (status.value = checker.status()))

  function noteFailure(error: unknown): null {
    status.value = checker.status()
    if (status.value === 'off') console.warn('face check off:', checker.reason() ?? error)
    return null
  }

  async function checkPhoto(blob: Blob): Promise<FaceVerdict | null> {
    if (!(await checker.ready)) return noteFailure(null)
    return checker.checkPhoto(blob).catch(noteFailure)
  }

  /** A photo checked, with a 96×128 JPEG of the crop around its face (for a list: import, the student sheet). */
  async function checkPhotoWithThumb(
    blob: Blob,
  ): Promise<{ verdict: FaceVerdict; thumb: Blob | null } | null> {
    if (!(await checker.ready)) return noteFailure(null)
    return checker.checkPhotoWithThumb(blob).catch(noteFailure)
  }

  /** Checks the video's frames while `active` is true; `steady` turns true after a second of passing frames. */
  function watchVideo(video: Ref<HTMLVideoElement | null>, active: Ref<boolean>) {
    const verdict = shallowRef<FaceVerdict | null>(null)
    const steady = ref(false)
    let passingSince: number | null = null
    let running = false

    async function loop(): Promise<void> {
      if (running) return
      running = true
      try {
        if (!(await checker.ready)) return void noteFailure(null)
        while (active.value && status.value === 'ready') {
          const began = performance.now()
          const element = video.value
          if (element && element.readyState >= 2 && element.videoWidth > 0) {
            const scale = Math.min(1, FRAME_LONG_SIDE / Math.max(element.videoWidth, element.videoHeight))
            const frame = await createImageBitmap(element, {
              resizeWidth: Math.round(element.videoWidth * scale),
              resizeHeight: Math.round(element.videoHeight * scale),
            })
            const result = await checker.checkFrame(frame).catch(noteFailure)
            if (!active.value) break
            verdict.value = result
            const passes = result !== null && result.problems.length === 0
            passingSince = passes ? (passingSince ?? performance.now()) : null
            steady.value = passingSince !== null && performance.now() - passingSince >= STEADY_MS
          }
          const wait = Math.max(0, MIN_FRAME_GAP_MS - (performance.now() - began))
          await new Promise((resolve) => setTimeout(resolve, wait))
        }
      } finally {
        running = false
      }
    }

    watch(
      active,
      (on) => {
        if (on) void loop()
        else {
          verdict.value = null
          steady.value = false
          passingSince = null
        }
      },
      { immediate: true },
    )
    return { verdict, steady }
  }

  onScopeDispose(() => checker.close())
  return { status, checkPhoto, checkPhotoWithThumb, watchVideo }
}
