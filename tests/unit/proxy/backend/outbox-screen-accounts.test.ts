import { randomUUID } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import { Outbox } from '../../../../proxy/backend/outbox'
import { withReportAccount, type ReportAccounts } from '../../../../proxy/backend/report-account'
import { registrationReports } from '../../../../proxy/domain/registration/backend-reports'
import { openMemoryDatabase } from '../../../../proxy/store/db'
import { rejected, ScriptedBackend } from './scripted-report-backend'

const fast = { backoff: { baseMs: 40, capMs: 400 }, maxPerMinute: 60_000, burst: 100 }
const running: Outbox[] = []
afterEach(async () => {
  await Promise.all(running.splice(0).map((o) => o.stop()))
})

/** Screens with their own backends; `ended` is what the sender reported as no longer signed in. */
class Screens implements ReportAccounts {
  readonly own = new Map<string, ScriptedBackend>()
  readonly signedOut = new Set<string>()
  readonly endedScreens: string[] = []
  backendFor(screen: string) {
    if (this.signedOut.has(screen)) return null
    return this.own.get(screen)
  }
  ended(screen: string): void {
    this.endedScreens.push(screen)
    this.signedOut.add(screen)
  }
}

function reports(employeeNo: string) {
  return registrationReports({
    clientId: randomUUID(),
    employeeNo,
    student: { firstName: 'Vali', lastName: 'Aliyev', gender: 'male', classId: 'class-5a' },
    targetDeviceIds: [],
    deviceResults: [],
  })
}

async function until(condition: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

function setUp() {
  const shared = new ScriptedBackend()
  const teacher = new ScriptedBackend()
  const screens = new Screens()
  screens.own.set('tablet-1', teacher)
  const outbox = new Outbox({ db: openMemoryDatabase(), backend: shared, accounts: screens, sender: fast })
  running.push(outbox)
  outbox.start()
  return { shared, teacher, screens, outbox }
}

describe("a screen's own school-server account in the outbox", () => {
  it("sends the reports written for a signed-in screen with that screen's account, the rest with the shared one", async () => {
    const { shared, teacher, outbox } = setUp()
    withReportAccount('tablet-1', () => outbox.enqueue(reports('1000000001')))
    outbox.enqueue(reports('1000000002'))
    await until(() => teacher.calls.length === 1 && shared.calls.length === 1)
    expect(teacher.calls[0]?.route).toBe('provision')
    expect(JSON.stringify(teacher.calls[0]?.body)).toContain('1000000001')
    expect(JSON.stringify(shared.calls[0]?.body)).toContain('1000000002')
  })

  it('keeps the reports of a screen whose session ended until it signs in again, then sends them once', async () => {
    const { shared, teacher, screens, outbox } = setUp()
    teacher.failNext(rejected('Authorization token expired', 401))
    withReportAccount('tablet-1', () => outbox.enqueue(reports('1000000003')))
    await until(() => screens.endedScreens.length === 1)
    expect(screens.endedScreens).toEqual(['tablet-1'])
    // nothing lost, nothing failed, and the shared account was not used instead
    const waiting = outbox.view().pending
    expect(waiting).toHaveLength(1)
    expect(waiting[0]?.lastErrorCode).toBe('school_sign_in_needed')
    expect(outbox.pendingOf('tablet-1')).toBe(1)
    expect(shared.calls).toHaveLength(0)
    // other screens are not held back meanwhile
    outbox.enqueue(reports('1000000004'))
    await until(() => shared.calls.length === 1)

    screens.signedOut.delete('tablet-1')
    outbox.accountReady('tablet-1')
    await until(() => outbox.pendingOf('tablet-1') === 0)
    expect(teacher.calls.filter((call) => call.route === 'provision')).toHaveLength(2)
    expect(teacher.students.size).toBe(1)
  })

  it('hands the waiting reports of a screen that signs out to the shared account', async () => {
    const { shared, teacher, screens, outbox } = setUp()
    screens.signedOut.add('tablet-1')
    withReportAccount('tablet-1', () => outbox.enqueue(reports('1000000005')))
    await until(() => outbox.view().pending[0]?.lastErrorCode === 'school_sign_in_needed')
    screens.own.delete('tablet-1')
    screens.signedOut.delete('tablet-1')
    outbox.accountGone('tablet-1')
    await until(() => shared.calls.length === 1)
    expect(teacher.calls).toHaveLength(0)
    expect(outbox.pendingOf('tablet-1')).toBe(0)
  })
})
