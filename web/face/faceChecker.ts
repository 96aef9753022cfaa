import type { FaceVerdict } from './checks'
import type { FaceCheckReply, FaceCheckRequest } from './workerMessages'

export type FaceCheckStatus = 'loading' | 'ready' | 'off'

/** A detector not loaded by then is taken as unable to load (a tablet loads it in about half a second). */
export const LOAD_TIMEOUT_MS = 30_000

/** The face-check worker seen from the page. */
export interface FaceChecker {
  /** resolves true once the detector is loaded, false when the check cannot run here */
  ready: Promise<boolean>
  status(): FaceCheckStatus
  /** why the check is off (for the console; people see a translated sentence) */
  reason(): string | null
  checkFrame(picture: ImageBitmap): Promise<FaceVerdict>
  checkPhoto(blob: Blob): Promise<FaceVerdict>
  /** the same, with a 96×128 JPEG of the crop around the face for a list */
  checkPhotoWithThumb(blob: Blob): Promise<{ verdict: FaceVerdict; thumb: Blob | null }>
  close(): void
}

/** Whether this browser has what the check needs: module workers, OffscreenCanvas, WebAssembly. */
export function faceCheckSupported(): boolean {
  return (
    typeof Worker !== 'undefined' &&
    typeof OffscreenCanvas !== 'undefined' &&
    typeof WebAssembly !== 'undefined' &&
    typeof createImageBitmap === 'function'
  )
}

/**
 * Starts the worker (and so the detector's download from the precache). A worker that fails to load, or
 * dies, turns the check off: every pending and later check is refused, and enrollment goes on without it.
 */
export function startFaceChecker(
  createWorker: () => Worker = () => new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' }),
): FaceChecker {
  let state: FaceCheckStatus = 'loading'
  let why: string | null = null
  let nextId = 1
  type Checked = { verdict: FaceVerdict; thumb: Blob | null }
  const pending = new Map<number, { resolve: (v: Checked) => void; reject: (e: Error) => void }>()
  let settleReady: (ok: boolean) => void = () => undefined
  const ready = new Promise<boolean>((resolve) => (settleReady = resolve))
  let worker: Worker | null = null

  function turnOff(reason: string): void {
    state = 'off'
    why = reason
    settleReady(false)
    for (const { reject } of pending.values()) reject(new Error(reason))
    pending.clear()
    worker?.terminate()
    worker = null
  }

  if (!faceCheckSupported()) turnOff('this browser cannot run the face check')
  else {
    try {
      worker = createWorker()
      worker.onmessage = (event: MessageEvent<FaceCheckReply>) => {
        const reply = event.data
        if (reply.type === 'ready') {
          state = 'ready'
          settleReady(true)
        } else if (reply.type === 'unavailable') turnOff(reply.message)
        else {
          const waiting = pending.get(reply.id)
          pending.delete(reply.id)
          if (reply.type === 'verdict')
            waiting?.resolve({ verdict: reply.verdict, thumb: reply.thumb ?? null })
          else waiting?.reject(new Error(reply.message))
        }
      }
      worker.onerror = (event) => turnOff(event.message || 'the face-check worker failed')
      const timer = setTimeout(() => {
        if (state === 'loading') turnOff('the face detector did not load in time')
      }, LOAD_TIMEOUT_MS)
      void ready.then(() => clearTimeout(timer))
    } catch (error) {
      turnOff(String((error as Error)?.message ?? error))
    }
  }

  function send(request: FaceCheckRequest, transfer: Transferable[]): Promise<Checked> {
    if (!worker) return Promise.reject(new Error(why ?? 'the face check is off'))
    const target = worker
    return new Promise<Checked>((resolve, reject) => {
      pending.set(request.id, { resolve, reject })
      target.postMessage(request, transfer)
    })
  }

  return {
    ready,
    status: () => state,
    reason: () => why,
    checkFrame: (picture) => send({ id: nextId++, type: 'frame', picture }, [picture]).then((c) => c.verdict),
    checkPhoto: (blob) => send({ id: nextId++, type: 'photo', blob }, []).then((c) => c.verdict),
    checkPhotoWithThumb: (blob) => send({ id: nextId++, type: 'photo', blob, thumb: true }, []),
    close: () => {
      if (state !== 'off') turnOff('closed')
    },
  }
}
