import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'

export const gzippedSize = (path: string): number => gzipSync(readFileSync(path)).length

/** The JavaScript a built app (dist/) loads before its first paint: index.html's scripts and modulepreloads. */
export function initialJs(dist: string): { bytes: number; files: number } {
  const html = readFileSync(join(dist, 'index.html'), 'utf8')
  const sources = [
    ...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g),
    ...html.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+)"/g),
  ].map((match) => match[1] as string)
  const files = [...new Set(sources)].filter((src) => !/^https?:/.test(src))
  const bytes = files.reduce((sum, src) => sum + gzippedSize(join(dist, src.replace(/^\//, ''))), 0)
  return { bytes, files: files.length }
}
