// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { effectScope } from 'vue'
import { useCamera } from '../../../../web/composables/useCamera'

interface FakeStream {
  facing: string
  stopped: boolean
  getTracks(): Array<{ stop(): void }>
}

function fakeStream(facing: string): FakeStream {
  const stream: FakeStream = {
    facing,
    stopped: false,
    getTracks: () => [{ stop: () => (stream.stopped = true) }],
  }
  return stream
}

let getUserMedia: ReturnType<typeof vi.fn>

beforeEach(() => {
  localStorage.clear()
  getUserMedia = vi.fn(async (constraints: { video: { facingMode: string } }) =>
    fakeStream(constraints.video.facingMode),
  )
  Object.defineProperty(navigator, 'mediaDevices', {
    configurable: true,
    value: {
      getUserMedia,
      enumerateDevices: async () => [{ kind: 'videoinput' }, { kind: 'videoinput' }, { kind: 'audioinput' }],
    },
  })
})
afterEach(() => {
  Reflect.deleteProperty(navigator, 'mediaDevices')
})

function camera() {
  const scope = effectScope()
  const cam = scope.run(() => useCamera())
  if (!cam) throw new Error('no camera')
  return { cam, dispose: () => scope.stop() }
}

describe('the enrolment camera', () => {
  it('starts with the front camera, switches to the back one, and remembers that for next time', async () => {
    const { cam, dispose } = camera()
    await cam.start()
    const front = cam.stream.value as unknown as FakeStream
    expect(front.facing).toBe('user')
    expect(cam.cameraCount.value).toBe(2)

    await cam.switchCamera()
    expect((cam.stream.value as unknown as FakeStream).facing).toBe('environment')
    expect(front.stopped).toBe(true)
    dispose()

    const again = camera()
    expect(again.cam.facing.value).toBe('environment')
    again.dispose()
  })

  it('turns the camera off when the screen is left', async () => {
    const { cam, dispose } = camera()
    await cam.start()
    const live = cam.stream.value as unknown as FakeStream
    dispose()
    expect(live.stopped).toBe(true)
  })

  it('says why there is no picture: refused, busy, or no camera at all', async () => {
    const cases: Array<[string, string]> = [
      ['NotAllowedError', 'denied'],
      ['NotReadableError', 'busy'],
      ['NotFoundError', 'not_found'],
    ]
    for (const [name, problem] of cases) {
      getUserMedia.mockRejectedValueOnce(new DOMException('no', name))
      const { cam, dispose } = camera()
      await cam.start()
      expect(cam.problem.value, name).toBe(problem)
      expect(cam.stream.value).toBeNull()
      dispose()
    }
  })

  it('lets go of a camera that was granted only after the person had moved on', async () => {
    let grant: (stream: FakeStream) => void = () => undefined
    getUserMedia.mockImplementationOnce(() => new Promise((resolve) => (grant = resolve)))
    const { cam, dispose } = camera()
    const starting = cam.start()
    cam.stop()
    const late = fakeStream('user')
    grant(late)
    await starting
    expect(late.stopped).toBe(true)
    expect(cam.stream.value).toBeNull()
    dispose()
  })
})
