import { describe, expect, it } from 'vitest'
import { retryAfterSeconds, serverMessage } from '../../../../proxy/backend/backend-errors'
import { resolveUrl } from '../../../../proxy/backend/backend-http'

describe('backend error reading', () => {
  it('takes the message the way the server’s own UI does: message (text or list), then error', () => {
    expect(serverMessage({ error: 'Duplicate student in class' }, 409)).toBe('Duplicate student in class')
    expect(
      serverMessage(
        { statusCode: 400, error: 'Bad Request', message: "body must have required property 'name'" },
        400,
      ),
    ).toBe("body must have required property 'name'")
    expect(serverMessage({ message: ['Ism majburiy', 'Sinf tanlanishi shart'] }, 400)).toBe(
      'Ism majburiy; Sinf tanlanishi shart',
    )
    expect(serverMessage({ message: [], error: 'Forbidden' }, 403)).toBe('Forbidden')
    expect(serverMessage('<html>Not Found</html>', 404)).toMatch(/HTTP 404/)
    expect(serverMessage(undefined, 418)).toMatch(/HTTP 418/)
  })

  it('reads Retry-After as seconds or as a date', () => {
    const now = Date.parse('2026-09-01T08:00:00Z')
    expect(retryAfterSeconds('30', now)).toBe(30)
    expect(retryAfterSeconds(['5'], now)).toBe(5)
    expect(retryAfterSeconds('Tue, 01 Sep 2026 08:01:00 GMT', now)).toBe(60)
    expect(retryAfterSeconds('Tue, 01 Sep 2026 07:00:00 GMT', now)).toBe(0)
    expect(retryAfterSeconds('soon', now)).toBeUndefined()
    expect(retryAfterSeconds(undefined, now)).toBeUndefined()
  })

  it('hangs server paths off the base URL, its own path included', () => {
    expect(resolveUrl('https://api.maktab.uz/', '/uploads/student-faces/1.jpg')).toBe(
      'https://api.maktab.uz/uploads/student-faces/1.jpg',
    )
    expect(resolveUrl('https://maktab.uz/api', '/webhook/s/in?secret=x')).toBe(
      'https://maktab.uz/api/webhook/s/in?secret=x',
    )
    expect(resolveUrl('https://maktab.uz', 'uploads/a.jpg')).toBe('https://maktab.uz/uploads/a.jpg')
    expect(resolveUrl('https://maktab.uz', 'https://cdn.maktab.uz/a.jpg')).toBe('https://cdn.maktab.uz/a.jpg')
  })
})
