import { computed, ref, shallowRef, type Ref } from 'vue'
import type { FaceCheckRecord } from '../../shared/api/registrations'
import type { FaceProblem, FaceVerdict } from '../face/checks'
import { faceCheckRecord, remainingProblems, useFaceCheck } from './useFaceCheck'

/**
 * The face check around one capture (camera or file): what the guide says, whether the shutter is open, the
 * one check the operator overrode, and what the draft records. When the check is off, nothing is blocked.
 */
export function useCaptureCheck(video: Ref<HTMLVideoElement | null>, live: Ref<boolean>) {
  const check = useFaceCheck()
  const { verdict: liveVerdict, steady } = check.watchVideo(video, live)
  /** the verdict on a chosen file, until it is accepted or another is chosen */
  const fileVerdict = shallowRef<FaceVerdict | null>(null)
  const overridden = ref<FaceProblem | null>(null)

  const verdict = computed(() => fileVerdict.value ?? liveVerdict.value)
  const checking = computed(() => check.status.value === 'ready')
  const problems = computed(() => (checking.value ? remainingProblems(verdict.value, overridden.value) : []))
  /** camera: open once a frame passes (or the check is not running) */
  const shutterOpen = computed(
    () => !checking.value || (liveVerdict.value !== null && problems.value.length === 0),
  )
  /** one check may be overridden, and only when it is the only one failing */
  const overridable = computed<FaceProblem | null>(() => {
    const failing = verdict.value?.problems ?? []
    return checking.value && overridden.value === null && failing.length === 1 ? (failing[0] ?? null) : null
  })

  async function checkFile(file: Blob): Promise<FaceVerdict | null> {
    fileVerdict.value = null
    const result = await check.checkPhoto(file)
    fileVerdict.value = result
    return result
  }

  function record(): FaceCheckRecord {
    return faceCheckRecord(check.status.value, overridden.value)
  }

  function reset(): void {
    overridden.value = null
    fileVerdict.value = null
  }

  return {
    status: check.status,
    verdict,
    problems,
    steady,
    shutterOpen,
    overridable,
    overridden,
    override: (problem: FaceProblem) => (overridden.value = problem),
    checkFile,
    record,
    reset,
  }
}
