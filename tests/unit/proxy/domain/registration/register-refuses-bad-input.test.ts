import { randomUUID } from 'node:crypto'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  detailsOf,
  failure,
  holdings,
  EMPTY,
  photo,
  request,
  sagaRig,
  type SagaRig,
  statuses,
  writesTo,
} from './saga-rig'

/**
 * Bad input never reaches a device: every case ends with a stable code, and the terminals saw no request
 * at all (refused before the pre-flight) or no write (refused by the pre-flight).
 */
describe('registration input that is refused before anything is written', () => {
  let rig: SagaRig
  let clock = new Date()
  beforeAll(async () => {
    clock = new Date()
    rig = await sagaRig({ now: () => clock })
  })
  afterAll(() => rig?.close())

  const pixels = (width: number, height: number, format: 'png' | 'gif' | 'jpeg') =>
    sharp({ create: { width, height, channels: 3, background: { r: 90, g: 120, b: 150 } } })
      .toFormat(format)
      .toBuffer()

  const cases: Array<[string, () => Promise<Record<string, unknown>>, string, string?]> = [
    [
      'a photo of zero bytes',
      async () => ({ ...(await request(rig.devices)), face: new Uint8Array(0) }),
      'image_invalid',
    ],
    [
      'a corrupt JPEG (cut after 3 KB)',
      async () => request(rig.devices, { face: (await photo()).subarray(0, 3000) }),
      'image_invalid',
    ],
    [
      'a tiny photo (40 × 40)',
      async () => request(rig.devices, { face: await pixels(40, 40, 'png') }),
      'image_invalid',
    ],
    [
      'a huge file (31 MB)',
      async () =>
        request(rig.devices, { face: Buffer.concat([await photo(), Buffer.alloc(31 * 1024 * 1024)]) }),
      'image_invalid',
    ],
    ['a GIF', async () => request(rig.devices, { face: await pixels(300, 400, 'gif') }), 'image_invalid'],
    [
      'a text file',
      async () => request(rig.devices, { face: Buffer.from('not a picture at all'.repeat(20)) }),
      'image_invalid',
    ],
    [
      'base64 that is not base64',
      async () => request(rig.devices, { face: '@@@ not base64 at all @@@' }),
      'image_invalid',
    ],
    [
      'no photo',
      async () => ({ ...(await request(rig.devices)), face: undefined }),
      'validation_failed',
      'face',
    ],
    [
      'an unknown device',
      async () => request([...rig.devices, { id: 'no-such-device' }]),
      'not_found',
      'deviceIds',
    ],
    ['no devices', async () => request([]), 'validation_failed', 'deviceIds'],
    [
      'a clientId that is not a UUID',
      async () => request(rig.devices, { clientId: 'abc' }),
      'validation_failed',
      'clientId',
    ],
    [
      'a number with a leading zero',
      async () => request(rig.devices, { student: { employeeNo: '0123456789' } }),
      'validation_failed',
      'student.employeeNo',
    ],
    [
      'a number with letters',
      async () => request(rig.devices, { student: { employeeNo: '12ab' } }),
      'validation_failed',
      'student.employeeNo',
    ],
    [
      'an empty first name',
      async () => request(rig.devices, { student: { firstName: '  ' } }),
      'validation_failed',
      'student.firstName',
    ],
    [
      'a gender the backend does not know',
      async () => request(rig.devices, { student: { gender: 'boy' as 'male' } }),
      'validation_failed',
      'student.gender',
    ],
    [
      'a body that is not an object',
      async () => [] as unknown as Record<string, unknown>,
      'validation_failed',
    ],
  ]

  for (const [what, make, code, field] of cases) {
    it(`${what} → ${code}${field ? ` (${field})` : ''}, with no request to any device`, async () => {
      rig.terminals.forEach((t) => t.resetStats())
      const error = await failure(rig.domain.registrations.register(await make()))
      expect(error.code).toBe(code)
      if (field) expect(error.extra.field).toBe(field)
      expect(rig.terminals.map((t) => t.stats.requests)).toEqual([0, 0, 0])
    })
  }

  it('refuses an expired password on any chosen device with credentials_expired before sending anything', async () => {
    const later = new Date(clock.getTime() + 31 * 86_400_000)
    const renewedOnOthers = [rig.devices[0], rig.devices[2]]
    clock = later
    for (const device of renewedOnOthers) {
      const terminal = rig.terminals[rig.devices.indexOf(device as (typeof rig.devices)[number])]
      await rig.domain.registry.update(device?.id as string, { password: terminal?.password as string })
    }
    rig.terminals.forEach((t) => t.resetStats())
    const error = await failure(rig.domain.registrations.register(await request(rig.devices)))
    expect(error.code).toBe('credentials_expired')
    expect(rig.terminals.map((t) => t.stats.requests)).toEqual([0, 0, 0])
    await rig.domain.registry.update(rig.devices[1]?.id as string, {
      password: rig.terminals[1]?.password as string,
    })
  })

  it('refuses a number this proxy already registered as duplicate', async () => {
    const first = await rig.domain.registrations.register(await request(rig.devices))
    const error = await failure(
      rig.domain.registrations.register(
        await request(rig.devices, { student: { employeeNo: first.employeeNo } }),
      ),
    )
    expect(error).toMatchObject({ code: 'duplicate' })
    expect(error.extra.field).toBe('student.employeeNo')
  })
})

