import { Unzip, UnzipInflate, unzipSync, type UnzipFile } from 'fflate'

/** A ZIP (or .xlsx) that unpacks to more than the limit: a "zip bomb", or far more than a class list. */
export class UnpackedTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`unpacks to more than ${Math.round(limit / 1024 / 1024)} MB`)
  }
}

/**
 * Unpacks the entries `keep` accepts, counting the bytes every entry really inflates to (not the sizes the
 * archive claims, which a bomb fakes) and stopping as soon as the total passes `limit`. Entries not kept
 * are inflated and thrown away chunk by chunk, so a check of a whole workbook costs time, not memory.
 * fflate's unzipSync would inflate each entry whole first: 1.2 MB became 1.31 GB. Throws for a broken ZIP.
 */
export function unzipBounded(
  bytes: Uint8Array,
  limit: number,
  keep: (name: string) => boolean = () => false,
): Map<string, Uint8Array> {
  // the directory at the end, read without inflating anything: a cut-off or damaged ZIP throws here (the
  // stream below reads entry by entry and would take what comes before the damage)
  unzipSync(bytes, { filter: () => false })
  const kept = new Map<string, Uint8Array>()
  let total = 0
  let failure: unknown
  const unzip = new Unzip((file: UnzipFile) => {
    const chunks: Uint8Array[] = []
    const keeping = keep(file.name)
    file.ondata = (error, chunk, final) => {
      if (failure) return
      if (error) {
        failure = error
        return
      }
      total += chunk.length
      if (total > limit) {
        failure = new UnpackedTooLarge(limit)
        file.terminate()
        return
      }
      if (keeping) chunks.push(chunk)
      if (final && keeping) kept.set(file.name, concat(chunks))
    }
    file.start()
  })
  unzip.register(UnzipInflate)
  unzip.push(bytes, true)
  if (failure) throw failure
  return kept
}

function concat(chunks: Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0] as Uint8Array
  const out = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0))
  let at = 0
  for (const chunk of chunks) {
    out.set(chunk, at)
    at += chunk.length
  }
  return out
}
