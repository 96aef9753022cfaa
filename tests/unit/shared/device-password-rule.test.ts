import { describe, expect, it } from 'vitest'
import { devicePasswordProblems } from '../../../shared/device-password'

describe('the terminal admin password rule', () => {
  it('takes 8–16 characters of two kinds or more that do not contain the user name', () => {
    expect(devicePasswordProblems('Maktab2026')).toEqual([])
    expect(devicePasswordProblems('abc12345')).toEqual([])
  })

  it('names every problem', () => {
    expect(devicePasswordProblems('Ab1')).toEqual(['length'])
    expect(devicePasswordProblems('abcdefghij')).toEqual(['kinds'])
    expect(devicePasswordProblems('Admin12345')).toEqual(['username'])
    expect(devicePasswordProblems('aaaaaaaaaaaaaaaaaaaa')).toEqual(['length', 'kinds'])
  })
})
