import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningProxy } from '../../helpers/proxy-process'
import { startBackend, type SimBackend } from '../../sim/backend'
import { startTerminal, type Terminal } from '../../sim/terminal'
import { addDevice, call, proxyFor } from '../check/rig'
import { operatorToken } from '../registration/rig'

describe('the school server’s webhook secret', () => {
  let backend: SimBackend
  let proxy: RunningProxy
  let terminal: Terminal
  let deviceId: string
  let operator: string
  let secret: string

  beforeAll(async () => {
    backend = await startBackend()
    proxy = await proxyFor(backend)
    terminal = await startTerminal({ model: 'ds-k1t341am' })
    deviceId = (await addDevice(proxy, terminal, 'Asosiy kirish', 'in')).id
    operator = await operatorToken(proxy)
    secret = backend.state.schools.get(backend.schoolId)?.webhookSecretIn as string
    expect(secret.length).toBeGreaterThan(3)
  })
  afterAll(async () => {
    await proxy?.stop()
    await Promise.all([terminal?.close(), backend?.close()])
  })

  const asOperator = async (method: string, path: string) => {
    const answer = await proxy.fetch(path, { method, headers: { authorization: `Bearer ${operator}` } })
    return { status: answer.status, text: await answer.text() }
  }

  it('reaches an admin in the URLs, and an operator only as dots, in every answer that carries it', async () => {
    expect(JSON.stringify((await call(proxy, 'GET', '/api/webhooks')).body)).toContain(`secret=${secret}`)
    const applied = await asOperator('POST', `/api/devices/${deviceId}/webhook/apply`)
    expect(applied.status).toBe(200)
    // the device now holds the real URL: the proxy wrote what it has, whoever asked
    expect(JSON.stringify(terminal.state.httpHosts)).toContain(`secret=${secret}`)
    for (const path of ['/api/webhooks', `/api/devices/${deviceId}/webhook`, '/api/devices/status']) {
      const answer = await asOperator('GET', path)
      expect(answer.status, path).toBe(200)
      expect(answer.text, path).toContain('secret=••••••')
      expect(answer.text, path).not.toContain(secret)
    }
    expect(applied.text).not.toContain(secret)
  })
})
