import { existsSync } from 'node:fs'
import { setTimeout as sleep } from 'node:timers/promises'
import type { Page } from 'playwright-core'
import { DeviceStatusReport } from '../../shared/api/status'
import { launchChromium, phonePage } from '../e2e/browser'
import { REPO_ROOT } from '../helpers/proxy-process'
import { addDevice, call, proxyFor } from '../integration/check/rig'
import { startTerminal, type Terminal } from '../sim/terminal'
import type { BenchRow } from './row'

const QUICK = 4
/** A terminal's read answers on a school LAN, and on the slow one. */
const READ_MS = 40
const SLOW_READ_MS = 2_500
/** the proxy answers a status from its cache this long; the measured visit must find it cold */
const PROXY_CACHE_MS = 10_000

/**
 * The Check page on a phone in Chromium, as a person opens it a second time: six terminals, one whose
 * every read takes 2.5 s and one that never answers. First full paint: every card drawn from the state
 * kept on the phone, timed from the navigation's start. Complete: every answering terminal's card filled
 * from this visit's answers, against the slowest answering terminal checked alone in the same run.
 */
export async function bench(): Promise<BenchRow[]> {
  if (!existsSync(`${REPO_ROOT}dist/index.html`)) throw new Error('the app is not built: npm run build first')
  const quick = await Promise.all(
    Array.from({ length: QUICK }, () => startTerminal({ seedUsers: 20, latency: { default: READ_MS } })),
  )
  const slow = await startTerminal({ seedUsers: 20, latency: { default: SLOW_READ_MS } })
  const silent = await startTerminal()
  const terminals: Terminal[] = [...quick, slow, silent]
  const proxy = await proxyFor(null)
  const browser = await launchChromium()
  try {
    const answering: string[] = []
    for (const [i, t] of quick.entries()) answering.push((await addDevice(proxy, t, `Eshik ${i + 1}`)).id)
    const slowId = (await addDevice(proxy, slow, 'Sekin eshik')).id
    answering.push(slowId)
    const silentId = (await addDevice(proxy, silent, 'Javobsiz eshik')).id
    await silent.setOffline('blackhole')

    const page = await phonePage(browser, 120_000)
    const issued = await call<{ code: string }>(proxy, 'POST', '/api/pairing-codes', { role: 'operator' })
    await page.goto(`${proxy.url}/?pair=${issued.body.code}`)
    await page.getByTestId('paired-state').waitFor()

    // the first visit leaves its state on the phone
    await page.goto(`${proxy.url}/check`)
    await allFresh(page, [...answering, silentId])
    await page.getByTestId('nav-queue').tap()
    await sleep(PROXY_CACHE_MS + 1_000)

    await page.goto(`${proxy.url}/check`)
    const firstPaint = await whenTrue(page, 'drawn', [...answering, silentId])
    const complete = await whenTrue(page, 'fresh', answering)
    await allFresh(page, [silentId])

    const started = performance.now()
    const alone = await call(proxy, 'GET', `/api/devices/${slowId}/status?refresh=1`)
    const slowAlone = performance.now() - started
    if (DeviceStatusReport.parse(alone.body).partial) throw new Error('the slow terminal was cut off')

    return [
      {
        name: 'check: first full paint from the kept state',
        value: Math.round(firstPaint),
        unit: 'ms',
        target: '≤ 1000 ms after navigation (Chromium, 390×844)',
      },
      {
        name: 'check: complete, every answering terminal',
        value: Math.round(complete),
        unit: 'ms',
        baseline: {
          name: `the slowest answering terminal alone (reads ${SLOW_READ_MS} ms)`,
          value: Math.round(slowAlone),
        },
        ratio: complete / slowAlone,
        target: '≤ 1.2×',
      },
    ]
  } finally {
    await browser.close()
    await proxy.stop()
    await Promise.all(terminals.map((t) => t.close()))
  }
}

/**
 * The page's own clock (ms since the navigation started) at the first frame where every card in `ids` is
 * drawn, or drawn with this visit's answer (`fresh`).
 */
async function whenTrue(page: Page, want: 'drawn' | 'fresh', ids: string[]): Promise<number> {
  const handle = await page.waitForFunction(
    ({ want, ids }) => {
      const ready = ids.every((id) => {
        const card = document.querySelector(`[data-testid="check-card-${id}"]`)
        return card !== null && (want === 'drawn' || card.getAttribute('data-fresh') === 'true')
      })
      return ready ? performance.now() : false
    },
    { want, ids },
    { polling: 'raf', timeout: 120_000 },
  )
  return (await handle.jsonValue()) as number
}

async function allFresh(page: Page, ids: string[]): Promise<void> {
  await whenTrue(page, 'fresh', ids)
}
