import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { freePort, launchProxy } from '../../helpers/proxy-process'

/** Every start-up failure is exactly one line on stderr and exit code 1: no stack trace. */
async function failure(options: Parameters<typeof launchProxy>[0]): Promise<string> {
  const launched = await launchProxy(options)
  expect(await launched.exited).toBe(1)
  const lines = launched.output().trim().split('\n')
  expect(lines, launched.output()).toHaveLength(1)
  expect(launched.output()).not.toMatch(/\n\s+at /)
  return lines[0] as string
}

describe('start-up failures', () => {
  const blockers: Server[] = []
  afterAll(() => blockers.forEach((server) => server.close()))

  it('a port in use', async () => {
    const port = await freePort()
    const blocker = createServer()
    blockers.push(blocker)
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve))
    const line = await failure({ env: { SR_PORT: String(port) } })
    expect(line).toBe(
      `Port ${port} (SR_PORT) is already in use on 127.0.0.1; stop the other program or choose another port`,
    )
  })

  it('the trust-page port in use', async () => {
    const port = await freePort()
    const blocker = createServer()
    blockers.push(blocker)
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve))
    expect(await failure({ env: { SR_HTTP_PORT: String(port) } })).toContain(`Port ${port} (SR_HTTP_PORT)`)
  })

  it('a bad environment variable', async () => {
    expect(await failure({ env: { SR_PORT: 'eighty' } })).toBe(
      'Configuration error: SR_PORT must be a whole number from 1 to 65535 (got "eighty")',
    )
    expect(await failure({ env: { SR_DEVICE_NETS: '10.0.0.0/33' } })).toMatch(
      /^Configuration error: SR_DEVICE_NETS /,
    )
  })

  it('a corrupt database file, which is left exactly as it was', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sr-corrupt-'))
    const file = join(dataDir, 'proxy.sqlite')
    writeFileSync(
      file,
      Buffer.concat([Buffer.from('this is not an SQLite database\n'), Buffer.alloc(8192, 7)]),
    )
    const digest = () => createHash('sha256').update(readFileSync(file)).digest('hex')
    const before = digest()
    const line = await failure({ dataDir })
    expect(line).toMatch(
      /^Cannot open the database .*proxy\.sqlite: file is not a database\. It was left untouched/,
    )
    expect(digest()).toBe(before)
    expect(readdirSync(dataDir)).toEqual(['proxy.sqlite'])
  })

  it('a data directory that cannot be made', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'sr-notdir-'))
    writeFileSync(join(parent, 'file'), 'x')
    const line = await failure({ dataDir: join(parent, 'file', 'data') })
    expect(line).toMatch(/^Cannot use the data directory .*file\/data \(SR_DATA_DIR\): ENOTDIR/)
  })
})
