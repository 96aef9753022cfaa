import { existsSync } from 'node:fs'
import { connect } from 'node:net'
import { join } from 'node:path'
import sharp from 'sharp'
import { FormData, type BodyInit } from 'undici'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { StudentListResponse } from '../../../shared/api/backend'
import { StudentPhotoResult } from '../../../shared/api/students'
import type { RunningProxy } from '../../helpers/proxy-process'
import { startBackend, type SimBackend } from '../../sim/backend'
import { ErrorBody, json, startProxyFor } from './rig'

async function portrait(width: number, height: number, format: 'png' | 'jpeg' | 'webp' = 'png') {
  const image = sharp({
    create: { width, height, channels: 3, background: { r: 180, g: 140, b: 120 } },
  }).composite([
    {
      input: Buffer.from(
        `<svg width="${width}" height="${height}"><ellipse cx="${width / 2}" cy="${height / 2.4}" rx="${width / 4}" ry="${height / 4}" fill="#6b4b3a"/></svg>`,
      ),
    },
  ])
  return image.toFormat(format).toBuffer()
}

describe('students’ photos through the proxy', () => {
  let sim: SimBackend
  let proxy: RunningProxy
  let withPhoto: StudentListResponse['students'][number]
  let withoutPhoto: StudentListResponse['students'][number]

  const photoPath = (id: string) => `/api/students/${id}/photo`
  const upload = (id: string, body: BodyInit, contentType?: string) =>
    proxy.adminFetch(photoPath(id), {
      method: 'POST',
      ...(contentType ? { headers: { 'content-type': contentType } } : {}),
      body,
    })

  beforeAll(async () => {
    sim = await startBackend()
    await sim.seedSchool({ classes: 2, students: 60, withPhotos: 0.5 })
    proxy = await startProxyFor(sim)
    const { students } = await json(StudentListResponse, await proxy.adminFetch('/api/students'))
    withPhoto = students.find((s) => s.hasPhoto) as typeof withPhoto
    withoutPhoto = students.find((s) => !s.hasPhoto) as typeof withoutPhoto
  })
  afterAll(async () => {
    await proxy?.stop()
    await sim?.close()
  })

  it('serves the school server’s photo as image/jpeg with an ETag, and 304 when it has not changed', async () => {
    const response = await proxy.adminFetch(photoPath(withPhoto.id))
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('image/jpeg')
    const etag = response.headers.get('etag')
    expect(etag).toMatch(/^".+"$/)
    expect(response.headers.get('cache-control')).toContain('private')
    expect(Buffer.from(await response.arrayBuffer())).toEqual(sim.state.photos.get(withPhoto.id))
    const again = await proxy.adminFetch(photoPath(withPhoto.id), {
      headers: { 'if-none-match': etag as string },
    })
    expect(again.status).toBe(304)
    expect(existsSync(join(proxy.dataDir, 'photo-cache', `${withPhoto.id}.jpg`))).toBe(true)
  })

  it('keeps serving a cached photo while the school server is down, and after a restart', async () => {
    await sim.setMode('down')
    try {
      const response = await proxy.adminFetch(photoPath(withPhoto.id))
      expect(response.status).toBe(200)
      expect(Buffer.from(await response.arrayBuffer())).toEqual(sim.state.photos.get(withPhoto.id))

      await proxy.stop()
      proxy = await startProxyFor(sim, { dataDir: proxy.dataDir })
      const afterRestart = await proxy.adminFetch(photoPath(withPhoto.id))
      expect(afterRestart.status).toBe(200)
      expect(afterRestart.headers.get('content-type')).toBe('image/jpeg')
    } finally {
      await sim.setMode('up')
    }
  })

  it('answers 404 for a student without a photo and 400 for an id that is not one', async () => {
    await proxy.adminFetch('/api/students')
    const none = await proxy.adminFetch(photoPath(withoutPhoto.id))
    expect(none.status).toBe(404)
    expect((await json(ErrorBody, none)).error.code).toBe('not_found')
    const bad = await proxy.adminFetch('/api/students/..%2F..%2Fetc/photo')
    expect(bad.status).toBe(400)
    expect((await json(ErrorBody, bad)).error).toMatchObject({ code: 'validation_failed', field: 'id' })
  })

  it('sends an uploaded photo (JSON base64) to the school server normalized, and serves the new one', async () => {
    const png = await portrait(900, 1200)
    const response = await upload(
      withoutPhoto.id,
      JSON.stringify({ photo: `data:image/png;base64,${png.toString('base64')}` }),
      'application/json',
    )
    expect(response.status).toBe(200)
    const { student } = await json(StudentPhotoResult, response)
    expect(student).toMatchObject({ id: withoutPhoto.id, hasPhoto: true })
    expect(student.photoPath).toBe(photoPath(withoutPhoto.id))

    const stored = sim.state.photos.get(withoutPhoto.id) as Buffer
    expect(stored.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]))
    expect(stored.length).toBeLessThanOrEqual(200 * 1024)
    const put = sim.calls.filter((c) => c.method === 'PUT' && c.path === `/students/${withoutPhoto.id}`)
    expect(put).toHaveLength(1)
    // every other field is sent as the server has it, so the photo changes nothing else
    expect(put[0]?.body).toMatchObject({
      firstName: withoutPhoto.firstName,
      lastName: withoutPhoto.lastName,
      classId: withoutPhoto.classId,
      deviceStudentId: withoutPhoto.employeeNo,
    })

    const served = await proxy.adminFetch(photoPath(withoutPhoto.id))
    expect(Buffer.from(await served.arrayBuffer())).toEqual(stored)
  })

  it('takes the image itself and multipart too, replacing a photo the cache already held', async () => {
    const before = Buffer.from(await (await proxy.adminFetch(photoPath(withPhoto.id))).arrayBuffer())
    const raw = await upload(withPhoto.id, await portrait(640, 800, 'webp'), 'image/webp')
    expect(raw.status).toBe(200)
    const afterRaw = Buffer.from(await (await proxy.adminFetch(photoPath(withPhoto.id))).arrayBuffer())
    expect(afterRaw).not.toEqual(before)
    expect(afterRaw).toEqual(sim.state.photos.get(withPhoto.id))

    const form = new FormData()
    form.set('photo', new Blob([await portrait(500, 700, 'jpeg')], { type: 'image/jpeg' }), 'face.jpg')
    form.set('employeeNo', withPhoto.employeeNo ?? '')
    const multipart = await upload(withPhoto.id, form)
    expect(multipart.status).toBe(200)
    expect(Buffer.from(await (await proxy.adminFetch(photoPath(withPhoto.id))).arrayBuffer())).toEqual(
      sim.state.photos.get(withPhoto.id),
    )
  })

  it('refuses a picture that is not one, or too small, and sends nothing', async () => {
    const putsBefore = sim.calls.filter((c) => c.method === 'PUT').length
    for (const [body, type] of [
      [Buffer.from('not a picture at all'), 'image/jpeg'],
      [await portrait(40, 40), 'image/png'],
      [Buffer.alloc(0), 'image/png'],
    ] as const) {
      const response = await upload(withPhoto.id, body, type)
      expect(response.status).toBe(422)
      expect((await json(ErrorBody, response)).error.code).toBe('image_invalid')
    }
    const missing = await upload(withPhoto.id, JSON.stringify({}), 'application/json')
    expect(missing.status).toBe(400)
    expect((await json(ErrorBody, missing)).error).toMatchObject({ field: 'photo' })
    expect(sim.calls.filter((c) => c.method === 'PUT').length).toBe(putsBefore)
  })

  it('refuses a photo over the image body limit with 413 before reading it', async () => {
    // A declared 16 MB body and none sent: the answer must come from the Content-Length alone.
    const { port } = new URL(proxy.url)
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.write(
          [
            `POST ${photoPath(withPhoto.id)} HTTP/1.1`,
            'Host: 127.0.0.1',
            `Authorization: Bearer ${proxy.adminToken}`,
            'Content-Type: image/jpeg',
            `Content-Length: ${16 * 1024 * 1024}`,
            '',
            '',
          ].join('\r\n'),
        )
      })
      let text = ''
      socket.setEncoding('utf8')
      socket.on('data', (chunk: string) => {
        text += chunk
        if (text.includes('}}')) socket.destroy()
      })
      socket.on('close', () => resolve(text))
      socket.on('error', reject)
    })
    expect(answer).toMatch(/^HTTP\/1\.1 413/)
    expect(answer).toContain('"code":"payload_too_large"')
  })

  it('answers not_found for a student the school server does not have', async () => {
    const response = await upload('no-such-student', await portrait(400, 500), 'image/png')
    expect(response.status).toBe(404)
    expect((await json(ErrorBody, response)).error.code).toBe('not_found')
  })
})
