import { X509Certificate } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createLogger } from '../../../../proxy/log'
import { certNamesOf } from '../../../../proxy/tls/leaf'
import { prepareTls } from '../../../../proxy/tls/material'
import { watchServerCert } from '../../../../proxy/tls/renewal'

describe('renewing the server certificate while running', () => {
  it('swaps in a certificate for the new address under the same CA, without a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sr-renew-'))
    const before = { ips: ['0:0:0:0:0:0:0:1', '127.0.0.1', '192.168.1.20'], dns: ['localhost'] }
    const after = { ips: ['0:0:0:0:0:0:0:1', '127.0.0.1', '192.168.7.3'], dns: ['localhost'] }
    const first = await prepareTls({ mode: 'auto' }, dir, () => before)
    let names = before
    const swapped: { cert: string }[] = []
    const server = { setSecureContext: (options: { cert: string }) => void swapped.push(options) }
    const stop = watchServerCert(
      server as never,
      { mode: 'auto' },
      dir,
      createLogger('silent'),
      20,
      () => names,
    )
    try {
      await new Promise((resolve) => setTimeout(resolve, 100))
      expect(swapped).toEqual([])
      names = after
      await expect.poll(() => swapped.length, { timeout: 20_000 }).toBeGreaterThan(0)
      await new Promise((resolve) => setTimeout(resolve, 100))
      expect(swapped).toHaveLength(1)
    } finally {
      stop()
    }
    const renewed = new X509Certificate(swapped[0]!.cert)
    expect(certNamesOf(renewed).ips).toContain('192.168.7.3')
    expect(renewed.verify(new X509Certificate(first!.ca!.pem).publicKey)).toBe(true)
  }, 30_000)
})
