import { createHash } from 'node:crypto'
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
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
 * Students' photos on disk under `<dataDir>/photo-cache/`, one `<id>.jpg` with an `<id>.json` beside it,
 * so the Students page shows faces while the school server is away and after a restart. Files are written
 * to a temporary name and renamed, so a crash never leaves half a photo behind; a damaged entry reads as
 * missing.
 */
export class PhotoCache {
  readonly dir: string

  constructor(dataDir: string) {
    this.dir = join(dataDir, 'photo-cache')
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
    const meta: PhotoMeta = { ...info, etag: etagOf(buffer), fetchedAt: new Date().toISOString() }
    mkdirSync(this.dir, { recursive: true, mode: 0o700 })
    writeAtomically(paths.bytes, buffer)
    writeAtomically(paths.meta, JSON.stringify(meta))
    return { ...meta, bytes: buffer }
  }

  /** Marks an entry checked now without rewriting its bytes (the server sent the same photo again). */
  touch(key: string, entry: CachedPhoto): CachedPhoto {
    const meta: PhotoMeta = {
      sourceUrl: entry.sourceUrl,
      contentType: entry.contentType,
      etag: entry.etag,
      fetchedAt: new Date().toISOString(),
    }
    writeAtomically(this.paths(key).meta, JSON.stringify(meta))
    return { ...meta, bytes: entry.bytes }
  }

  remove(key: string): void {
    const paths = this.paths(key)
    rmSync(paths.meta, { force: true })
    rmSync(paths.bytes, { force: true })
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

function writeAtomically(path: string, data: string | Buffer): void {
  const temporary = `${path}.${process.pid}.tmp`
  writeFileSync(temporary, data, { mode: 0o600 })
  renameSync(temporary, path)
}
