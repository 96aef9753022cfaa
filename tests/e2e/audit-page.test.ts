import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Device } from '../../shared/api/devices'
import auditTexts from '../../web/i18n/messages/audit/uz'
import { spreadsheetTimeText } from '../../web/i18n/schoolTime'
import { startProxy, type RunningProxy } from '../helpers/proxy-process'
import { startTerminal, type Terminal } from '../sim/terminal'
import { launchChromium, TABLET } from './browser'
import { pairTablet, portraitJpeg } from './enroll-rig'

async function api(proxy: RunningProxy, method: string, path: string, body?: unknown) {
  const response = await proxy.adminFetch(path, {
    method,
    ...(body === undefined
      ? {}
      : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  })
  const text = await response.text()
  return { status: response.status, body: (text ? JSON.parse(text) : null) as Record<string, unknown> }
}

const rows = (page: Page) => page.getByTestId('audit-row')
const actionsShown = (page: Page) =>
  rows(page).evaluateAll((items) => items.map((item) => item.dataset.action ?? ''))

// The school's admin opens the change history on a tablet after a morning of work done through the API: a
// device added, a student registered, a clock set that failed while the terminal was broken.
describe('the audit page in Chromium', () => {
  let proxy: RunningProxy
  let terminal: Terminal
  let browser: Browser
  let page: Page
  let device: Device
  let employeeNo = ''

  beforeAll(async () => {
    terminal = await startTerminal({ model: 'ds-k1t342mwx' })
    proxy = await startProxy({ tls: 'off' })
    device = (
      await api(proxy, 'POST', '/api/devices', {
        name: 'Asosiy kirish',
        host: terminal.host,
        port: terminal.port,
        username: terminal.username,
        password: terminal.password,
      })
    ).body as unknown as Device
    const registered = await api(proxy, 'POST', '/api/registrations', {
      clientId: randomUUID(),
      student: { firstName: 'Malika', lastName: 'Yusupova' },
      face: (await portraitJpeg(3)).toString('base64'),
      deviceIds: [device.id],
    })
    expect(registered.status, JSON.stringify(registered.body)).toBe(201)
    employeeNo = registered.body.employeeNo as string
    terminal.setFault('time', { kind: 'garbage' })
    expect((await api(proxy, 'POST', `/api/devices/${device.id}/time/sync`)).status).toBeGreaterThanOrEqual(
      400,
    )
    terminal.clearFaults()

    browser = await launchChromium()
    const context = await browser.newContext({ viewport: TABLET, acceptDownloads: true })
    context.setDefaultTimeout(30_000)
    page = await context.newPage()
    await pairTablet(page, proxy)
  })

  afterAll(async () => {
    await browser?.close()
    await proxy?.stop()
    await terminal?.close()
  })

  it('is reached from the admin menu and shows what was done through the API', async () => {
    await page.getByTestId('nav-audit').click()
    await page.getByRole('heading', { level: 1, name: auditTexts.audit.title }).waitFor()
    await expect
      .poll(() => actionsShown(page), { timeout: 30_000 })
      .toEqual(['device.time.sync', 'registration.create', 'device.create'])
    const failed = rows(page).and(page.locator('[data-result="failed"]'))
    await expect.poll(() => failed.textContent()).toContain(auditTexts.audit.actions.device_time_sync)
    expect(await rows(page).nth(1).textContent()).toContain(`Yusupova Malika (${employeeNo})`)

    await rows(page).nth(2).getByRole('button', { name: auditTexts.audit.details }).click()
    const changes = rows(page).nth(2).getByTestId('audit-changes')
    await expect.poll(() => changes.textContent()).toContain('Asosiy kirish')
    expect(await changes.textContent()).not.toContain(terminal.password)
  })

  it('filters by action and finds a student by number', async () => {
    await page.getByTestId('audit-action').selectOption('registration.create')
    await expect.poll(() => actionsShown(page)).toEqual(['registration.create'])

    await page.getByTestId('audit-action').selectOption('')
    await expect.poll(() => actionsShown(page)).toHaveLength(3)
    await page.getByTestId('audit-search').fill(employeeNo)
    await expect.poll(() => actionsShown(page)).toEqual(['registration.create'])
    await page.getByTestId('audit-search').fill('')
    await expect.poll(() => actionsShown(page)).toHaveLength(3)
  })

  it("downloads the entries as a CSV file in the screen's words, on the school's clock", async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('audit-export').click(),
    ])
    expect(download.suggestedFilename()).toMatch(/^oʻzgarishlar-tarixi-\d{4}-\d{2}-\d{2}\.csv$/)
    const text = readFileSync(await download.path(), 'utf8')
    const { audit } = auditTexts
    const header = [audit.csv.number, audit.columns.time, audit.columns.actor, audit.csv.role]
    expect(text.startsWith(`\uFEFF${header.join(',')},${audit.columns.action},`)).toBe(true)
    const trail = (await api(proxy, 'GET', '/api/audit?action=registration.create')).body
    const registered = (trail.data as Array<{ at: string }>)[0]!
    // the proxy runs in the default SR_TIMEZONE: the file shows that wall clock, not ISO or UTC
    const local = spreadsheetTimeText(new Date(registered.at), 'Asia/Tashkent')
    expect(text).toContain(
      `,${local},${audit.system},${audit.roles.admin},${audit.actions.registration_create},Yusupova Malika (${employeeNo}),${audit.results.ok},`,
    )
    expect(text).toContain(`,${audit.actions.device_time_sync},Asosiy kirish,${audit.results.failed},`)
    expect(text).not.toMatch(/registration\.create|device\.time\.sync|\d{4}-\d\d-\d\dT\d\d/)
  })

  it('retries the failed clock set once confirmed, now that the terminal answers', async () => {
    const failed = rows(page).and(page.locator('[data-result="failed"]'))
    const failedId = (await failed.getAttribute('data-id')) ?? ''
    const target = (await failed.getByTestId('audit-target').textContent())?.replace(/^\s*—\s*/, '').trim()
    await failed.getByTestId('audit-retry').click()
    // one confirmation in the app, naming the action and its target
    const confirm = page.getByTestId('confirm')
    expect(await confirm.textContent()).toContain(target ?? '')
    // its yes says what it does: a retry, not a removal
    expect(await page.getByTestId('confirm-yes').textContent()).toContain(auditTexts.audit.retryYes)
    await page.getByTestId('confirm-yes').click()
    await expect
      .poll(() => page.getByTestId('audit-retry-outcome').textContent())
      .toBe(auditTexts.audit.retried)
    await expect
      .poll(() => actionsShown(page))
      .toEqual(['device.time.sync', 'device.time.sync', 'registration.create', 'device.create'])
    expect(await rows(page).first().getAttribute('data-result')).toBe('ok')
    expect(await rows(page).first().textContent()).toContain(
      auditTexts.audit.retryOf.replace('{id}', failedId),
    )
    expect(await page.getByTestId('audit-retry').count()).toBe(0)
  })

  it('says on the second tab that no school server is set up', async () => {
    await page.getByTestId('audit-tab-server').click()
    await expect
      .poll(() => page.getByTestId('server-logs-unavailable').textContent())
      .toBe(auditTexts.audit.server.notConfigured)
  })
})
