import { photoFromBase64 } from '../../images/base64'
import { normalizeFace } from '../../images/normalize'

/** The photo as a request carries it: base64 (a data: URL prefix allowed) in JSON, or bytes from multipart. */
export type FaceInput = string | Uint8Array

/** Decodes and normalizes the photo into what terminals accept; refusals are `image_invalid` with a reason. */
export async function readFace(face: FaceInput): Promise<Buffer> {
  const bytes = typeof face === 'string' ? photoFromBase64(face, 'face') : face
  return (await normalizeFace(bytes)).jpeg
}
