import { onScopeDispose, ref, shallowRef } from 'vue'

export type Facing = 'user' | 'environment'
export type CameraProblem = 'unsupported' | 'denied' | 'not_found' | 'busy' | 'failed'

const FACING_KEY = 'sr.camera.facing'

function savedFacing(): Facing {
  try {
    return globalThis.localStorage?.getItem(FACING_KEY) === 'environment' ? 'environment' : 'user'
  } catch {
    return 'user'
  }
}

function problemOf(error: unknown): CameraProblem {
  const name = error instanceof Error || error instanceof DOMException ? error.name : ''
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'denied'
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'not_found'
  if (name === 'NotReadableError' || name === 'AbortError') return 'busy'
  return 'failed'
}

/**
 * The tablet's camera through getUserMedia: front or back (remembered), stopped when not needed so the
 * light goes off and another app can use it. Needs a secure context; `problem` says why it is not live.
 */
export function useCamera() {
  const stream = shallowRef<MediaStream | null>(null)
  const facing = ref<Facing>(savedFacing())
  const starting = ref(false)
  const problem = ref<CameraProblem | null>(null)
  const cameraCount = ref(0)
  const supported =
    typeof navigator !== 'undefined' && typeof navigator.mediaDevices?.getUserMedia === 'function'
  let generation = 0

  function stop(): void {
    generation += 1
    stream.value?.getTracks().forEach((track) => track.stop())
    stream.value = null
    starting.value = false
  }

  async function start(): Promise<void> {
    stop()
    if (!supported) {
      problem.value = 'unsupported'
      return
    }
    const mine = generation
    starting.value = true
    problem.value = null
    try {
      const media = await navigator.mediaDevices.getUserMedia({
        video: { facingMode: facing.value, width: { ideal: 1920 }, height: { ideal: 1080 } },
        audio: false,
      })
      // stopped or restarted while the person was answering the permission prompt
      if (mine !== generation) {
        media.getTracks().forEach((track) => track.stop())
        return
      }
      stream.value = media
      const inputs = await navigator.mediaDevices.enumerateDevices().catch(() => [])
      cameraCount.value = inputs.filter((input) => input.kind === 'videoinput').length
    } catch (error) {
      if (mine === generation) problem.value = problemOf(error)
    } finally {
      if (mine === generation) starting.value = false
    }
  }

  async function switchCamera(): Promise<void> {
    facing.value = facing.value === 'user' ? 'environment' : 'user'
    try {
      globalThis.localStorage?.setItem(FACING_KEY, facing.value)
    } catch {
      // not remembered; the switch still works
    }
    await start()
  }

  /**
   * True unless the person has refused the camera: the Enroll screen then starts it on arrival (the browser
   * asks once if it must), so taking the photo is one tap. A refused camera waits for a tap on "start".
   */
  async function mayStartAtOnce(): Promise<boolean> {
    try {
      const status = await navigator.permissions?.query({ name: 'camera' as PermissionName })
      return status?.state !== 'denied'
    } catch {
      // browsers that cannot tell about the camera: asking is how to find out
      return true
    }
  }

  onScopeDispose(stop)
  return {
    stream,
    facing,
    starting,
    problem,
    cameraCount,
    supported,
    start,
    stop,
    switchCamera,
    mayStartAtOnce,
  }
}
