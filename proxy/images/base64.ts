import { AppError } from '../../shared/errors'

/**
 * A photo sent as base64 text, as JSON bodies carry it: a `data:` URL prefix and line breaks are allowed,
 * and so is the URL-safe alphabet. Text that is not base64 is refused like any other unreadable picture:
 * `image_invalid` with the reason `undecodable`, on `field`.
 */
export function photoFromBase64(text: string, field: string): Buffer {
  const body = text.replace(/^data:[^,]*,/, '').replace(/\s+/g, '')
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(body) || body.length % 4 === 1) {
    throw new AppError('image_invalid', 'The photo is not valid base64', {
      field,
      details: { reason: 'undecodable' },
    })
  }
  return Buffer.from(body, body.includes('-') || body.includes('_') ? 'base64url' : 'base64')
}
