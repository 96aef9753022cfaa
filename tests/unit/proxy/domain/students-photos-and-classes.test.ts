import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createStudents, type Students } from '../../../../proxy/domain/students'
import { createLogger } from '../../../../proxy/log'
import { openMemoryDatabase } from '../../../../proxy/store/db'
import { PhotoCache } from '../../../../proxy/store/photo-cache'
import { SettingsRepo } from '../../../../proxy/store/settings-repo'
import { faceJpeg } from '../../../sim/backend'
import { failure, useBackend } from '../backend/client-fixture'

const sim = useBackend()

function studentsWith(options: { photoFreshForMs?: number; dataDir?: string } = {}) {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'sr-students-'))
  const db = openMemoryDatabase()
  const students: Students = createStudents({
    config: { dataDir },
    settings: new SettingsRepo(db),
    logger: createLogger('silent'),
    client: sim.client(),
    ...(options.photoFreshForMs === undefined ? {} : { photoFreshForMs: options.photoFreshForMs }),
  })
  return { students, dataDir, settings: new SettingsRepo(db) }
}

describe('students’ photos in the proxy', () => {
  it('asks the school server again once the copy is old, and takes a photo replaced there', async () => {
    const school = await sim.backend.seedSchool({ classes: 1, students: 3, withPhotos: true })
    const { students } = studentsWith({ photoFreshForMs: 0 })
    await students.directory.list({ page: 1 })
    const id = school.students[0]?.id as string

    const first = await students.photos.get(id)
    expect(first).toMatchObject({ stale: false, contentType: 'image/jpeg' })
    const replaced = await faceJpeg(99)
    sim.backend.state.photos.set(id, replaced)
    const second = await students.photos.get(id)
    expect(second.bytes).toEqual(replaced)
    expect(second.etag).not.toBe(first.etag)
  })

  it('serves the old copy marked stale while the school server is down', async () => {
    const school = await sim.backend.seedSchool({ classes: 1, students: 2, withPhotos: true })
    const { students } = studentsWith({ photoFreshForMs: 0 })
    await students.directory.list({ page: 1 })
    const id = school.students[1]?.id as string
    const fresh = await students.photos.get(id)
    await sim.backend.setMode('down')
    const kept = await students.photos.get(id)
    expect(kept).toMatchObject({ stale: true, etag: fresh.etag })
    expect(kept.bytes).toEqual(fresh.bytes)
  })

  it('keeps the copy when a login page answers instead of the photo, and forgets a photo the student no longer has', async () => {
    const school = await sim.backend.seedSchool({ classes: 1, students: 1, withPhotos: true })
    const { students, dataDir } = studentsWith({ photoFreshForMs: 0 })
    await students.directory.list({ page: 1 })
    const student = school.students[0]
    const id = student?.id as string
    await students.photos.get(id)

    await sim.backend.setMode('garbage')
    const kept = await students.photos.get(id)
    expect(kept).toMatchObject({ stale: true, contentType: 'image/jpeg' })
    await sim.backend.setMode('up')

    if (student) student.photoUrl = null
    await students.directory.list({ page: 1 })
    expect((await failure(students.photos.get(id))).code).toBe('not_found')
    expect(readdirSync(join(dataDir, 'photo-cache'))).toEqual([])
  })

  it('reads a damaged cache entry as missing, never as a photo', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sr-photo-cache-'))
    const cache = new PhotoCache(dataDir)
    cache.write('abc', Buffer.from([0xff, 0xd8, 1, 2]), { sourceUrl: null, contentType: 'image/jpeg' })
    expect(cache.read('abc')?.bytes.length).toBe(4)
    writeFileSync(join(dataDir, 'photo-cache', 'abc.jpg'), Buffer.from([0xff, 0xd8]))
    expect(cache.read('abc')).toBeNull()
    writeFileSync(join(dataDir, 'photo-cache', 'abc.json'), '{not json')
    expect(cache.read('abc')).toBeNull()
    expect(() => cache.read('../etc/passwd')).toThrow(/not a plain id/)
  })
})

describe('the school’s classes in the proxy', () => {
  it('refuses to serve a damaged offline copy, and keeps the fresh list after a success', async () => {
    await sim.backend.seedSchool({ classes: 2 })
    const { students, settings } = studentsWith()
    settings.set('backend.classes', '{"classes": "nonsense"}')
    await sim.backend.setMode('down')
    expect((await failure(students.classes.list())).code).toBe('backend_unavailable')
    await sim.backend.setMode('up')
    expect((await students.classes.list()).classes).toHaveLength(2)
    await sim.backend.setMode('503')
    const kept = await students.classes.list()
    expect(kept.stale).toBe(true)
    expect(kept.classes.every((item) => item.stale)).toBe(true)
  })

  it('passes a refusal from the school server through instead of hiding it behind the copy', async () => {
    await sim.backend.seedSchool({ classes: 1 })
    const { students } = studentsWith()
    await students.classes.list()
    sim.backend.expireTokens()
    const duplicate = await failure(students.classes.create({ name: '', gradeLevel: 1 }))
    expect(duplicate.code).toBe('backend_rejected')
  })
})
