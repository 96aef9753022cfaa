import { afterAll, afterEach, beforeAll, beforeEach, vi } from 'vitest'
import { mountApp, type MountedApp } from './fake-proxy'

export interface SavedFile {
  name: string
  blob: Blob
}

/**
 * Catches the files the app hands the browser to save (`saveFile`: a blob URL and a click on a link with
 * `download`): each test starts with none. Call at the top of a test file; restore the mocks in `afterEach`.
 */
export function catchDownloads(): SavedFile[] {
  const saved: SavedFile[] = []
  beforeEach(() => {
    saved.length = 0
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      saved.push({ name: '', blob: blob as Blob })
      return 'blob:download'
    })
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      const last = saved.at(-1)
      if (last) last.name = this.download
    })
  })
  return saved
}

/** Runs the test file as on a screen whose own clock is set to `zone`, and puts the clock back after. */
export function screenInZone(zone: string): void {
  const before = process.env.TZ
  beforeAll(() => {
    process.env.TZ = zone
  })
  afterAll(() => {
    if (before === undefined) delete process.env.TZ
    else process.env.TZ = before
  })
}

/**
 * One app per test, mounted through the function this returns: storage is cleared before each test; after it
 * the mocks are restored, the app unmounted and the page emptied. Call at the top of a test file.
 */
export function appPerTest(): typeof mountApp {
  let mounted: MountedApp | null = null
  beforeEach(() => localStorage.clear())
  afterEach(() => {
    vi.restoreAllMocks()
    mounted?.wrapper.unmount()
    mounted = null
    document.body.replaceChildren()
  })
  return async (path, options) => (mounted = await mountApp(path, options))
}
