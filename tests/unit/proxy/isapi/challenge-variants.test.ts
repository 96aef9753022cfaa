import { describe, expect, it } from 'vitest'
import { chooseAuth, digestResponse, parseChallenges } from '../../../../proxy/isapi/digest'
import { fixtureText } from '../../../sim/terminal/fixture-files'

/** `Name: value` lines of a captured header block. */
function headerLines(text: string, name: string): string[] {
  const prefix = `${name.toLowerCase()}:`
  return text
    .split('\n')
    .filter((line) => line.toLowerCase().startsWith(prefix))
    .map((line) => line.slice(prefix.length).trim())
}

const variants = fixtureText('auth/www-authenticate.header-variants.txt')
const [nvrDigest, nvrBasic, cameraDigest, cameraBasic] = headerLines(variants, 'WWW-Authenticate')

describe('every captured WWW-Authenticate variant', () => {
  it('newer firmware: Digest with domain, an empty opaque, a nonce with a colon, plus a Basic header', () => {
    const offer = chooseAuth(parseChallenges([nvrDigest ?? '', nvrBasic ?? '']))
    expect(offer).toEqual({
      kind: 'digest',
      challenge: {
        realm: 'DVRNVRDVS',
        nonce: '16c2671a88d919b48d011bfe56765a0e:1540569274326',
        opaque: '',
        algorithm: 'MD5',
        qop: 'auth',
        stale: false,
        userhash: false,
      },
    })
    expect(parseChallenges(nvrDigest)[0]?.params.domain).toBe('::')
  })

  it('older camera firmware: qop first, hex nonce, upper-case FALSE, no algorithm, plus a Basic header', () => {
    const offer = chooseAuth(parseChallenges([cameraBasic ?? '', cameraDigest ?? '']))
    expect(offer.kind).toBe('digest')
    if (offer.kind !== 'digest') return
    expect(offer.challenge).toMatchObject({ realm: 'I21AE', algorithm: 'MD5', qop: 'auth', stale: false })
    expect(offer.challenge.opaque).toBeUndefined()
    expect(offer.challenge.nonce).toBe('4e445244524446424d5463365a445930596a5978597a453d')
  })

  it('the packet capture of an NVR 401: one Digest header, userCheck body', () => {
    const capture = fixtureText('auth/401.digest-challenge.nvr-eri-k104-p4.http')
    const offer = chooseAuth(parseChallenges(headerLines(capture, 'WWW-Authenticate')))
    expect(offer.kind === 'digest' && offer.challenge.realm).toBe('fe12f37bdXXXXXbccbbd35f1')
    expect(offer.kind === 'digest' && offer.challenge.nonce).toBe(
      '300b7e88f3d69ebfXXXXXf3e2f04218a:1685XXXXX4756',
    )
  })

  it('the DS-K1T342MWX challenge (realm DS-…, base64 nonce, lower-case stale, domain "::")', () => {
    const header =
      'Digest qop="auth", realm="DS-6E392E44", nonce="NjY1NzE5OGY6YjE3ZjM2ZWM=", stale="false", opaque="", domain="::"'
    const offer = chooseAuth(parseChallenges(header))
    expect(offer.kind === 'digest' && offer.challenge).toMatchObject({
      realm: 'DS-6E392E44',
      nonce: 'NjY1NzE5OGY6YjE3ZjM2ZWM=',
      opaque: '',
      stale: false,
    })
  })

  it('Digest and Basic joined on one line, realm with parentheses', () => {
    const header =
      'Digest qop="auth", realm="IP Camera(76475)", nonce="4e5468694e7a42694e7a4d364f4449354d7a6b354d54513d", stale="FALSE", Basic realm="IP Camera(76475)"'
    const challenges = parseChallenges(header)
    expect(challenges.map((c) => c.scheme)).toEqual(['digest', 'basic'])
    expect(challenges[1]?.params.realm).toBe('IP Camera(76475)')
    expect(chooseAuth(challenges).kind).toBe('digest')
  })

  it("Apache mod_auth_digest's header: unquoted algorithm, a nonce with = and /", () => {
    const header =
      'Digest realm="probe-realm", nonce="G/Jhqw1hBgA=ce7c9d688a46459067ff2c01ce65f2790f0aaf5b", algorithm=MD5, domain="/private/", qop="auth"'
    const offer = chooseAuth(parseChallenges(header))
    expect(offer.kind === 'digest' && offer.challenge.nonce).toBe(
      'G/Jhqw1hBgA=ce7c9d688a46459067ff2c01ce65f2790f0aaf5b',
    )
  })

  it('replays the captured Authorization: same inputs give the response the device accepted', () => {
    const [authorization] = headerLines(variants, 'Authorization')
    const sent = parseChallenges(authorization ?? '')[0]
    expect(sent?.scheme).toBe('digest')
    const p = sent?.params ?? {}
    const response = digestResponse(
      {
        realm: p.realm ?? '',
        nonce: p.nonce ?? '',
        algorithm: 'MD5',
        qop: 'auth',
        stale: false,
        userhash: false,
      },
      // the Greenbone test that captured it probes the factory password
      { username: p.username ?? '', password: '12345' },
      { method: 'GET', uri: p.uri ?? '', nc: Number.parseInt(p.nc ?? '', 16), cnonce: p.cnonce ?? '' },
    )
    expect(response).toBe(p.response)
  })

  it('survives malformed headers without throwing', () => {
    for (const header of [
      '',
      'Digest',
      ',,, ,',
      'Digest realm="unterminated',
      'Digest realm=, nonce',
      '=== Digest realm="x"',
      'Negotiate YIIBhwYGKwYBBQUCoIIBezCCAXeg==, Digest realm="r", nonce="n"',
      '\u0000\u00ff garbage "" \\',
    ]) {
      expect(() => chooseAuth(parseChallenges(header))).not.toThrow()
    }
    const negotiate = parseChallenges('Negotiate YIIBhwYGKwYBBQUCoIIBezCCAXeg==, Digest realm="r", nonce="n"')
    expect(negotiate[0]?.token68).toBe('YIIBhwYGKwYBBQUCoIIBezCCAXeg==')
    expect(chooseAuth(negotiate).kind).toBe('digest')
    expect(chooseAuth(parseChallenges('Digest realm=, nonce')).kind).toBe('unsupported')
  })
})
