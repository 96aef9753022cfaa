import type { ImportProgress, ParsedImport } from './types'
import { fileProblem } from './fileProblem'
import { MAX_FILE_BYTES, MAX_ZIP_BYTES } from './limits'
import { parseClassList, type FileInput } from './parseFile'
import type { ParseReply, ParseRequest } from './workerMessages'

/**
 * Reads .xlsx (embedded photos by anchor) or .csv (+ an optional .zip of photos); in the browser the work
 * runs in a Web Worker so the tab never freezes. Never throws for bad input: file problems come back in
 * `problems`.
 */
export async function readClassList(
  file: Blob & { name?: string },
  photosZip?: Blob,
  onProgress: (progress: ImportProgress) => void = () => {},
): Promise<ParsedImport> {
  const kind = /\.(csv|txt)$/i.test(file.name ?? '') ? 'csv' : 'xlsx'
  // refused before a byte is read: a 200 MB file must not be pulled into the tab's memory first
  if (file.size > MAX_FILE_BYTES) return fileProblem(kind, { code: 'too_large', detail: 'file' })
  if (photosZip && photosZip.size > MAX_ZIP_BYTES)
    return fileProblem(kind, { code: 'too_large', detail: 'photos' })
  let input: FileInput
  try {
    input = {
      bytes: new Uint8Array(await file.arrayBuffer()),
      name: file.name,
      photosZip: photosZip ? new Uint8Array(await photosZip.arrayBuffer()) : undefined,
    }
  } catch (error) {
    return fileProblem(kind, { code: 'corrupt', detail: String((error as Error).message ?? error) })
  }
  if (typeof Worker === 'undefined') return parseClassList(input, onProgress)
  return parseInWorker(input, onProgress, kind)
}

function parseInWorker(
  input: FileInput,
  onProgress: (progress: ImportProgress) => void,
  kind: ParsedImport['kind'],
): Promise<ParsedImport> {
  return new Promise((resolve) => {
    const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' })
    const finish = (result: ParsedImport) => {
      worker.terminate()
      resolve(result)
    }
    worker.onmessage = (event: MessageEvent<ParseReply>) => {
      const reply = event.data
      if (reply.type === 'progress') onProgress(reply.progress)
      else if (reply.type === 'done') finish(reply.result)
      else finish(fileProblem(kind, { code: 'corrupt', detail: reply.message }))
    }
    // the worker died (out of memory on a huge file, or failed to load): the file could not be read whole
    worker.onerror = (event) => {
      event.preventDefault()
      finish(fileProblem(kind, { code: 'corrupt', detail: event.message || 'worker' }))
    }
    const request: ParseRequest = input
    const transfer = [input.bytes.buffer, input.photosZip?.buffer].filter((b): b is ArrayBuffer => !!b)
    worker.postMessage(request, transfer)
  })
}
