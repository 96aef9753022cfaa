import { randomUUID } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AuditPage } from '../../../shared/api/audit'
import type { Device } from '../../../shared/api/devices'
import type { OutboxView } from '../../../shared/api/outbox'
import type { Registration } from '../../../shared/api/registrations'
import type { SchoolAccountView } from '../../../shared/api/school-account'
import type { RunningProxy } from '../../helpers/proxy-process'
import { startBackend, type SeedResult, type SimBackend } from '../../sim/backend'
import { startTerminal, type Terminal } from '../../sim/terminal'
import { addDevice, call, eventually, operatorToken, photo } from '../registration/rig'
import { startProxyFor } from '../students/rig'

// A tablet signs in to the school server with a teacher's own account, as the old desktop app let each
// user do: the students it enrolls reach the server as that teacher, the admin's screen keeps the shared
// account, the audit trail names both, and when the teacher's session ends the tablet's reports wait for
// it to sign in again and then go once. The password is sent to the server and kept nowhere.
describe("each screen's reports go out as its own school-server account", () => {
  let backend: SimBackend
  let terminal: Terminal
  let proxy: RunningProxy
  let device: Device
  let tablet: string
  let school: SeedResult

  const asTablet = <T>(method: string, path: string, body?: unknown) =>
    call<T>(proxy, method, path, body, tablet)
  const enroll = async (token: string, lastName: string) => {
    const answer = await call<Registration>(
      proxy,
      'POST',
      '/api/registrations',
      {
        clientId: randomUUID(),
        student: { firstName: 'Anvar', lastName, gender: 'male', classId: school.classes[0]!.id },
        face: (await photo()).toString('base64'),
        deviceIds: [device.id],
      },
      token,
    )
    expect(answer.status, JSON.stringify(answer.body)).toBe(201)
    return answer.body
  }
  /** who the school server says started each provisioning, by the student's number */
  const actorOf = (employeeNo: string) => {
    const student = [...backend.state.students.values()].find((s) => s.deviceStudentId === employeeNo)
    const provisioning = [...backend.state.provisionings.values()].find((p) => p.studentId === student?.id)
    const log = backend.state.logs.find(
      (entry) => entry.provisioningId === provisioning?.id && entry.eventType === 'PROVISIONING_START',
    )
    return log?.actorRole ?? null
  }

  const signIn = ({ email, password }: { email: string; password: string }) => ({ email, password })

  beforeAll(async () => {
    backend = await startBackend()
    school = await backend.seedSchool({ classes: 1, students: 2 })
    terminal = await startTerminal()
    proxy = await startProxyFor(backend)
    device = await addDevice(proxy, terminal, 'Kirish')
    tablet = await operatorToken(proxy)
  }, 120_000)

  afterAll(async () => {
    await proxy?.stop()
    await terminal?.close()
    await backend?.close()
  })

  it('starts with no account of its own, and refuses a wrong password or a guard account', async () => {
    expect((await asTablet<SchoolAccountView>('GET', '/api/school-account')).body).toMatchObject({
      available: true,
      state: 'none',
      account: null,
    })
    const { teacher, guard } = backend.credentials
    const wrong = await asTablet('POST', '/api/school-account/sign-in', {
      email: teacher.email,
      password: 'not-the-password',
    })
    expect(wrong.status).toBe(502)
    expect(wrong.body).toMatchObject({ error: { code: 'backend_rejected' } })
    const guarded = await asTablet('POST', '/api/school-account/sign-in', signIn(guard))
    expect(guarded.body).toMatchObject({ error: { code: 'backend_rejected' } })
    expect((await asTablet<SchoolAccountView>('GET', '/api/school-account')).body.state).toBe('none')
  })

  it("signs the tablet in as the teacher; its student reaches the server as the teacher, the admin's as the admin", async () => {
    const { teacher } = backend.credentials
    const signedIn = await asTablet<SchoolAccountView>('POST', '/api/school-account/sign-in', signIn(teacher))
    expect(signedIn.status).toBe(200)
    expect(signedIn.body).toMatchObject({
      state: 'active',
      account: { email: teacher.email, role: 'TEACHER' },
    })
    const byTablet = await enroll(tablet, 'Planshetov')
    const byAdmin = await enroll(proxy.adminToken, 'Adminov')
    await eventually(
      () => actorOf(byTablet.employeeNo) !== null && actorOf(byAdmin.employeeNo) !== null,
      'both provisionings on the server',
    )
    expect(actorOf(byTablet.employeeNo)).toBe('TEACHER')
    expect(actorOf(byAdmin.employeeNo)).toBe('SCHOOL_ADMIN')

    const audit = await call<AuditPage>(proxy, 'GET', '/api/audit?action=registration.create')
    const entries = audit.body.data.filter((entry) => entry.action === 'registration.create')
    const tabletEntry = entries.find((entry) => entry.target?.id === byTablet.employeeNo)
    expect(tabletEntry?.actor).toMatchObject({ name: 'Kirish planshet', schoolAccount: teacher.email })
    const adminEntry = entries.find((entry) => entry.target?.id === byAdmin.employeeNo)
    expect(adminEntry?.actor.schoolAccount).toBeUndefined()
  })

  it('keeps the tablet’s reports when its session ends, asks it to sign in again, then sends them once', async () => {
    backend.expireTokens()
    const waiting = await enroll(tablet, 'Kutayotganov')
    await eventually(async () => {
      const view = (await asTablet<SchoolAccountView>('GET', '/api/school-account')).body
      return view.state === 'ended' && view.waiting > 0
    }, 'the tablet asked to sign in again')
    const outbox = await call<OutboxView>(proxy, 'GET', '/api/outbox')
    expect(outbox.body.failed).toEqual([])
    expect(outbox.body.pending.some((r) => r.lastErrorCode === 'school_sign_in_needed')).toBe(true)
    expect(actorOf(waiting.employeeNo)).toBeNull()
    // the admin's screen is not held back: the shared account logs in again by itself
    const meanwhile = await enroll(proxy.adminToken, 'Boshqayev')
    await eventually(() => actorOf(meanwhile.employeeNo) === 'SCHOOL_ADMIN', 'the admin’s student sent')

    const again = await asTablet<SchoolAccountView>(
      'POST',
      '/api/school-account/sign-in',
      signIn(backend.credentials.teacher),
    )
    expect(again.body.state).toBe('active')
    await eventually(
      () => actorOf(waiting.employeeNo) === 'TEACHER',
      'the waiting student sent as the teacher',
    )
    await eventually(
      async () => (await asTablet<SchoolAccountView>('GET', '/api/school-account')).body.waiting === 0,
      'nothing left waiting',
    )
    const starts = backend.state.logs.filter(
      (entry) => entry.eventType === 'PROVISIONING_START' && entry.actorRole === 'TEACHER',
    )
    expect(starts).toHaveLength(2)
  })

  it('signs out: the tablet goes back to the shared account', async () => {
    const out = await asTablet<SchoolAccountView>('POST', '/api/school-account/sign-out')
    expect(out.body).toMatchObject({ state: 'none', account: null })
    const after = await enroll(tablet, 'Umumiyev')
    await eventually(() => actorOf(after.employeeNo) === 'SCHOOL_ADMIN', 'sent with the shared account')
  })

  it('kept the password nowhere: not in the database files, not in the log', async () => {
    const { password } = backend.credentials.teacher
    for (const file of readdirSync(proxy.dataDir).filter((name) => name.includes('sqlite'))) {
      expect(readFileSync(join(proxy.dataDir, file)).includes(password)).toBe(false)
    }
    expect(proxy.output()).not.toContain(password)
  })
})
