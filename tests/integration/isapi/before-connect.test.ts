import { describe, expect, it } from 'vitest'
import { AllowedHosts } from '../../../proxy/net/allowed-hosts'
import { AppError } from '../../../shared/errors'
import { clientFor, failure, terminal } from './helpers'

describe('the address is re-checked before every operation', () => {
  it('a refused address sends nothing, and the refusal reaches the caller unchanged', async () => {
    const sim = await terminal()
    const seen: string[] = []
    let allowed = true
    const client = clientFor(
      sim,
      {},
      {
        beforeConnect: async (host) => {
          seen.push(host)
          if (!allowed)
            throw new AppError('host_not_allowed', `${host} is outside the allowed networks`, {
              field: 'host',
            })
        },
      },
    )
    await client.deviceInfo()
    allowed = false
    const requests = sim.stats.requests
    expect((await failure(client.countUsers())).code).toBe('host_not_allowed')
    expect(sim.stats.requests).toBe(requests)
    expect(seen).toEqual(['127.0.0.1', '127.0.0.1'])
  })

  it('a name that resolves elsewhere when the socket opens (rebinding) is refused by the socket’s own lookup', async () => {
    const sim = await terminal()
    // the name answered a LAN address when the device was saved; when the socket opens it answers 127.0.0.1
    const answers = [['10.0.0.5'], ['127.0.0.1']]
    const hosts = new AllowedHosts(['10.0.0.0/8'], async () => answers.shift() ?? ['127.0.0.1'])
    await hosts.check('localhost')
    const client = clientFor(
      sim,
      { host: 'localhost' },
      { beforeConnect: (host) => hosts.checkBeforeConnect(host), lookup: hosts.lookup },
    )
    const refused = await failure(client.deviceInfo())
    expect(refused.code).toBe('host_not_allowed')
    expect(refused.message).toMatch(/localhost \((127\.0\.0\.1|::1)/)
    expect(sim.stats.requests).toBe(0)
  })

  it('connects through the checked lookup when the name resolves inside the allowed networks', async () => {
    const sim = await terminal()
    const hosts = new AllowedHosts(['127.0.0.0/8', '::1/128'])
    const client = clientFor(
      sim,
      { host: 'localhost' },
      { beforeConnect: (host) => hosts.checkBeforeConnect(host), lookup: hosts.lookup },
    )
    expect((await client.deviceInfo()).model).toBeTruthy()
  })
})
