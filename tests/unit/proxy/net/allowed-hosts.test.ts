import { describe, expect, it } from 'vitest'
import { AllowedHosts } from '../../../../proxy/net/allowed-hosts'
import { AppError } from '../../../../shared/errors'

const PRIVATE = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7']

async function refusal(guard: AllowedHosts, host: string): Promise<AppError | undefined> {
  try {
    await guard.check(host)
    return undefined
  } catch (error) {
    return error as AppError
  }
}

describe('allowed device networks', () => {
  const guard = new AllowedHosts(PRIVATE, async (host) => {
    const table: Record<string, string[]> = {
      'gate.school.lan': ['192.168.1.20'],
      'evil.example': ['93.184.216.34'],
      'split.example': ['192.168.1.21', '8.8.8.8'],
      'meta.example': ['169.254.169.254'],
    }
    const found = table[host]
    if (!found) throw new Error('ENOTFOUND')
    return found
  })

  it('allows IP literals inside the private ranges', async () => {
    for (const host of ['10.1.2.3', '172.20.0.5', '192.168.0.64', 'fd00::1', '[fd00::2]']) {
      expect(await refusal(guard, host)).toBeUndefined()
    }
  })

  it('refuses public, loopback, link-local and metadata addresses with host_not_allowed', async () => {
    for (const host of ['8.8.8.8', '127.0.0.1', '169.254.169.254', '::1', '172.32.0.1', '0.0.0.0']) {
      const error = await refusal(guard, host)
      expect(error?.code, host).toBe('host_not_allowed')
      expect(error?.extra.field).toBe('host')
    }
  })

  it('refuses IPv4-mapped IPv6 forms of a public address', async () => {
    expect((await refusal(guard, '::ffff:8.8.8.8'))?.code).toBe('host_not_allowed')
    expect(await refusal(guard, '::ffff:192.168.1.1')).toBeUndefined()
  })

  it('checks every address a hostname resolves to', async () => {
    expect(await refusal(guard, 'gate.school.lan')).toBeUndefined()
    expect((await refusal(guard, 'evil.example'))?.code).toBe('host_not_allowed')
    expect((await refusal(guard, 'split.example'))?.message).toContain('8.8.8.8')
    expect((await refusal(guard, 'meta.example'))?.code).toBe('host_not_allowed')
  })

  it('refuses a name that does not resolve', async () => {
    expect((await refusal(guard, 'nowhere.invalid'))?.code).toBe('host_not_allowed')
  })

  it('allows loopback only when configured, as the tests and the demo do', async () => {
    const local = new AllowedHosts(['127.0.0.0/8', '::1/128'])
    expect(await refusal(local, '127.0.0.1')).toBeUndefined()
    expect(await refusal(local, 'localhost')).toBeUndefined()
  })
})
