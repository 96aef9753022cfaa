import { describe, expect, it } from 'vitest'
import { createApp } from '../../../../proxy/http/app'
import { admin, json, testContext } from './test-context'

const device = { name: 'Kirish', host: '127.0.0.1', username: 'admin', password: 'secret-1' }

function send(contentType: string, body: BodyInit): RequestInit {
  return { method: 'POST', headers: { ...admin, 'content-type': contentType }, body }
}

async function expect415(response: Response) {
  expect(response.status).toBe(415)
  expect(await response.json()).toMatchObject({
    error: { code: 'unsupported_media_type', field: 'content-type' },
  })
}

describe('request bodies are the type they declare', () => {
  it('refuses a device sent as text/plain with 415 and creates nothing', async () => {
    const app = createApp(testContext())
    await expect415(await app.request('/api/devices', send('text/plain', JSON.stringify(device))))
    const list = await app.request('/api/devices', { headers: admin })
    expect(await list.json()).toEqual([])
  })

  it('refuses form-encoded and multipart bodies on a JSON-only route', async () => {
    const app = createApp(testContext())
    for (const type of ['application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      await expect415(await app.request('/api/devices', send(type, JSON.stringify(device))))
    }
  })

  it('refuses a pairing attempt sent as text/plain before looking at the code', async () => {
    const app = createApp(testContext())
    await expect415(await app.request('/api/pair', send('text/plain', JSON.stringify({ code: '123456' }))))
  })

  it('takes application/json with a charset parameter', async () => {
    const app = createApp(testContext())
    const response = await app.request(
      '/api/devices',
      send('application/json; charset=utf-8', JSON.stringify({ ...device, host: 'x y' })),
    )
    expect(response.status).toBe(400)
  })

  it('refuses a registration sent as text/plain, but reads multipart as the contract allows', async () => {
    const app = createApp(testContext())
    await expect415(await app.request('/api/registrations', send('text/plain', '{}')))
    const form = new FormData()
    form.set('data', '{}')
    const multipart = await app.request('/api/registrations', { method: 'POST', headers: admin, body: form })
    expect(multipart.status).toBe(400)
    expect(await multipart.json()).toMatchObject({ error: { code: 'validation_failed' } })
  })

  it('takes raw JPEG, PNG and WebP on the photo route, and refuses other raw types', async () => {
    const app = createApp(testContext())
    const bytes = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4])
    for (const type of ['image/jpeg', 'image/png', 'image/webp']) {
      const response = await app.request('/api/students/s-1/photo', send(type, bytes))
      expect(response.status, type).not.toBe(415)
    }
    for (const type of ['text/plain', 'image/svg+xml', 'application/octet-stream']) {
      await expect415(await app.request('/api/students/s-1/photo', send(type, bytes)))
    }
  })

  it('still answers a JSON body sent as application/json', async () => {
    const app = createApp(testContext())
    const response = await app.request('/api/devices', json({ ...device, host: 'x y' }, admin))
    expect(response.status).toBe(400)
  })
})
