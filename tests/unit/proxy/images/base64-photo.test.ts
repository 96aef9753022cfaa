import { describe, expect, it } from 'vitest'
import { AppError } from '../../../../shared/errors'
import { photoFromBase64 } from '../../../../proxy/images/base64'

describe('a photo sent as base64', () => {
  const bytes = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0xfb, 0xef])

  it('reads plain, URL-safe, data: URL and wrapped base64 alike', () => {
    expect(photoFromBase64(bytes.toString('base64'), 'face')).toEqual(bytes)
    expect(photoFromBase64(bytes.toString('base64url'), 'face')).toEqual(bytes)
    expect(photoFromBase64(`data:image/jpeg;base64,${bytes.toString('base64')}`, 'face')).toEqual(bytes)
    expect(photoFromBase64(bytes.toString('base64').replace(/(.{4})/g, '$1\n'), 'face')).toEqual(bytes)
  })

  it('refuses text that is not base64 as image_invalid (undecodable) on the field it came in', () => {
    for (const [text, field] of [
      ['@@@ not base64 at all @@@', 'face'],
      ['abcde', 'photo'],
    ]) {
      const error = (() => {
        try {
          photoFromBase64(text as string, field as string)
        } catch (e) {
          return e
        }
      })()
      expect(error).toBeInstanceOf(AppError)
      expect((error as AppError).code).toBe('image_invalid')
      expect((error as AppError).status).toBe(422)
      expect((error as AppError).extra).toMatchObject({ field, details: { reason: 'undecodable' } })
    }
  })
})
