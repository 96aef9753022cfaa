import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { REPO_ROOT } from '../helpers/proxy-process'

// A tablet on a school LAN, or a phone on a weak signal, waits for every byte of the first screen.
const BUDGET_GZIP_BYTES = 110_000

/** The scripts index.html loads before the first paint: its entry module and the chunks it preloads. */
function initialScripts(html: string): string[] {
  const entry = [...html.matchAll(/<script[^>]+type="module"[^>]+src="([^"]+)"/g)].map((m) => m[1] as string)
  const preloads = [...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g)].map(
    (m) => m[1] as string,
  )
  return [...entry, ...preloads]
}

describe('the first screen’s JavaScript (from the vite build in dist/)', () => {
  it(`stays under ${BUDGET_GZIP_BYTES / 1000} kB gzipped, with the other pages split off`, () => {
    const dist = join(REPO_ROOT, 'dist')
    const html = readFileSync(join(dist, 'index.html'), 'utf8')
    const scripts = initialScripts(html)
    expect(scripts.length).toBeGreaterThan(0)

    const sizes = scripts.map((src) => gzipSync(readFileSync(join(dist, src)), { level: 9 }).length)
    const total = sizes.reduce((sum, size) => sum + size, 0)
    console.info(`initial JS: ${(total / 1000).toFixed(1)} kB gzip in ${scripts.length} files`)
    expect(total).toBeLessThanOrEqual(BUDGET_GZIP_BYTES)

    // the lazily loaded pages are not among them
    for (const page of ['SettingsPage', 'DevicesPage', 'QueuePage', 'StudentsPage', 'CheckPage']) {
      expect(
        scripts.some((src) => src.includes(page)),
        page,
      ).toBe(false)
    }
  })
})
