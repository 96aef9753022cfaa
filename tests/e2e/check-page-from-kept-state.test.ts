import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page, Route } from 'playwright-core'
import check from '../../web/i18n/messages/check/uz'
import type { RunningProxy } from '../helpers/proxy-process'
import { addDevice, call, proxyFor } from '../integration/check/rig'
import { startTerminal, type Terminal } from '../sim/terminal'
import { hasHorizontalScroll, launchChromium, phonePage } from './browser'

const text = check.check

// Four terminals on a phone: two fine (one of them slow to answer), one switched off, one with a wrong clock.
describe('the Check page on a phone draws from the kept state, then fills each card as it answers', () => {
  let proxy: RunningProxy
  const terminals: Terminal[] = []
  let slow: Terminal
  let browser: Browser
  let page: Page
  const id: Record<string, string> = {}

  beforeAll(async () => {
    proxy = await proxyFor(null)
    const fine = await startTerminal({ model: 'ds-k1t341am', seedUsers: 4 })
    slow = await startTerminal({ model: 'ds-k1t341am', seedUsers: 6 })
    const off = await startTerminal({ model: 'ds-k1t341am' })
    const drifting = await startTerminal({ model: 'ds-k1t341am', clockDriftSec: -400 })
    terminals.push(fine, slow, off, drifting)
    id.fine = (await addDevice(proxy, fine, 'Asosiy kirish')).id
    id.slow = (await addDevice(proxy, slow, 'Bufet')).id
    id.off = (await addDevice(proxy, off, 'Chiqish eshigi')).id
    id.drifting = (await addDevice(proxy, drifting, 'Darvoza')).id
    await off.setOffline(true)
    browser = await launchChromium()
    page = await phonePage(browser, 45_000)
    const issued = await call<{ code: string }>(proxy, 'POST', '/api/pairing-codes', { role: 'operator' })
    await page.goto(`${proxy.url}/?pair=${issued.body.code}`)
    await page.getByTestId('paired-state').waitFor()
  }, 90_000)

  afterAll(async () => {
    await browser?.close()
    await proxy?.stop()
    await Promise.all(terminals.map((t) => t.close()))
  })

  const cardIds = () =>
    page.$$eval('[data-testid^="check-card-"]', (cards) =>
      cards.map((card) => card.getAttribute('data-testid')?.replace('check-card-', '')),
    )
  const freshness = () =>
    page.$$eval('[data-testid^="check-card-"]', (cards) =>
      cards.map((card) => card.getAttribute('data-fresh')),
    )

  it('puts the problem terminals first, names them in the summary, and jumps to one on a tap', async () => {
    await page.getByTestId('nav-check').tap()
    await expect.poll(freshness, { timeout: 60_000 }).toEqual(['true', 'true', 'true', 'true'])
    expect(await cardIds()).toEqual([id.off, id.drifting, id.fine, id.slow])
    const problems = page.getByTestId('check-problems')
    expect(await problems.textContent()).toContain('Chiqish eshigi')
    expect(await problems.textContent()).toContain('Darvoza')
    expect(await problems.textContent()).not.toContain('Bufet')

    await page.getByRole('link', { name: 'Darvoza' }).tap()
    const target = page.getByTestId(`check-card-${id.drifting}`)
    await expect
      .poll(async () => {
        const box = await target.boundingBox()
        return box !== null && box.y >= 0 && box.y < 300
      })
      .toBe(true)
    expect(await hasHorizontalScroll(page)).toBe(false)
  }, 90_000)

  it('opens again with every card drawn from the kept state, with its age, before any answer', async () => {
    await page.getByTestId('nav-queue').tap()
    // hold the proxy's answers: whatever is on screen now comes from the phone alone
    const held: Route[] = []
    await page.route('**/api/devices/status/stream*', (route) => void held.push(route))
    await page.getByTestId('nav-check').tap()
    await page.getByTestId(`check-card-${id.slow}`).waitFor()
    expect(await cardIds()).toEqual([id.off, id.drifting, id.fine, id.slow])
    expect(await freshness()).toEqual(['false', 'false', 'false', 'false'])
    expect(await page.getByTestId('check-kept-age').textContent()).toMatch(/Oxirgi maʼlum holat/)
    const slowCard = page.getByTestId(`check-card-${id.slow}`)
    expect(await slowCard.textContent()).toContain('6 / ')
    expect(
      await page.getByTestId(`check-card-${id.off}`).getByTestId('check-online').textContent(),
    ).toContain(text.offline)

    await expect.poll(() => held.length).toBeGreaterThan(0)
    for (const route of held) await route.continue()
    await page.unroute('**/api/devices/status/stream*')
    await expect.poll(freshness, { timeout: 60_000 }).toEqual(['true', 'true', 'true', 'true'])
    expect(await page.getByTestId('check-kept-age').count()).toBe(0)
  }, 90_000)

  it('on refresh, a quick terminal’s card is filled in while a slow one is still being asked', async () => {
    slow.setLatency('default', 2_000)
    await page.getByTestId('check-refresh').tap()
    const fine = page.getByTestId(`check-card-${id.fine}`)
    const slowCard = page.getByTestId(`check-card-${id.slow}`)
    await expect.poll(() => fine.getAttribute('data-fresh')).toBe('true')
    expect(await slowCard.getAttribute('data-fresh')).toBe('false')
    expect(await slowCard.getByTestId('check-pending').textContent()).toContain(text.refreshing)
    // the slow one is let finish, whole
    await expect.poll(() => slowCard.getAttribute('data-fresh'), { timeout: 60_000 }).toBe('true')
    expect(await slowCard.getByTestId('check-online').textContent()).toContain(text.online)
    expect(await slowCard.textContent()).toContain('6 / ')
    expect(await slowCard.textContent()).not.toContain(text.partial)
  }, 90_000)
})