describe('devices that fail the pre-flight check stop the registration before any write', () => {
  let rig: SagaRig | undefined
  const fresh = async (terminals?: Parameters<typeof sagaRig>[0]) => {
    await rig?.close()
    rig = await sagaRig(terminals)
    return rig
  }
  afterAll(() => rig?.close())

  it('a wrong password → device_auth_failed; the same clientId goes through once the password is fixed', async () => {
    const r = await fresh()
    r.terminals[2]?.setPassword('Almashgan#1')
    const body = await request(r.devices)
    const error = await failure(r.domain.registrations.register(body))
    expect(error.code).toBe('device_auth_failed')
    expect(statuses(detailsOf(error))).toEqual(['SKIPPED', 'SKIPPED', 'FAILED'])
    expect(r.terminals.map(writesTo)).toEqual([0, 0, 0])
    await r.domain.registry.update(r.devices[2]?.id as string, { password: 'Almashgan#1' })
    expect((await r.domain.registrations.register(body)).status).toBe('SUCCESS')
  })

  it('a device that is off → device_unreachable', async () => {
    const r = await fresh()
    await r.terminals[0]?.setOffline(true)
    const error = await failure(r.domain.registrations.register(await request(r.devices)))
    expect(error.code).toBe('device_unreachable')
    expect(statuses(detailsOf(error))).toEqual(['FAILED', 'SKIPPED', 'SKIPPED'])
    expect(r.terminals.slice(1).map(writesTo)).toEqual([0, 0])
  })

  it('garbage in answer to the person search → device_bad_response', async () => {
    const r = await fresh()
    r.terminals[1]?.setFault('userSearch', { kind: 'truncated-json' })
    const error = await failure(r.domain.registrations.register(await request(r.devices)))
    expect(error.code).toBe('device_bad_response')
    expect(r.terminals.map(writesTo)).toEqual([0, 0, 0])
  })

  it('bytes that are not HTTP in answer to the capabilities → device_bad_response', async () => {
    const r = await fresh()
    r.terminals[0]?.setFault('userCaps', { kind: 'not-http' })
    const error = await failure(r.domain.registrations.register(await request(r.devices)))
    expect(error.code).toBe('device_bad_response')
    expect(r.terminals.map(writesTo)).toEqual([0, 0, 0])
  })

  it('a locked account → device_locked with the seconds the device gave', async () => {
    const r = await fresh({ terminals: [{}, { lockout: { maxFailures: 1, lockSeconds: 900 } }] })
    r.terminals[1]?.setPassword('Boshqa#9')
    const error = await failure(r.domain.registrations.register(await request(r.devices)))
    expect(error.code).toBe('device_locked')
    expect(error.extra.retryAfterSec).toBeGreaterThan(800)
    expect(detailsOf(error).devices[1]?.error?.retryAfterSec).toBeGreaterThan(800)
  })

  it('a door station without a face library → device_rejected (notSupport) at the face, rolled back', async () => {
    const r = await fresh({ terminals: [{}, { model: 'ds-kv6124-e1' }] })
    const error = await failure(r.domain.registrations.register(await request(r.devices)))
    expect(error).toMatchObject({ code: 'device_rejected' })
    expect(error.extra.subStatusCode).toBe('notSupport')
    expect(holdings(r.terminals)).toEqual([EMPTY, EMPTY])
  })

  it('an answer with a clientId used for something else → conflict', async () => {
    const r = await fresh({ terminals: [{}] })
    const registered = await r.domain.registrations.register(await request(r.devices))
    const clientId = randomUUID()
    await r.domain.registrations.edit(registered.employeeNo, { clientId, student: { firstName: 'Yangi' } })
    const error = await failure(r.domain.registrations.register(await request(r.devices, { clientId })))
    expect(error.code).toBe('conflict')
  })
})
