import { randomUUID } from 'node:crypto'
import { existsSync, readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { fetch } from 'undici'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Registration } from '../../../shared/api/registrations'
import { BUNDLE_DIR } from '../../../proxy/bundle.cjs'
import { REPO_ROOT, startProxy, type RunningProxy } from '../../helpers/proxy-process'
import { startBackend, type SimBackend } from '../../sim/backend'
import { startTerminal, type Terminal } from '../../sim/terminal'
import { addDevice, call, photo } from '../registration/rig'
import { backendEnv } from '../students/rig'

/** The compiled code kept in dist-proxy/, by file name. */
function keptCode(): string[] {
  const dir = join(REPO_ROOT, BUNDLE_DIR)
  return existsSync(dir) ? readdirSync(dir).filter((name) => name.endsWith('.v8cache')) : []
}

/**
 * The proxy as `npm start` runs it: one bundled CommonJS file, packages loaded by Node where the sources
 * import them (lazily for most), and the code V8 compiled at an earlier start. Every other test runs the
 * TypeScript sources, so this walks each package the bundle leaves outside it once: certificates at first
 * start, the trust page's QR code, a terminal spoken to over Digest and XML, a face normalized, a report to
 * the school server, a spreadsheet, then the same again after a restart from the kept compiled code.
 */
describe('npm start: the bundled proxy does what the sources do', { timeout: 180_000 }, () => {
  let backend: SimBackend
  let terminal: Terminal
  let proxy: RunningProxy
  let employeeNo = ''
  let classId = ''

  beforeAll(async () => {
    backend = await startBackend()
    const school = await backend.seedSchool({ classes: 1, students: 3, devices: 1 })
    classId = school.classes[0]?.id ?? ''
    terminal = await startTerminal()
    // compiled code an earlier run kept would stand in for what this start keeps
    for (const name of keptCode()) rmSync(join(REPO_ROOT, BUNDLE_DIR, name), { force: true })
    proxy = await startProxy({ build: 'bundle', env: backendEnv(backend) })
  })
  afterAll(async () => {
    await proxy?.stop()
    await Promise.all([terminal?.close(), backend?.close()])
  })

  it('makes its certificates at first start and serves the trust page with its QR code', async () => {
    expect(proxy.caPem).toContain('BEGIN CERTIFICATE')
    const page = await fetch(`${proxy.httpUrl}/`)
    expect(await page.text()).toMatch(/<svg[^>]*>/)
  })

  it('enrolls a student on a terminal and reports it to the school server', async () => {
    const device = await addDevice(proxy, terminal, 'Kirish')
    const face = (await photo()).toString('base64')
    const answer = await call<Registration>(proxy, 'POST', '/api/registrations', {
      clientId: randomUUID(),
      student: { firstName: 'Dilnoza', lastName: 'Karimova', gender: 'female', classId },
      face,
      deviceIds: [device.id],
    })
    expect(answer.status, JSON.stringify(answer.body)).toBe(201)
    expect(answer.body.devices.map((d) => d.status)).toEqual(['SUCCESS'])
    employeeNo = answer.body.employeeNo
    expect(terminal.state.faces.has(employeeNo)).toBe(true)
    await expect.poll(() => backend.state.provisionings.size).toBeGreaterThan(0)
  })

  it('exports the students as a spreadsheet', async () => {
    const response = await proxy.adminFetch('/api/students/export?format=xlsx&lang=en')
    expect(response.status).toBe(200)
    const bytes = Buffer.from(await response.arrayBuffer())
    expect(bytes.subarray(0, 2).toString()).toBe('PK')
  })

  it('keeps the code it compiled, and starts again from it with what it stored', async () => {
    await expect.poll(keptCode).not.toEqual([])
    await proxy.stop()
    proxy = await startProxy({ build: 'bundle', dataDir: proxy.dataDir, env: backendEnv(backend) })
    const sheet = await call(proxy, 'GET', `/api/registrations/${employeeNo}`)
    expect(sheet.status, JSON.stringify(sheet.body)).toBe(200)
    expect(JSON.stringify(sheet.body)).toContain('Karimova')
  })
})
