import { afterEach, describe, expect, it } from 'vitest'
import { detailsOf, EMPTY, failure, holdings, request, sagaRig, type SagaRig } from './saga-rig'

let rig: SagaRig | undefined
afterEach(async () => {
  await rig?.close()
  rig = undefined
})

describe('removing a student from devices', () => {
  it('removes person and face from the chosen devices only, and forgets them in the registration', async () => {
    rig = await sagaRig()
    const { employeeNo } = await rig.domain.registrations.register(await request(rig.devices))
    const removed = await rig.domain.registrations.remove(employeeNo, [rig.devices[1]?.id as string])
    expect(removed).toMatchObject({
      status: 'SUCCESS',
      devices: [{ deviceId: rig.devices[1]?.id, status: 'SUCCESS' }],
    })
    const has = { users: [employeeNo], faces: [employeeNo] }
    expect(holdings(rig.terminals)).toEqual([has, EMPTY, has])

    const rest = await rig.domain.registrations.remove(employeeNo)
    expect(rest.devices.map((d) => d.deviceId)).toEqual([rig.devices[0]?.id, rig.devices[2]?.id])
    expect(holdings(rig.terminals)).toEqual([EMPTY, EMPTY, EMPTY])
  })

  it('keeps what worked when one device is off, and says which one failed', async () => {
    rig = await sagaRig()
    const { employeeNo } = await rig.domain.registrations.register(await request(rig.devices))
    await rig.terminals[2]?.setOffline(true)
    const error = await failure(rig.domain.registrations.remove(employeeNo))
    expect(error.code).toBe('device_unreachable')
    expect(detailsOf(error).devices.map((d) => d.status)).toEqual(['SUCCESS', 'SUCCESS', 'FAILED'])
    expect(holdings(rig.terminals.slice(0, 2))).toEqual([EMPTY, EMPTY])
    await rig.terminals[2]?.setOffline(false)
    const retried = await rig.domain.registrations.remove(employeeNo)
    expect(retried.devices).toEqual([{ deviceId: rig.devices[2]?.id, status: 'SUCCESS' }])
  })

  it('removes a number it never registered from the devices named, or from every device without them', async () => {
    const imported = { employeeNo: '4440004441', name: 'Import', withFace: true }
    rig = await sagaRig({ terminals: [{ seedUsers: [imported] }, { seedUsers: [imported] }] })
    await rig.domain.registrations.remove('4440004441', [rig.devices[0]?.id as string])
    expect(holdings(rig.terminals)).toEqual([EMPTY, { users: ['4440004441'], faces: ['4440004441'] }])
    const all = await rig.domain.registrations.remove('4440004441')
    expect(all.devices.map((d) => d.status)).toEqual(['SUCCESS', 'SUCCESS'])
    expect(holdings(rig.terminals)).toEqual([EMPTY, EMPTY])
    expect((await failure(rig.domain.registrations.remove('4440004441', ['nope']))).code).toBe('not_found')
  })
})
