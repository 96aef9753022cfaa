// `npm run screenshots`: the Check, Enroll and Students pages at 390 px (phone) and 800 px (tablet) in each
// language, with a school's data from the simulators, written to screenshots/ (git-ignored). Builds the app
// first when there is no build.
import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { build } from 'vite'
import { LOCALES } from '../../web/i18n'
import { launchChromium } from '../e2e/browser'
import { pairTablet } from '../e2e/enroll-rig'
import { REPO_ROOT } from '../helpers/proxy-process'
import { addDevice, proxyFor } from '../integration/check/rig'
import { startBackend } from '../sim/backend'
import { startTerminal } from '../sim/terminal'

const OUT = join(REPO_ROOT, 'screenshots')
const PAGES = [
  { name: 'check', path: '/check', ready: '[data-testid^="check-card-"][data-fresh="true"]' },
  { name: 'enroll', path: '/', ready: 'h1' },
  { name: 'students', path: '/students', ready: 'h1' },
] as const
const SIZES = [
  { name: '390', viewport: { width: 390, height: 844 }, mobile: true },
  { name: '800', viewport: { width: 800, height: 1280 }, mobile: false },
] as const

async function main(): Promise<void> {
  if (!existsSync(join(REPO_ROOT, 'dist/index.html'))) {
    process.stdout.write('Building the app…\n')
    await build({ root: REPO_ROOT, logLevel: 'warn' })
  }
  mkdirSync(OUT, { recursive: true })
  process.stdout.write('Starting the school server, two terminals and the local server…\n')
  const backend = await startBackend()
  const proxy = await proxyFor(backend)
  const gate = await startTerminal({ model: 'ds-k1t342mwx', seedUsers: 12, clockDriftSec: -95 })
  const exit = await startTerminal({ model: 'ds-k1t341am', seedUsers: 7 })
  await addDevice(proxy, gate, 'Asosiy kirish', 'in')
  await addDevice(proxy, exit, 'Chiqish eshigi', 'out')
  const browser = await launchChromium()
  try {
    for (const size of SIZES) {
      const context = await browser.newContext({
        viewport: size.viewport,
        isMobile: size.mobile,
        hasTouch: size.mobile,
        deviceScaleFactor: size.mobile ? 2 : 1,
      })
      const page = await context.newPage()
      page.setDefaultTimeout(60_000)
      await pairTablet(page, proxy)
      for (const locale of LOCALES) {
        await page.evaluate((l) => localStorage.setItem('sr.locale', l), locale)
        for (const target of PAGES) {
          await page.goto(`${proxy.url}${target.path}`)
          await page.locator(target.ready).first().waitFor()
          await page.waitForLoadState('networkidle')
          const file = join(OUT, `${target.name}-${size.name}-${locale}.png`)
          await page.screenshot({ path: file, fullPage: true })
          process.stdout.write(`wrote ${file}\n`)
        }
      }
      await context.close()
    }
  } finally {
    await browser.close()
    await proxy.stop()
    await Promise.all([gate.close(), exit.close(), backend.close()])
  }
}

await main()
