import { afterEach, describe, expect, it } from 'vitest'
import { RegistrationsRepo } from '../../../../../proxy/store/registrations-repo'
import { detailsOf, failure, photo, request, sagaRig, statuses, type SagaRig } from './saga-rig'

const NO = '5550001112'

let rig: SagaRig
afterEach(() => rig?.close())

function names(): Array<string | undefined> {
  return rig.terminals.map((t) => t.state.users.get(NO)?.name)
}

describe('editing a person the proxy did not enrol', () => {
  it('adopts them: renames them on every terminal holding them, and remembers them as adopted', async () => {
    const seeded = { employeeNo: NO, name: 'Karimov Aziz', withFace: true }
    rig = await sagaRig({ terminals: [{ seedUsers: [seeded] }, { seedUsers: [seeded] }, {}] })
    const edited = await rig.domain.registrations.edit(NO, {
      student: { lastName: 'Karimov', firstName: 'Azizbek' },
    })
    expect(edited).toMatchObject({ status: 'SUCCESS', adopted: true, name: 'Karimov Azizbek' })
    expect(statuses(edited)).toEqual(['SUCCESS', 'SUCCESS'])
    expect(names()).toEqual(['Karimov Azizbek', 'Karimov Azizbek', undefined])
    const record = new RegistrationsRepo(rig.db).get(NO)
    expect(record).toMatchObject({ origin: 'adopted', deviceIds: [rig.devices[0]?.id, rig.devices[1]?.id] })
    expect(record?.faceJpeg.length).toBeGreaterThan(0)
    expect(
      rig.domain.book
        .view([NO])
        .get(NO)
        ?.map((cell) => [cell.state, cell.source]),
    ).toEqual([
      ['present', 'edit'],
      ['present', 'edit'],
      ['absent', 'edit'],
    ])
  })

  it('adds a terminal that lacks the person in the same step, with the face a terminal holds', async () => {
    rig = await sagaRig({
      terminals: [{ seedUsers: [{ employeeNo: NO, name: 'Rustamova Laylo', withFace: true }] }, {}],
    })
    const heldFace = rig.terminals[0]?.state.faces.get(NO)?.jpeg
    const edited = await rig.domain.registrations.edit(NO, { addDeviceIds: [rig.devices[1]?.id] })
    expect(edited).toMatchObject({ status: 'SUCCESS', adopted: true })
    expect(names()).toEqual(['Rustamova Laylo', 'Rustamova Laylo'])
    expect(rig.terminals[1]?.state.faces.get(NO)?.jpeg.equals(heldFace as Buffer)).toBe(true)
  })

  it('puts every terminal back to the name it held when one terminal refuses the new face', async () => {
    const terminals = [
      { seedUsers: [{ employeeNo: NO, name: 'Aliyev Vali', withFace: true }] },
      { seedUsers: [{ employeeNo: NO, name: 'Aliyev V.', withFace: true }] },
      { seedUsers: [{ employeeNo: NO, name: 'Aliyev Vali Anvar', withFace: true }] },
    ]
    rig = await sagaRig({ terminals })
    const before = rig.terminals.map((t) => t.state.faces.get(NO)?.jpeg)
    rig.terminals[2]?.setFault('faceSetUp', { kind: 'error', subStatusCode: 'deviceBusy', httpStatus: 200 })
    const error = await failure(
      rig.domain.registrations.edit(
        NO,
        { student: { firstName: 'Valijon', lastName: 'Aliyev' } },
        await photo(1),
      ),
    )
    expect(statuses(detailsOf(error))).toContain('FAILED')
    expect(names()).toEqual(['Aliyev Vali', 'Aliyev V.', 'Aliyev Vali Anvar'])
    rig.terminals.forEach((t, i) =>
      expect(t.state.faces.get(NO)?.jpeg.equals(before[i] as Buffer)).toBe(true),
    )
  })

  it('answers not_found for a number no terminal holds and the school server does not know', async () => {
    rig = await sagaRig({ terminals: [{}] })
    const error = await failure(rig.domain.registrations.edit(NO, { student: { firstName: 'X' } }))
    expect(error.code).toBe('not_found')
    expect(new RegistrationsRepo(rig.db).get(NO)).toBeUndefined()
  })
})

describe('editing a student the proxy enrolled, whom a copy put on another terminal', () => {
  it('renames them there too, and leaves a terminal alone that no longer holds them', async () => {
    rig = await sagaRig({ terminals: [{}, {}, {}] })
    const [first, second, third] = rig.devices.map((d) => d.id) as [string, string, string]
    const { employeeNo } = await rig.domain.registrations.register(await request([{ id: first }]))
    // a copy job wrote them onto the second terminal; the proxy remembers a third that was wiped since
    const copy = rig.domain.clients.get(second)
    await copy.addUser({ employeeNo, name: 'Gʻulomov Oʻtkir Anvarovich', userType: 'normal' })
    await copy.addFace(employeeNo, rig.terminals[0]?.state.faces.get(employeeNo)?.jpeg as Buffer)
    rig.domain.book.note('copy', [
      { employeeNo, deviceId: second, state: 'present' },
      { employeeNo, deviceId: third, state: 'present' },
    ])
    const edited = await rig.domain.registrations.edit(employeeNo, { student: { firstName: 'Oybek' } })
    expect(edited.status).toBe('SUCCESS')
    expect(rig.terminals.map((t) => t.state.users.get(employeeNo)?.name)).toEqual([
      'Gʻulomov Oybek Anvarovich',
      'Gʻulomov Oybek Anvarovich',
      undefined,
    ])
  })
})
