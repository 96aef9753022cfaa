import { checkPhotoBytes, checkPicture } from './analyse'
import { FACE_MODELS_PATH, loadFaceDetector } from './detector'
import type { FaceCheckReply, FaceCheckRequest } from './workerMessages'

// The detector runs here so the camera view never stutters while a frame is judged.
// (typed here rather than with the webworker lib, which would clash with the DOM lib in the one program)
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<FaceCheckRequest>) => void) | null
  postMessage(message: FaceCheckReply): void
}

const started = performance.now()
const detector = loadFaceDetector(`${import.meta.env.BASE_URL}${FACE_MODELS_PATH}`)
detector.then(
  (loaded) =>
    scope.postMessage({ type: 'ready', backend: loaded.backend, loadMs: performance.now() - started }),
  (error: unknown) =>
    scope.postMessage({ type: 'unavailable', message: String((error as Error)?.message ?? error) }),
)

scope.onmessage = async (event: MessageEvent<FaceCheckRequest>) => {
  const request = event.data
  try {
    const loaded = await detector
    if (request.type === 'frame') {
      const verdict = await checkPicture(loaded, request.picture).finally(() => request.picture.close())
      scope.postMessage({ type: 'verdict', id: request.id, verdict })
    } else {
      const { verdict, thumb } = await checkPhotoBytes(loaded, request.blob, request.thumb)
      scope.postMessage({ type: 'verdict', id: request.id, verdict, thumb })
    }
  } catch (error) {
    scope.postMessage({ type: 'failed', id: request.id, message: String((error as Error)?.message ?? error) })
  }
}
