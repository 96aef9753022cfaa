import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createApp } from '../../../../proxy/http/app'
import { testContext } from './test-context'

function builtApp() {
  const dist = mkdtempSync(join(tmpdir(), 'sr-dist-'))
  mkdirSync(join(dist, 'assets'))
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>app</title>')
  writeFileSync(join(dist, 'sw.js'), 'self.x = 1')
  writeFileSync(join(dist, 'manifest.webmanifest'), '{"name":"Student Registrator"}')
  writeFileSync(join(dist, 'workbox-2fbc6a65.js'), '//')
  writeFileSync(join(dist, 'assets', 'index-Dl5LkHj8.js'), 'console.log(1)')
  writeFileSync(join(dist, '..', 'secret.txt'), 'outside dist')
  return createApp(testContext({ distDir: dist }))
}

describe('serving the built PWA', () => {
  const app = builtApp()

  it('serves index.html, sw.js and the manifest for revalidation on every load', async () => {
    for (const [path, type] of [
      ['/', 'text/html; charset=utf-8'],
      ['/index.html', 'text/html; charset=utf-8'],
      ['/sw.js', 'text/javascript; charset=utf-8'],
      ['/manifest.webmanifest', 'application/manifest+json'],
    ]) {
      const response = await app.request(path as string)
      expect(response.status, path).toBe(200)
      expect(response.headers.get('content-type'), path).toBe(type)
      expect(response.headers.get('cache-control'), path).toBe('no-cache')
    }
  })

  it('lets browsers keep hashed assets and workbox for good', async () => {
    for (const path of ['/assets/index-Dl5LkHj8.js', '/workbox-2fbc6a65.js']) {
      const response = await app.request(path)
      expect(response.headers.get('cache-control'), path).toBe('public, max-age=31536000, immutable')
    }
  })

  it("answers the app's own screens with index.html", async () => {
    const response = await app.request('/enroll/queue')
    expect(response.status).toBe(200)
    expect(await response.text()).toContain('<title>app</title>')
  })

  it('answers a missing file with 404, not with the app', async () => {
    expect((await app.request('/assets/gone-123.js')).status).toBe(404)
  })

  it('never serves a file outside dist/', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt']) {
      const response = await app.request(path)
      expect(await response.text(), path).not.toContain('outside dist')
    }
  })

  it('keeps /api out of the app fallback', async () => {
    const response = await app.request('/api/unknown')
    expect(response.status).toBe(401)
    expect(response.headers.get('content-type')).toContain('application/json')
  })

  it('sends a Content-Security-Policy that keeps scripts to the app itself (WebAssembly allowed, no eval)', async () => {
    const csp = (await app.request('/')).headers.get('content-security-policy') ?? ''
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'")
    expect(csp).not.toContain("'unsafe-eval'")
    expect(csp).toContain("img-src 'self' data: blob:")
    expect(csp).toContain("frame-ancestors 'none'")
  })
})

describe('a proxy without a built app', () => {
  it('says the app is not built, in the contract shape', async () => {
    const response = await createApp(testContext({ distDir: null })).request('/')
    expect(response.status).toBe(404)
    expect(await response.json()).toMatchObject({ error: { code: 'not_found' } })
  })
})
