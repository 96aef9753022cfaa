import { describe, expect, it } from 'vitest'
import { cutToBytes, formatDeviceTime, nameByteLimit, posixTimeZone } from '../../../proxy/isapi'
import { clientFor, failure, jpeg, student, terminal } from './helpers'

describe('deviceInfo and capabilities of each captured model', () => {
  it('reads the XML deviceInfo of every model, and the JSON variant', async () => {
    const expected = {
      'ds-k1t342mwx': 'DS-K1T342MWX',
      'ds-k1a340fwx': 'DS-K1A340FWX',
      'ds-k1t341am': 'DS-K1T341AM',
      'ds-kv6124-e1': 'DS-KV6124-E1',
    } as const
    for (const [model, name] of Object.entries(expected)) {
      const sim = await terminal({ model: model as keyof typeof expected })
      await expect(clientFor(sim).deviceInfo()).resolves.toMatchObject({ model: name })
    }
    const json = await terminal({ jsonDeviceInfo: true })
    await expect(clientFor(json).deviceInfo()).resolves.toMatchObject({
      model: 'DS-K1T342MWX',
      deviceId: '255',
    })
  })

  it('learns what each model supports, and caches it per device', async () => {
    const k1t341 = await terminal({ model: 'ds-k1t341am' })
    const client = clientFor(k1t341)
    const caps = await client.capabilities()
    expect(caps.accessControl).toMatchObject({ userInfo: true, faceLib: true, employeeNoDigitsOnly: true })
    expect(caps.users).toMatchObject({
      nameMaxBytes: 32,
      maxRecords: 1500,
      searchMaxResults: 30,
      deleteMaxIds: 30,
    })
    expect(caps.faces).toMatchObject({ supportsSetUp: false, maxRecords: 1500 })
    expect(nameByteLimit(caps)).toBe(32)
    const requests = k1t341.stats.requests
    await client.capabilities()
    expect(k1t341.stats.requests).toBe(requests)

    const intercom = await terminal({ model: 'ds-kv6124-e1' })
    const icaps = await clientFor(intercom).capabilities()
    expect(icaps.faces).toBeNull()
    expect(icaps.users).toMatchObject({ nameMaxBytes: 32, maxRecords: 2000 })

    const k1a340 = await terminal({ model: 'ds-k1a340fwx' })
    const acaps = await clientFor(k1a340).capabilities()
    expect(acaps.accessControl).toMatchObject({ remoteDoor: false, employeeNoDigitsOnly: false })
    expect(acaps.users?.userTypes).toEqual(['normal'])
  })

  it('reads XML capabilities labelled as JSON (DS-K1T342MWX)', async () => {
    const sim = await terminal({ model: 'ds-k1t342mwx' })
    const caps = await clientFor(sim).capabilities()
    expect(caps.accessControl).toMatchObject({ remoteDoor: true })
    expect(nameByteLimit(null)).toBe(64)
  })
})

describe('time', () => {
  it('reads the device clock and sets it by hand in the device zone format', async () => {
    const sim = await terminal({ clockDriftSec: -3600 })
    const client = clientFor(sim)
    const before = await client.getTime()
    expect(Math.round(((before.epochMs ?? 0) - Date.now()) / 60_000)).toBe(-60)
    const zone = posixTimeZone(300)
    expect(zone).toBe('CST-5:00:00')
    await client.setTime({ timeMode: 'manual', localTime: formatDeviceTime(Date.now(), 300), timeZone: zone })
    const after = await client.getTime()
    expect(after.timeZone).toBe('CST-5:00:00')
    expect(after.utcOffsetMinutes).toBe(300)
    expect(after.localTime).toMatch(/\+05:00$/)
    expect(Math.abs((after.epochMs ?? 0) - Date.now())).toBeLessThan(5_000)
  })
})

