import { afterEach, describe, expect, it } from 'vitest'
import { inspectJpeg } from '../../../../sim/terminal'
import { holdings, request, sagaRig, type SagaRig, writesTo } from './saga-rig'

let rig: SagaRig | undefined
afterEach(async () => {
  await rig?.close()
  rig = undefined
})

describe('registering a student on every chosen device', () => {
  it('writes the person and the face on all three devices and answers SUCCESS', async () => {
    rig = await sagaRig()
    const body = await request(rig.devices)
    const registration = await rig.domain.registrations.register(body)

    expect(registration).toMatchObject({
      clientId: body.clientId,
      status: 'SUCCESS',
      backend: { status: 'off' },
      name: 'Gʻulomov Oʻtkir Anvarovich',
    })
    expect(registration.employeeNo).toMatch(/^[1-9][0-9]{9}$/)
    expect(registration.devices).toEqual(rig.devices.map((d) => ({ deviceId: d.id, status: 'SUCCESS' })))
    for (const terminal of rig.terminals) {
      const person = terminal.state.users.get(registration.employeeNo)
      expect(person).toMatchObject({ name: 'Gʻulomov Oʻtkir Anvarovich', gender: 'male', userType: 'normal' })
      expect(person?.rightPlan).toEqual([{ doorNo: 1, planTemplateNo: '1' }])
      const face = terminal.state.faces.get(registration.employeeNo)
      const layout = inspectJpeg(face?.jpeg as Buffer)
      expect(layout).toMatchObject({ progressive: false, subsampling: '4:2:0' })
      expect(face?.jpeg.length).toBeLessThanOrEqual(200 * 1024)
    }
  })

  it('cuts the name to each device’s byte limit on a character boundary, leaving Uzbek and Cyrillic intact', async () => {
    rig = await sagaRig({ terminals: [{ model: 'ds-k1t341am' }, { model: 'ds-k1t342mwx' }] })
    const student = { firstName: 'Оʻғилой', lastName: 'Гʻуломова', fatherName: 'Шерзодовна' }
    const registration = await rig.domain.registrations.register(await request(rig.devices, { student }))
    const full = 'Гʻуломова Оʻғилой Шерзодовна'
    const [narrow, wide] = rig.terminals.map((t) => t.state.users.get(registration.employeeNo)?.name)
    expect(wide).toBe(full)
    // the DS-K1T341AM allows 32 bytes: Cyrillic letters and ʻ are 2 bytes each
    expect(Buffer.byteLength(narrow as string)).toBeLessThanOrEqual(32)
    expect(full.startsWith(narrow as string)).toBe(true)
    expect(narrow).toBe('Гʻуломова Оʻғило')
  })

  it('never hands out a number twice, and keeps every one it handed out', async () => {
    rig = await sagaRig({ terminals: [{}] })
    const numbers = new Set<string>()
    for (let i = 0; i < 5; i++) {
      numbers.add((await rig.domain.registrations.register(await request(rig.devices))).employeeNo)
    }
    expect(numbers.size).toBe(5)
    const kept = rig.db.prepare('SELECT employee_no AS no FROM employee_numbers').all() as { no: string }[]
    const keptNos = new Set(kept.map((k) => k.no))
    expect([...numbers].filter((no) => !keptNos.has(no))).toEqual([])
    // besides them, only the one drawn ahead for the next student
    expect(keptNos.size).toBe(numbers.size + 1)
  })

  it('answers the same clientId again with the first answer and writes nothing twice', async () => {
    rig = await sagaRig()
    const body = await request(rig.devices)
    const first = await rig.domain.registrations.register(body)
    const writes = rig.terminals.map(writesTo)
    const again = await rig.domain.registrations.register({
      ...body,
      student: { firstName: 'Boshqa', lastName: 'Ism' },
    })
    expect(again).toEqual(first)
    expect(rig.terminals.map(writesTo)).toEqual(writes)
  })

  it('lets a retry that arrives while the first request still runs wait for it, with one set of writes', async () => {
    rig = await sagaRig()
    for (const t of rig.terminals) t.setLatency('faceRecord', 300)
    const body = await request(rig.devices)
    const [a, b] = await Promise.all([
      rig.domain.registrations.register(body),
      new Promise((resolve) => setTimeout(resolve, 50)).then(() => rig?.domain.registrations.register(body)),
    ])
    expect(b).toEqual(a)
    for (const terminal of rig.terminals) {
      expect(terminal.stats.log.filter((e) => e.op === 'userRecord' && e.status === 200)).toHaveLength(1)
    }
  })

  it('draws another number when the drawn one is already taken on a device, and leaves that person alone', async () => {
    rig = await sagaRig({ terminals: [{ seedUsers: [{ employeeNo: '1234567890', name: 'Eski odam' }] }] })
    const draws = ['1234567890', '1234567890', '2345678901']
    const domain = rig.restart({ drawEmployeeNo: () => draws.shift() ?? '3456789012' })
    const registration = await domain.registrations.register(await request(rig.devices))
    expect(registration.employeeNo).toBe('2345678901')
    expect(rig.terminals[0]?.state.users.get('1234567890')?.name).toBe('Eski odam')
    expect(holdings(rig.terminals)[0]?.users).toEqual(['1234567890', '2345678901'])
  })
})
