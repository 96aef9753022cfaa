import { describe, expect, it } from 'vitest'
import { clientFor, jpeg, student, terminal } from './helpers'

describe('request bodies are replayed byte for byte after a 401', () => {
  it('a face upload refused on a spent nonce is sent again intact', async () => {
    const sim = await terminal({ nonceUses: 1, staleMode: 'stale-flag' })
    const client = clientFor(sim)
    await client.addUser(student('42'))
    const photo = await jpeg()
    sim.resetStats()
    await client.addFace('42', photo)
    const uploads = sim.stats.log.filter((e) => e.op === 'faceRecord')
    expect(uploads.map((e) => e.status)).toEqual([401, 200])
    expect(sim.state.faces.get('42')?.jpeg.equals(photo)).toBe(true)
  })

  it('a big upload learns the challenge with a cheap GET instead of sending the picture without credentials', async () => {
    const sim = await terminal()
    const client = clientFor(sim)
    await client.addUser(student('43'))
    sim.resetStats()
    await client.deviceInfo()
    await client.addFace('43', await jpeg())
    const log = sim.stats.log.map((e) => `${e.op}:${e.status}`)
    expect(log).toEqual(['deviceInfo:200', 'deviceInfo:401', 'faceRecord:200'])
  })
})