describe('people', () => {
  it('creates, counts, finds, modifies, upserts and deletes', async () => {
    const sim = await terminal()
    const client = clientFor(sim)
    await client.addUser({ employeeNo: '2001', name: 'Dilshod Karimov', gender: 'male' })
    await client.setUpUser({ employeeNo: '2002', name: 'Nigora' })
    await client.modifyUser({ employeeNo: '2001', name: 'Dilshod K.' })
    expect((await failure(client.modifyUser(student('2999')))).extra.subStatusCode).toBe('employeeNoNotExist')
    expect(await client.countUsers()).toEqual({ users: 2, usersWithFace: 0 })
    const one = await client.searchUsers({ employeeNos: ['2001'] })
    expect(one).toMatchObject({ status: 'OK', total: 1, matches: 1 })
    expect(one.users[0]).toMatchObject({
      employeeNo: '2001',
      name: 'Dilshod K.',
      gender: 'male',
      numOfFace: 0,
      valid: { enable: true, beginTime: '2020-01-01T00:00:00', endTime: '2037-12-31T23:59:59' },
    })
    await client.deleteUsers(['2001'])
    expect([...sim.state.users.keys()]).toEqual(['2002'])
  })

  it('pages 30 at a time with MORE, OK and NO MATCH (no UserInfo array), whatever page size is asked', async () => {
    const sim = await terminal({ seedUsers: 65 })
    const client = clientFor(sim)
    const seen: string[] = []
    const statuses: string[] = []
    let position = 0
    let searchId: string | undefined
    for (;;) {
      const page = await client.searchUsers({ position, max: 100, ...(searchId ? { searchId } : {}) })
      searchId = page.searchId
      statuses.push(page.status)
      seen.push(...page.users.map((u) => u.employeeNo))
      if (page.status !== 'MORE') break
      expect(page.matches).toBe(30)
      position += page.matches
    }
    expect(statuses).toEqual(['MORE', 'MORE', 'OK'])
    expect(new Set(seen).size).toBe(65)
    const none = await client.searchUsers({ employeeNos: ['999999'] })
    expect(none).toMatchObject({ status: 'NO MATCH', total: 0, users: [] })
    expect(
      (await failure(client.searchUsers({ employeeNos: Array.from({ length: 31 }, (_, i) => String(i)) })))
        .code,
    ).toBe('validation_failed')
  })

  it('writes a long Cyrillic name cut to the model limit on a character boundary', async () => {
    const sim = await terminal({ model: 'ds-k1t341am' })
    const client = clientFor(sim)
    const limit = nameByteLimit(await client.capabilities())
    const full = 'Мухаммадали Абдурахмонов Шавкатович'
    expect((await failure(client.addUser({ employeeNo: '1', name: full }))).extra.subStatusCode).toBe(
      'badJsonContent',
    )
    await client.addUser({ employeeNo: '1', name: cutToBytes(full, limit) })
    expect(sim.state.users.get('1')?.name).toBe('Мухаммадали Абду') // 31 bytes: one more letter would need 33
  })

  it('a digits-only model refuses a letter in the person number (illegalEmployeeNo)', async () => {
    const sim = await terminal({ model: 'ds-k1t341am' })
    expect((await failure(clientFor(sim).addUser(student('A12')))).extra.subStatusCode).toBe(
      'illegalEmployeeNo',
    )
  })

  it('the door station refuses offset-less validity; the UTC-with-offset form is accepted', async () => {
    const sim = await terminal({ model: 'ds-kv6124-e1' })
    const client = clientFor(sim)
    const error = await failure(client.addUser(student('7')))
    expect(error.extra).toMatchObject({
      subStatusCode: 'badJsonContent',
      details: { errorMsg: 'beginTime and endTime' },
    })
    await client.addUser({
      ...student('7'),
      valid: {
        enable: true,
        beginTime: '2000-01-01T00:00:00+00:00',
        endTime: '2030-01-01T00:00:00+00:00',
        timeType: 'UTC',
      },
    })
    expect(sim.state.users.has('7')).toBe(true)
  })
})

