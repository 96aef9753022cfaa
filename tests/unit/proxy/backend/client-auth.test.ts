import { describe, expect, it } from 'vitest'
import { detailsOf, failure, useBackend } from './client-fixture'

const sim = useBackend({ seed: { classes: 1, students: 2, withPhotos: false, devices: 1 } })

const logins = () => sim.backend.calls.filter((c) => c.path === '/auth/login').length

describe('backend client: logging in', () => {
  it('logs in on first use, once for concurrent requests, and sends the contract version every time', async () => {
    const client = sim.client()
    await Promise.all([client.listClasses(), client.listDevices(), client.listStudents()])
    expect(logins()).toBe(1)
    expect(client.user).toMatchObject({ email: 'admin@maktab.uz', role: 'SCHOOL_ADMIN' })
    expect(sim.backend.calls.length).toBe(4)
    for (const call of sim.backend.calls)
      expect(call.headers['x-client-contract-version']).toBe('sr-frontend-v1')
    expect(
      sim.backend.calls.filter((c) => c.path !== '/auth/login').every((c) => c.headers.authorization),
    ).toBe(true)
  })

  it('logs in again once when the token stops working, and carries on', async () => {
    const client = sim.client()
    await client.listClasses()
    sim.backend.expireTokens()
    await Promise.all([client.listClasses(), client.listDevices()])
    expect(logins()).toBe(2)
    const statuses = sim.backend.calls.filter((c) => c.path.endsWith('/classes'))
    expect(statuses).toHaveLength(3)
  })

  it('accepts a teacher and refuses a guard account in plain words', async () => {
    const { teacher, guard } = sim.backend.credentials
    const asTeacher = sim.client({ email: teacher.email, password: teacher.password })
    expect((await asTeacher.login()).role).toBe('TEACHER')
    const asGuard = sim.client({ email: guard.email, password: guard.password })
    const refused = await failure(asGuard.listClasses())
    expect(refused.code).toBe('backend_rejected')
    expect(refused.message).toMatch(/GUARD.*SCHOOL_ADMIN.*TEACHER/)
    expect(detailsOf(refused)).toMatchObject({ reason: 'role_not_allowed', role: 'GUARD' })
    expect(sim.backend.calls.some((c) => c.path.endsWith('/classes'))).toBe(false)
  })

  it('says so when the account belongs to another school', async () => {
    const refused = await failure(sim.client({ schoolId: 'school-2' }).listClasses())
    expect(detailsOf(refused).reason).toBe('wrong_school')
    expect(refused.message).toMatch(/SR_SCHOOL_ID/)
  })

  it('passes a wrong password on as the server’s refusal, without the password', async () => {
    const refused = await failure(sim.client({ password: 'Noto‘g‘ri-parol' }).listClasses())
    expect(refused.code).toBe('backend_rejected')
    expect(refused.message).toBe('Invalid credentials')
    expect(detailsOf(refused)).toMatchObject({ status: 401, retryable: false })
    expect(JSON.stringify(refused.toBody())).not.toContain('parol')
  })

  it('uses a fixed token as is and cannot renew it', async () => {
    const { admin } = sim.backend.credentials
    const login = await fetch(`${sim.backend.url}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(admin),
    })
    const { token } = (await login.json()) as { token: string }
    const client = sim.client({ token, email: undefined, password: undefined })
    expect(await client.listClasses()).toHaveLength(1)
    sim.backend.expireTokens()
    const expired = await failure(client.listClasses())
    expect(expired.message).toBe('Authorization token expired')
    expect(detailsOf(expired).status).toBe(401)
    expect(logins()).toBe(1)
  })

  it('opens only the provisioning routes with the provisioning token', async () => {
    const client = sim.client({ token: sim.backend.credentials.provisioningToken, email: undefined })
    const [klass] = sim.backend.state.classes.values()
    const answer = await client.provision({
      student: {
        firstName: 'Sevara',
        lastName: 'Nazarova',
        gender: 'female',
        classId: klass?.id ?? '',
        deviceStudentId: '6100000001',
      },
      requestId: 'reg-p',
      targetAllActive: false,
      targetDeviceIds: [],
    })
    expect(answer.provisioningStatus).toBe('PENDING')
    expect(await client.getProvisioning(answer.provisioningId)).toMatchObject({ id: answer.provisioningId })
    const refused = await failure(client.listStudents())
    expect(detailsOf(refused).status).toBe(401)
  })

  it('needs a token or an email and password', () => {
    expect(() => sim.client({ email: undefined, password: undefined })).toThrow(
      /token, or an email and a password/,
    )
  })
})
