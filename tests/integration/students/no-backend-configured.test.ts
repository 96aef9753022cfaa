import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startProxy, type RunningProxy } from '../../helpers/proxy-process'
import { ErrorBody, json } from './rig'

describe('students and classes on a proxy without a school server (LAN-only mode)', () => {
  let proxy: RunningProxy

  beforeAll(async () => {
    proxy = await startProxy({ tls: 'off' })
  })
  afterAll(async () => {
    await proxy?.stop()
  })

  it.each(['/api/students', '/api/classes', '/api/students/abc/photo'])(
    '%s says plainly that the school server is not set up',
    async (path) => {
      const response = await proxy.adminFetch(path)
      expect(response.status).toBe(503)
      const { error } = await json(ErrorBody, response)
      expect(error.code).toBe('backend_unavailable')
      expect(error.message).toMatch(/school server is not set up/)
    },
  )

  it('refuses a photo upload the same way, after checking the picture', async () => {
    const response = await proxy.adminFetch('/api/students/abc/photo', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ photo: 'aGVsbG8=' }),
    })
    expect(response.status).toBe(503)
    expect((await json(ErrorBody, response)).error.code).toBe('backend_unavailable')
  })
})
