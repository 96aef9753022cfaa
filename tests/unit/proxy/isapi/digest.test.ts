import { describe, expect, it } from 'vitest'
import {
  basicAuthorization,
  chooseAuth,
  digestAuthorization,
  digestResponse,
  parseChallenges,
  type DigestChallenge,
} from '../../../../proxy/isapi/digest'

const mufasa = { username: 'Mufasa', password: 'Circle Of Life' }

function challenge(over: Partial<DigestChallenge>): DigestChallenge {
  return { realm: 'r', nonce: 'n', algorithm: 'MD5', qop: 'auth', stale: false, userhash: false, ...over }
}

describe('digest response math', () => {
  it('matches the RFC 2617 §3.5 example (MD5, qop=auth)', () => {
    const ch = challenge({ realm: 'testrealm@host.com', nonce: 'dcd98b7102dd2f0e8b11d0f600bfb0c093' })
    const response = digestResponse(ch, mufasa, {
      method: 'GET',
      uri: '/dir/index.html',
      nc: 1,
      cnonce: '0a4f113b',
    })
    expect(response).toBe('6629fae49393a05397450978507c4ef1')
  })

  it('matches the RFC 7616 §3.9.1 examples for MD5 and SHA-256', () => {
    const base = {
      realm: 'http-auth@example.org',
      nonce: '7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v',
      opaque: 'FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS',
    }
    const creds = { username: 'Mufasa', password: 'Circle of Life' }
    const input = {
      method: 'GET',
      uri: '/dir/index.html',
      nc: 1,
      cnonce: 'f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ',
    }
    expect(digestResponse(challenge({ ...base, algorithm: 'MD5' }), creds, input)).toBe(
      '8ca523f5e9506fed4657c9700eebdbec',
    )
    expect(digestResponse(challenge({ ...base, algorithm: 'SHA-256' }), creds, input)).toBe(
      '753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1',
    )
  })

  it('computes RFC 2069 (no qop) without nc or cnonce, as in the RFC 2069 example (with its erratum)', () => {
    const ch = challenge({
      realm: 'testrealm@host.com',
      nonce: 'dcd98b7102dd2f0e8b11d0f600bfb0c093',
      qop: undefined,
    })
    const creds = { username: 'Mufasa', password: 'CircleOfLife' }
    const input = { method: 'GET', uri: '/dir/index.html', nc: 1, cnonce: 'ignored' }
    expect(digestResponse(ch, creds, input)).toBe('1949323746fe6a43ef61f9606e7febea')
    const header = digestAuthorization(ch, creds, input)
    expect(header).not.toMatch(/qop=|nc=|cnonce=/)
    expect(header).toContain('response="1949323746fe6a43ef61f9606e7febea"')
  })

  it('computes MD5-sess the way curl 7.88 does (header captured from curl --digest)', () => {
    const ch = challenge({
      realm: 'DS-6E392E44',
      nonce: 'NjY1NzE5OGY6YjE3ZjM2ZWM=',
      algorithm: 'MD5-sess',
      opaque: '',
    })
    const response = digestResponse(
      ch,
      { username: 'admin', password: 'Admin12345' },
      {
        method: 'GET',
        uri: '/ISAPI/System/deviceInfo?format=json',
        nc: 1,
        cnonce: 'Nzg3NzdhM2YwNjVhZWE0MzhlOWU3Mjc4OGI3ZmVjNzQ=',
      },
    )
    expect(response).toBe('d056b0f15dc9241e603d592a799093ac')
  })

  it('hashes the body for qop=auth-int, so a different body gives a different response', () => {
    const ch = challenge({ qop: 'auth-int' })
    const input = { method: 'PUT', uri: '/x', nc: 1, cnonce: 'c' }
    const a = digestResponse(ch, mufasa, { ...input, body: Buffer.from('{"a":1}') })
    const b = digestResponse(ch, mufasa, { ...input, body: Buffer.from('{"a":2}') })
    expect(a).not.toBe(b)
  })

  it('writes nc as 8 hex digits, echoes an empty opaque and signs the query string', () => {
    const header = digestAuthorization(challenge({ opaque: '' }), mufasa, {
      method: 'GET',
      uri: '/ISAPI/AccessControl/UserInfo/Count?format=json',
      nc: 26,
      cnonce: 'abc',
    })
    expect(header).toMatch(/^Digest /)
    expect(header).toContain('nc=0000001a')
    expect(header).toContain('opaque=""')
    expect(header).toContain('uri="/ISAPI/AccessControl/UserInfo/Count?format=json"')
    expect(header).toContain('qop=auth,')
    expect(header).not.toContain('qop="auth"')
  })

  it('escapes quotes in the user name and sends a hashed name when the server asks for userhash', () => {
    const quoted = digestAuthorization(
      challenge({}),
      { username: 'a"b', password: 'p' },
      {
        method: 'GET',
        uri: '/',
        nc: 1,
        cnonce: 'c',
      },
    )
    expect(quoted).toContain('username="a\\"b"')
    const hashed = digestAuthorization(challenge({ userhash: true }), mufasa, {
      method: 'GET',
      uri: '/',
      nc: 1,
      cnonce: 'c',
    })
    expect(hashed).toContain('userhash=true')
    expect(hashed).not.toContain('Mufasa')
  })

  it('encodes Basic in UTF-8', () => {
    expect(basicAuthorization({ username: 'admin', password: 'pässwörd' })).toBe(
      `Basic ${Buffer.from('admin:pässwörd').toString('base64')}`,
    )
  })
})

describe('choosing a challenge', () => {
  it('prefers the strongest Digest algorithm on offer', () => {
    const offer = chooseAuth(
      parseChallenges([
        'Digest realm="r", nonce="a", algorithm=MD5, qop="auth"',
        'Digest realm="r", nonce="b", algorithm=SHA-256, qop="auth"',
      ]),
    )
    expect(offer.kind === 'digest' && offer.challenge.algorithm).toBe('SHA-256')
  })

  it('never picks Basic when Digest is also offered, in either order', () => {
    for (const headers of [
      ['Basic realm="x"', 'Digest realm="x", nonce="n", qop="auth"'],
      ['Digest realm="x", nonce="n", qop="auth", Basic realm="x"'],
    ]) {
      expect(chooseAuth(parseChallenges(headers)).kind).toBe('digest')
    }
  })

  it('picks Basic only when nothing but Basic is offered', () => {
    expect(chooseAuth(parseChallenges('Basic realm="IP Camera(76475)"'))).toEqual({
      kind: 'basic',
      realm: 'IP Camera(76475)',
    })
  })

  it('does not fall back to Basic when the Digest challenge cannot be answered', () => {
    const offer = chooseAuth(
      parseChallenges(['Digest realm="r", nonce="n", algorithm=SHA3-999', 'Basic realm="r"']),
    )
    expect(offer.kind).toBe('unsupported')
  })

  it('prefers qop=auth from a list and takes auth-int only when it is all there is', () => {
    const both = chooseAuth(parseChallenges('Digest realm="r", nonce="n", qop="auth-int,auth"'))
    expect(both.kind === 'digest' && both.challenge.qop).toBe('auth')
    const intOnly = chooseAuth(parseChallenges('Digest realm="r", nonce="n", qop="auth-int"'))
    expect(intOnly.kind === 'digest' && intOnly.challenge.qop).toBe('auth-int')
  })

  it('reads stale in any case', () => {
    const offer = chooseAuth(parseChallenges('Digest realm="r", nonce="n", stale=TRUE'))
    expect(offer.kind === 'digest' && offer.challenge.stale).toBe(true)
  })
})
