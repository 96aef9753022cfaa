import { createHash } from 'node:crypto'
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'

/** What the cache knows about one photo besides its bytes. */
export const PhotoMeta = z.object({
  /** where the photo came from (the backend's absolute photoUrl), or null when we wrote it ourselves */
  sourceUrl: z.string().nullable(),
  contentType: z.string(),
  /** a strong validator of the bytes, quoted as HTTP wants it */
  etag: z.string(),
  fetchedAt: z.string(),
})
export type PhotoMeta = z.infer<typeof PhotoMeta>

export interface CachedPhoto extends PhotoMeta {
  bytes: Buffer
}

const SAFE_KEY = /^[A-Za-z0-9_-]{1,64}$/

/**
 * About 10,000 face photos: far more than a school has students, so in use nothing is ever evicted; the
 * bound is for the years of students who left, on a school PC whose disk is shared with everything else.
 */
export const PHOTO_CACHE_MAX_BYTES = 500 * 1024 * 1024

export interface PhotoCacheOptions {
  maxBytes?: number
  /** a clock, for tests */
  now?: () => Date
}

/**
 * Students' photos on disk under `<dataDir>/photo-cache/`, one `<id>.jpg` with an `<id>.json` beside it,
 * so the Students page shows faces while the school server is away and after a restart. Files are written
 * to a temporary name and renamed, so a crash never leaves half a photo behind; a damaged entry reads as
 * missing. Past `maxBytes`, the photos fetched or checked longest ago are dropped (they come back from the
 * school server when next shown).
 */
export class PhotoCache {
  readonly dir: string
  private readonly maxBytes: number
  private readonly now: () => Date
  /** bytes on disk as of the last count, plus what was written since; null until the first write */
  private bytesOnDisk: number | null = null

  constructor(dataDir: string, options: PhotoCacheOptions = {}) {
    this.dir = join(dataDir, 'photo-cache')
    this.maxBytes = options.maxBytes ?? PHOTO_CACHE_MAX_BYTES
    this.now = options.now ?? (() => new Date())
  }

  read(key: string): CachedPhoto | null {
    const paths = this.paths(key)
    try {
      const meta = PhotoMeta.safeParse(JSON.parse(readFileSync(paths.meta, 'utf8')))
      if (!meta.success) return null
      const bytes = readFileSync(paths.bytes)
      if (etagOf(bytes) !== meta.data.etag) return null
      return { ...meta.data, bytes }
    } catch {
      return null
    }
  }

  write(
    key: string,
    bytes: Uint8Array,
    info: { sourceUrl: string | null; contentType: string },
  ): CachedPhoto {
    const paths = this.paths(key)
    const buffer = Buffer.from(bytes)
    const meta: PhotoMeta = { ...info, etag: etagOf(buffer), fetchedAt: this.now().toISOString() }
    // counted once per run by file sizes alone; after that, kept up to date by each write
    const before =
      (this.bytesOnDisk ?? this.sizes().reduce((sum, s) => sum + s.bytes, 0)) - sizeOf(paths.bytes)
    mkdirSync(this.dir, { recursive: true, mode: 0o700 })
    writeAtomically(paths.bytes, buffer)
    writeAtomically(paths.meta, JSON.stringify(meta))
    this.bytesOnDisk = before + buffer.length
    if (this.bytesOnDisk > this.maxBytes) this.evict(key)
    return { ...meta, bytes: buffer }
  }

  /** Marks an entry checked now without rewriting its bytes (the server sent the same photo again). */
  touch(key: string, entry: CachedPhoto): CachedPhoto {
    const meta: PhotoMeta = {
      sourceUrl: entry.sourceUrl,
      contentType: entry.contentType,
      etag: entry.etag,
      fetchedAt: this.now().toISOString(),
    }
    writeAtomically(this.paths(key).meta, JSON.stringify(meta))
    return { ...meta, bytes: entry.bytes }
  }

  remove(key: string): void {
    const paths = this.paths(key)
    rmSync(paths.meta, { force: true })
    rmSync(paths.bytes, { force: true })
  }

  /** Drops the photos fetched longest ago until the cache is back under nine tenths of its bound. */
  private evict(keep: string): void {
    const entries = this.sizes()
      .map((entry) => ({ ...entry, fetchedAt: this.fetchedAt(entry.key) }))
      .sort((a, b) => a.fetchedAt.localeCompare(b.fetchedAt))
    let total = entries.reduce((sum, entry) => sum + entry.bytes, 0)
    for (const entry of entries) {
      if (total <= this.maxBytes * 0.9) break
      if (entry.key === keep) continue
      this.remove(entry.key)
      total -= entry.bytes
    }
    this.bytesOnDisk = total
  }

  /** Every photo on disk with its size. */
  private sizes(): Array<{ key: string; bytes: number }> {
    let names: string[]
    try {
      names = readdirSync(this.dir)
    } catch {
      return []
    }
    return names
      .filter((name) => name.endsWith('.jpg') && SAFE_KEY.test(name.slice(0, -4)))
      .map((name) => ({ key: name.slice(0, -4), bytes: sizeOf(join(this.dir, name)) }))
  }

  /** When the photo was fetched or last checked; '' (the first to go) when its meta is missing or damaged. */
  private fetchedAt(key: string): string {
    try {
      const meta = PhotoMeta.safeParse(JSON.parse(readFileSync(this.paths(key).meta, 'utf8')))
      return meta.success ? meta.data.fetchedAt : ''
    } catch {
      return ''
    }
  }

  private paths(key: string): { bytes: string; meta: string } {
    // Keys become file names: anything but a plain id is a caller's bug, never a path to follow.
    if (!SAFE_KEY.test(key)) throw new Error(`photo cache key is not a plain id: ${JSON.stringify(key)}`)
    return { bytes: join(this.dir, `${key}.jpg`), meta: join(this.dir, `${key}.json`) }
  }
}

export function etagOf(bytes: Uint8Array): string {
  return `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 27)}"`
}

/** The file's size, or 0 when it is not there. */
function sizeOf(path: string): number {
  try {
    return statSync(path).size
  } catch {
    return 0
  }
}

function writeAtomically(path: string, data: string | Buffer): void {
  const temporary = `${path}.${process.pid}.tmp`
  writeFileSync(temporary, data, { mode: 0o600 })
  renameSync(temporary, path)
}
