import { z } from 'zod'
import type { CallOptions, Channel } from './channel'
import { readOptional } from './capabilities'
import { deviceBadResponse } from './errors'
import { validate } from './parse'
import { int, list, str } from './schemas'

const FACE_COUNT = '/ISAPI/Intelligent/FDLib/Count?format=json&FDID=1&faceLibType=blackFD'

/** How many faces the terminal's face library (FDID 1, `blackFD`) holds. */
export interface FaceLibraryCount {
  fdid: string
  faceLibType: string
  faces: number
}

const OneDoc = z.object({ FDID: str.optional(), faceLibType: str.optional(), recordDataNumber: int })
const ManyDoc = z.object({
  FDRecordDataInfo: list(
    z.object({ FDID: str.optional(), faceLibType: str.optional(), recordDataNumber: int }),
  ),
})

/**
 * `GET FDLib/Count` for library 1 (research/isapi.md §4.7: with FDID the answer is one
 * `recordDataNumber`, without it a `FDRecordDataInfo[]` list; both are accepted). `null` on a model without
 * a face library. No device answer was captured; the shapes follow HK-VALUE 13.3.2.2.
 */
export async function countFaceLibrary(ch: Channel, call?: CallOptions): Promise<FaceLibraryCount | null> {
  return readOptional(ch, FACE_COUNT, call, (parsed) => {
    if (parsed.kind !== 'json') throw deviceBadResponse(FACE_COUNT, 'expected JSON')
    const doc = parsed.doc
    if ('recordDataNumber' in doc) {
      const one = validate(doc, FACE_COUNT, OneDoc)
      return { fdid: one.FDID ?? '1', faceLibType: one.faceLibType ?? 'blackFD', faces: one.recordDataNumber }
    }
    const many = validate(doc, FACE_COUNT, ManyDoc).FDRecordDataInfo
    const library = many.find((item) => (item.FDID ?? '1') === '1') ?? many[0]
    if (!library) throw deviceBadResponse(FACE_COUNT, 'no face library in the count')
    return {
      fdid: library.FDID ?? '1',
      faceLibType: library.faceLibType ?? 'blackFD',
      faces: library.recordDataNumber,
    }
  })
}
