import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startProxy, type RunningProxy } from '../../helpers/proxy-process'
import { startBackend, type SeedResult, type SimBackend } from '../../sim/backend'
import { startTerminal, type Terminal } from '../../sim/terminal'
import { addDevice, faceless, readEvents, startJob } from './job-helpers'

describe('clone database → device through the proxy process', { timeout: 120_000 }, () => {
  let backend: SimBackend
  let school: SeedResult
  let proxy: RunningProxy
  let target: Terminal

  beforeAll(async () => {
    backend = await startBackend()
    // 48 of 50 with a photo: the share spreads the two without one through the list.
    school = await backend.seedSchool({ classes: 2, students: 50, withPhotos: 48 / 50 })
    target = await startTerminal({})
    proxy = await startProxy({
      tls: 'off',
      env: {
        SR_BACKEND_URL: backend.url,
        SR_SCHOOL_ID: backend.schoolId,
        SR_BACKEND_EMAIL: backend.credentials.admin.email,
        SR_BACKEND_PASSWORD: backend.credentials.admin.password,
      },
    })
  })
  afterAll(async () => {
    await proxy?.stop()
    await target?.close()
    await backend?.close()
  })

  it('writes every student with a photo, and passes over the two without one, naming them', async () => {
    const withoutPhoto = school.students.filter((s) => s.photoUrl === null)
    expect(withoutPhoto).toHaveLength(2)
    const targetId = await addDevice(proxy, target, 'Yangi terminal')

    const job = await startJob(proxy, { type: 'clone-db-to-device', targetDeviceId: targetId })
    expect(job.capacity).toMatchObject({ onDevice: 0, incoming: 50, fits: true })
    const last = (await readEvents(proxy, job.id)).at(-1)

    // no photo is not an error: those two are skipped, with the reason
    expect(last).toMatchObject({ state: 'done', total: 50, done: 48, skipped: 2, noPhoto: 2, failed: 0 })
    expect(last?.errors.map((e) => e.code)).toEqual(['no_photo', 'no_photo'])
    expect(last?.errors.map((e) => e.name).sort()).toEqual(
      withoutPhoto.map((s) => `${s.lastName} ${s.firstName} ${s.fatherName}`).sort(),
    )
    expect(last?.errors.map((e) => e.studentId).sort()).toEqual(withoutPhoto.map((s) => s.id).sort())
    expect(target.state.users.size).toBe(48)
    expect(faceless(target)).toEqual([])
    for (const student of school.students.filter((s) => s.photoUrl !== null)) {
      const user = target.state.users.get(student.deviceStudentId as string)
      expect(user?.name).toBe(`${student.lastName} ${student.firstName} ${student.fatherName}`)
    }

    const again = await startJob(proxy, { type: 'clone-db-to-device', targetDeviceId: targetId })
    const second = (await readEvents(proxy, again.id)).at(-1)
    expect(second).toMatchObject({ state: 'done', done: 0, skipped: 50, noPhoto: 2, failed: 0 })
  })
})
