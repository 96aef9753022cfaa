import { AppError } from '../../../shared/errors'
import { normalizeFace } from '../../images/normalize'

/** The photo as a request carries it: base64 (a data: URL prefix allowed) in JSON, or bytes from multipart. */
export type FaceInput = string | Uint8Array

/** Decodes and normalizes the photo into what terminals accept; refusals are `image_invalid` with a reason. */
export async function readFace(face: FaceInput): Promise<Buffer> {
  const bytes = typeof face === 'string' ? fromBase64(face) : face
  return (await normalizeFace(bytes)).jpeg
}

function fromBase64(text: string): Buffer {
  const body = text.replace(/^data:[^,]*,/, '').replace(/\s+/g, '')
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(body) || body.length % 4 === 1) {
    throw new AppError('image_invalid', 'The photo is not valid base64', {
      field: 'face',
      details: { reason: 'undecodable' },
    })
  }
  return Buffer.from(body, body.includes('-') || body.includes('_') ? 'base64url' : 'base64')
}
