import { afterEach, describe, expect, it, vi } from 'vitest'
import { effectScope } from 'vue'
import type { FaceVerdict } from '../../../../web/face/checks'
import { LOAD_TIMEOUT_MS, startFaceChecker } from '../../../../web/face/faceChecker'
import type { FaceCheckReply } from '../../../../web/face/workerMessages'
import { faceCheckRecord, useFaceCheck } from '../../../../web/composables/useFaceCheck'

/** A stand-in for the worker: the test says what it answers. */
class FakeWorker {
  onmessage: ((event: MessageEvent<FaceCheckReply>) => void) | null = null
  onerror: ((event: ErrorEvent) => void) | null = null
  posted: unknown[] = []
  terminated = false
  postMessage(message: unknown): void {
    this.posted.push(message)
  }
  terminate(): void {
    this.terminated = true
  }
  reply(message: FaceCheckReply): void {
    this.onmessage?.({ data: message } as MessageEvent<FaceCheckReply>)
  }
  fail(message: string): void {
    this.onerror?.({ message } as ErrorEvent)
  }
}

const verdict = { problems: [], faces: 1 } as unknown as FaceVerdict

function withBrowserApis(): void {
  vi.stubGlobal('Worker', FakeWorker)
  vi.stubGlobal('OffscreenCanvas', class {})
  vi.stubGlobal('createImageBitmap', () => Promise.resolve({}))
}

afterEach(() => vi.unstubAllGlobals())

describe('the face check where it cannot run', () => {
  it('is off at once in a browser without workers or OffscreenCanvas, and every check answers null', async () => {
    const scope = effectScope()
    const check = scope.run(() => useFaceCheck())!
    expect(await check.checkPhoto(new Blob(['x']))).toBeNull()
    expect(check.status.value).toBe('off')
    scope.stop()
  })

  it('turns off when the worker cannot load the detector, and refuses what was waiting', async () => {
    withBrowserApis()
    const worker = new FakeWorker()
    const checker = startFaceChecker(() => worker as unknown as Worker)
    const waiting = checker.checkPhoto(new Blob(['x']))
    worker.reply({ type: 'unavailable', message: 'no WebAssembly here' })
    expect(await checker.ready).toBe(false)
    await expect(waiting).rejects.toThrow('no WebAssembly here')
    expect(checker.status()).toBe('off')
    expect(worker.terminated).toBe(true)
    await expect(checker.checkPhoto(new Blob(['y']))).rejects.toThrow()
  })

  it('turns off when the worker dies mid-check', async () => {
    withBrowserApis()
    const worker = new FakeWorker()
    const checker = startFaceChecker(() => worker as unknown as Worker)
    worker.reply({ type: 'ready', backend: 'wasm', loadMs: 5 })
    expect(await checker.ready).toBe(true)
    const first = checker.checkPhoto(new Blob(['x']))
    worker.reply({ type: 'verdict', id: 1, verdict })
    expect(await first).toEqual(verdict)
    const second = checker.checkPhoto(new Blob(['y']))
    worker.fail('out of memory')
    await expect(second).rejects.toThrow('out of memory')
    expect(checker.status()).toBe('off')
  })

  it('records a photo taken while the check was off as such, and an override with its check', () => {
    expect(faceCheckRecord('off', null)).toEqual({ state: 'off' })
    expect(faceCheckRecord('loading', null)).toEqual({ state: 'off' })
    expect(faceCheckRecord('ready', null)).toEqual({ state: 'passed' })
    expect(faceCheckRecord('ready', 'turned')).toEqual({ state: 'overridden', problem: 'turned' })
  })
})

describe('a detector that never loads', () => {
  it('is taken as off after the load timeout', async () => {
    vi.useFakeTimers()
    withBrowserApis()
    try {
      const checker = startFaceChecker(() => new FakeWorker() as unknown as Worker)
      expect(checker.status()).toBe('loading')
      await vi.advanceTimersByTimeAsync(LOAD_TIMEOUT_MS)
      expect(await checker.ready).toBe(false)
      expect(checker.status()).toBe('off')
    } finally {
      vi.useRealTimers()
    }
  })
})
