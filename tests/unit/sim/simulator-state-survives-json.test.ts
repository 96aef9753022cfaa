import { describe, expect, it } from 'vitest'
import { stateFromJson, stateToJson } from '../../sim/snapshot'

describe('a simulator state written as JSON', () => {
  it('comes back with its Maps in order and its Buffers byte for byte', () => {
    const state = {
      users: new Map([
        ['2', { name: 'B', faces: [Buffer.from([0, 255, 7])] }],
        ['1', { name: 'A', faces: [] }],
      ]),
      photo: Buffer.from('jpeg bytes'),
      list: [1, 'two', null],
    }
    const back = stateFromJson<typeof state>(stateToJson(state))
    expect([...back.users.keys()]).toEqual(['2', '1'])
    expect(back.users.get('2')?.faces[0]).toEqual(Buffer.from([0, 255, 7]))
    expect(back.photo.toString()).toBe('jpeg bytes')
    expect(back.list).toEqual([1, 'two', null])
  })
})
