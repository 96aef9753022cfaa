import type { ImportProgress, ParsedImport } from './types'

export interface ParseRequest {
  bytes: Uint8Array
  name?: string
  photosZip?: Uint8Array
}

export type ParseReply =
  | { type: 'progress'; progress: ImportProgress }
  | { type: 'done'; result: ParsedImport }
  | { type: 'failed'; message: string }

/** The photo buffers of a result, each once: handed over to the page instead of copied (500 photos). */
export function photoBuffers(result: ParsedImport): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>()
  for (const row of result.rows) if (row.photo) buffers.add(row.photo.bytes.buffer as ArrayBuffer)
  return [...buffers]
}
