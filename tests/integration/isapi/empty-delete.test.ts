import { request } from 'undici'
import { describe, expect, it } from 'vitest'
import { clientFor, failure, terminal } from './helpers'

describe('a Delete with an empty employee list is refused before any packet', () => {
  it('the simulator reproduces the danger: an empty EmployeeNoList deletes everyone', async () => {
    const sim = await terminal({ seedUsers: 5, auth: 'none' })
    const res = await request(`${sim.url}/ISAPI/AccessControl/UserInfo/Delete?format=json`, {
      method: 'PUT',
      body: JSON.stringify({ UserInfoDelCond: { EmployeeNoList: [] } }),
    })
    expect(res.statusCode).toBe(200)
    await res.body.dump()
    expect(sim.state.users.size).toBe(0)
  })

  it('the client refuses an empty, missing or malformed list without touching the device', async () => {
    const sim = await terminal({ seedUsers: 5 })
    const client = clientFor(sim)
    for (const list of [[], undefined, null, [''], ['  ']] as unknown as string[][]) {
      const error = await failure(client.deleteUsers(list))
      expect(error.code).toBe('validation_failed')
      expect(error.extra.field).toBe('employeeNos')
    }
    expect((await failure(client.deleteFaces([]))).code).toBe('validation_failed')
    expect(sim.stats.requests).toBe(0)
    expect(sim.state.users.size).toBe(5)
  })

  it('a real list deletes exactly those people, in batches of 30', async () => {
    const sim = await terminal({ seedUsers: 70 })
    const client = clientFor(sim)
    const ids = [...sim.state.users.keys()].slice(0, 65)
    await client.deleteUsers(ids)
    expect(sim.state.users.size).toBe(5)
    const accepted = sim.stats.log.filter((e) => e.op === 'userDelete' && e.status === 200)
    expect(accepted).toHaveLength(3)
  })
})