describe('faces', () => {
  it('uploads, replaces, lists, fetches by faceURL and deletes', async () => {
    const sim = await terminal()
    const client = clientFor(sim)
    const photo = await jpeg()
    await client.addUser(student('3001'))
    await client.addFace('3001', photo)
    expect(sim.state.faces.get('3001')?.jpeg.equals(photo)).toBe(true)
    const replacement = await jpeg({ noise: 10 })
    await client.setUpFace('3001', replacement)
    const page = await client.searchFaces({ employeeNo: '3001' })
    expect(page).toMatchObject({ status: 'OK', total: 1 })
    const person = (await client.searchUsers({ employeeNos: ['3001'] })).users[0]
    expect(person?.numOfFace).toBe(1)
    expect((await client.fetchFace(person?.faceURL ?? '')).equals(replacement)).toBe(true)
    await client.deleteFaces(['3001'])
    expect(await client.searchFaces()).toMatchObject({ status: 'NO MATCH', faces: [] })
    expect(sim.state.users.has('3001')).toBe(true)
  })

  it('fetches a faceURL from the configured device, whatever host the firmware wrote into it', async () => {
    const sim = await terminal({ seedUsers: 1, faceUrlOrigin: 'http://condroyal2026.ddns-inte' })
    const client = clientFor(sim)
    const person = (await client.searchUsers()).users[0]
    expect(person?.faceURL).toMatch(
      /^http:\/\/condroyal2026\.ddns-inte\/LOCALS\/pic\/enrlFace\/0\/\d+\.jpg@WEB\d+$/,
    )
    const photo = await client.fetchFace(person?.faceURL ?? '')
    expect(photo.subarray(0, 2).toString('hex')).toBe('ffd8')
    expect(sim.stats.log.at(-1)?.url).toMatch(/^\/LOCALS\/pic\/enrlFace\/0\/\d+\.jpg@WEB\d+$/)
  })

  it('a faceURL without a usable path, or a missing picture, is a clear error', async () => {
    const sim = await terminal()
    const client = clientFor(sim)
    expect((await failure(client.fetchFace('not a url'))).code).toBe('validation_failed')
    expect(
      (await failure(client.fetchFace('/LOCALS/pic/enrlFace/0/0000000099.jpg@WEB000000000099'))).code,
    ).toBe('device_bad_response')
    expect((await failure(client.addFace('1', Buffer.from('GIF89a not a jpeg')))).code).toBe('image_invalid')
  })
})

describe('event listening hosts and the access log', () => {
  it('reads and writes the listening slots (XML), and sees what the firmware kept', async () => {
    const sim = await terminal({ model: 'ds-k1a340fwx' })
    const client = clientFor(sim)
    expect(await client.getHttpHosts()).toEqual([
      expect.objectContaining({
        id: '1',
        url: '',
        ipAddress: '0.0.0.0',
        portNo: 0,
        httpAuthenticationMethod: 'none',
      }),
    ])
    await client.putHttpHost({ id: '1', url: '/webhook/s1/in', ipAddress: '192.168.1.2', portNo: 8088 })
    const [slot] = await client.getHttpHosts()
    // the K1A340 accepts the slot but does not keep a non-empty url
    expect(slot).toMatchObject({
      ipAddress: '192.168.1.2',
      portNo: 8088,
      url: '',
      parameterFormatType: 'JSON',
    })
    const error = await failure(
      client.putHttpHosts([{ id: '1', url: '/x', hostName: 'backend.school.lan', portNo: 80 }]),
    )
    expect(error.extra).toMatchObject({ subStatusCode: 'badXmlContent', details: { errorMsg: 'ipAddress' } })
  })

  it('pages the access log and filters by time', async () => {
    const sim = await terminal({ model: 'ds-k1t342mwx' })
    const client = clientFor(sim)
    const first = await client.searchEvents({ max: 5 })
    expect(first).toMatchObject({ status: 'MORE', total: 20, matches: 5 })
    expect(first.events[1]).toMatchObject({ major: 5, minor: 75, serialNo: 19354, verifyMode: 'cardOrFace' })
    const faces = await client.searchEvents({ major: 5, minor: 75 })
    expect(faces.events.every((e) => e.minor === 75)).toBe(true)
    const none = await client.searchEvents({
      startTime: '2030-01-01T00:00:00+05:00',
      endTime: '2030-01-02T00:00:00+05:00',
    })
    expect(none).toMatchObject({ status: 'NO MATCH', events: [] })
    expect((await failure(client.searchEvents({ beginSerialNo: 1 }))).code).toBe('validation_failed')
  })
})

describe('the other Digest flavours terminals and cameras speak', () => {
  for (const options of [
    { auth: 'digest-no-qop' as const },
    { algorithm: 'MD5-sess' as const },
    { algorithm: 'SHA-256' as const },
    { challengeStyle: 'nvr' as const },
    { challengeStyle: 'camera' as const },
  ]) {
    it(JSON.stringify(options), async () => {
      const sim = await terminal(options)
      const client = clientFor(sim)
      await client.deviceInfo()
      await client.addUser(student('1'))
      await client.searchUsers()
      expect(sim.stats.failedLogins).toBe(0)
    })
  }
})
