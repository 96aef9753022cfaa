import { describe, expect, it } from 'vitest'
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
})
