import { describe, expect, it } from 'vitest'
import { clientFor, failure, jpeg, student, terminal } from './helpers'

describe('device refusals become device_rejected with the device sub-status and a plain message', () => {
  it('a duplicate person: employeeNoAlreadyExist, with the uz/ru/en text for the screen', async () => {
    const sim = await terminal()
    const client = clientFor(sim)
    await client.addUser(student('100'))
    const error = await failure(client.addUser(student('100')))
    expect(error.code).toBe('device_rejected')
    expect(error.extra.subStatusCode).toBe('employeeNoAlreadyExist')
    expect(error.extra.details).toMatchObject({
      statusCode: 6,
      errorCode: 1610637344,
      errorMsg: 'checkUser',
      messages: { uz: expect.stringContaining('allaqachon'), ru: expect.any(String), en: expect.any(String) },
    })
  })

  it('people and faces beyond the capacity: deviceUserFull, deviceFaceFull', async () => {
    const sim = await terminal({ capacity: { users: 2, faces: 1 } })
    const client = clientFor(sim)
    await client.addUser(student('1'))
    await client.addUser(student('2'))
    expect((await failure(client.addUser(student('3')))).extra.subStatusCode).toBe('deviceUserFull')
    const face = await jpeg()
    await client.addFace('1', face)
    expect((await failure(client.addFace('2', face))).extra.subStatusCode).toBe('deviceFaceFull')
  })

  it('face pictures the terminal cannot model, each with its own sub-status', async () => {
    const sim = await terminal()
    const client = clientFor(sim)
    await client.addUser(student('5'))
    const cases: Array<[string, Promise<Buffer>]> = [
      ['SubpicAnalysisModelingError', jpeg({ progressive: true })],
      ['SubpicAnalysisModelingError', jpeg({ chroma: '4:4:4' })],
      ['faceDataLenShort', jpeg({ width: 100, height: 120, noise: 0, quality: 20 })],
      ['picSizeExceedError', jpeg({ width: 1200, height: 1600, noise: 80, quality: 95 })],
      ['faceResolutionOrRatioError', jpeg({ width: 1200, height: 300 })],
    ]
    for (const [sub, picture] of cases) {
      const error = await failure(client.addFace('5', await picture))
      expect(error.code, sub).toBe('device_rejected')
      expect(error.extra.subStatusCode).toBe(sub)
    }
    expect(sim.state.faces.size).toBe(0)
  })

  it('a face for someone who is not on the device, and a second face: deviceUserNotExist, deviceUserAlreadyExistFace', async () => {
    const sim = await terminal()
    const client = clientFor(sim)
    const face = await jpeg()
    expect((await failure(client.addFace('404', face))).extra.subStatusCode).toBe('deviceUserNotExist')
    await client.addUser(student('6'))
    await client.addFace('6', face)
    expect((await failure(client.addFace('6', face))).extra.subStatusCode).toBe('deviceUserAlreadyExistFace')
    await expect(client.setUpFace('6', face)).resolves.toBeUndefined()
  })

  it('notSupport that arrives with HTTP 200 (the K1A340) is still a refusal', async () => {
    const sim = await terminal({ model: 'ds-k1a340fwx' })
    const client = clientFor(sim)
    sim.setFault('userCount', { kind: 'error', subStatusCode: 'notSupport', httpStatus: 200 })
    const error = await failure(client.countUsers())
    expect(error.code).toBe('device_rejected')
    expect(error.extra.subStatusCode).toBe('notSupport')
    expect(error.extra.details).toMatchObject({ httpStatus: 200 })
  })

  it('an XML refusal from the system family: badXmlContent', async () => {
    const sim = await terminal()
    const client = clientFor(sim)
    const error = await failure(client.setTime({ timeMode: 'manual', localTime: 'yesterday at noon' }))
    expect(error.code).toBe('device_rejected')
    expect(error.extra.subStatusCode).toBe('badXmlContent')
  })
})

describe('garbage answers become device_bad_response naming the endpoint, never a crash', () => {
  const cases = [
    { kind: 'html' },
    { kind: 'garbage' },
    { kind: 'truncated-json' },
    { kind: 'huge', bytes: 6 * 1024 * 1024 },
    { kind: 'not-http' },
  ] as const
  for (const fault of cases) {
    it(fault.kind, async () => {
      const sim = await terminal({ seedUsers: 3 })
      const client = clientFor(sim)
      sim.setFault('userSearch', fault, { times: 1 })
      const error = await failure(client.searchUsers())
      expect(error.code).toBe('device_bad_response')
      expect(error.message).toContain('/ISAPI/AccessControl/UserInfo/Search')
      await expect(client.searchUsers()).resolves.toMatchObject({ total: 3 })
    })
  }

  it('a wrong Content-Type is not trusted: the body is sniffed, for JSON and for XML', async () => {
    const sim = await terminal({ seedUsers: 2 })
    const client = clientFor(sim)
    sim.setFault('userSearch', { kind: 'wrong-content-type' })
    sim.setFault('deviceInfo', { kind: 'wrong-content-type' })
    await expect(client.searchUsers()).resolves.toMatchObject({ total: 2 })
    await expect(client.deviceInfo()).resolves.toMatchObject({ model: 'DS-K1T342MWX' })
  })

  it('garbage in answer to the challenge itself', async () => {
    const sim = await terminal()
    const client = clientFor(sim)
    sim.setFault('deviceInfo', { kind: 'html' }, { stage: 'before-auth', times: 1 })
    expect((await failure(client.deviceInfo())).code).toBe('device_bad_response')
    await expect(client.deviceInfo()).resolves.toMatchObject({ model: 'DS-K1T342MWX' })
  })
})
