import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { PhotoCache } from '../../../../proxy/store/photo-cache'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

/** A cache of at most `maxBytes` whose clock moves a minute per write. */
function cache(maxBytes: number) {
  const dir = mkdtempSync(join(tmpdir(), 'sr-photo-cache-'))
  dirs.push(dir)
  let minute = 0
  const now = () => new Date(Date.UTC(2026, 11, 6, 8, minute++))
  return { dir, make: () => new PhotoCache(dir, { maxBytes, now }) }
}

const photo = (seed: number) => new Uint8Array(10_000).fill(seed)
const info = { sourceUrl: null, contentType: 'image/jpeg' }

describe('the photo cache on disk', () => {
  it('keeps every photo while under its bound, across a restart', () => {
    const { make } = cache(100_000)
    const first = make()
    for (let i = 0; i < 5; i++) first.write(`s-${i}`, photo(i), info)
    const again = make()
    for (let i = 0; i < 5; i++) expect(again.read(`s-${i}`)?.bytes).toEqual(Buffer.from(photo(i)))
  })

  it('drops the photos fetched longest ago once past its bound, and keeps the one just written', () => {
    const { make } = cache(45_000)
    const photos = make()
    for (let i = 0; i < 4; i++) photos.write(`s-${i}`, photo(i), info)
    photos.touch('s-0', photos.read('s-0')!)
    photos.write('s-4', photo(4), info)

    const kept = [0, 1, 2, 3, 4].filter((i) => photos.read(`s-${i}`) !== null)
    // 50,000 bytes over a 45,000 bound: back under 40,500 by dropping the oldest fetch, s-1 (s-0 was checked)
    expect(kept).toEqual([0, 2, 3, 4])
  })

  it('counts what an earlier run left on disk', () => {
    const { make } = cache(35_000)
    const before = make()
    for (let i = 0; i < 3; i++) before.write(`s-${i}`, photo(i), info)
    const after = make()
    after.write('s-3', photo(3), info)
    expect([0, 1, 2, 3].filter((i) => after.read(`s-${i}`) !== null)).toEqual([1, 2, 3])
  })
})
