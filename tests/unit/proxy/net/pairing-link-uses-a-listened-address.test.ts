import { describe, expect, it } from 'vitest'
import { lanOrigin } from '../../../../proxy/net/origin'

const LAN = () => ['192.168.1.10', 'fe80::1']

describe('the address in a pairing link and its QR', () => {
  it('swaps the loopback the admin used for the LAN address when the proxy listens on every address', () => {
    expect(lanOrigin('https://127.0.0.1:8443/api/pairing-codes', '0.0.0.0', LAN)).toBe(
      'https://192.168.1.10:8443',
    )
    expect(lanOrigin('https://localhost:8443/api/pairing-codes', '::', LAN)).toBe('https://192.168.1.10:8443')
  })

  it('keeps the loopback address when the proxy listens only there (a LAN address would refuse)', () => {
    expect(lanOrigin('http://127.0.0.1:8443/api/pairing-codes', '127.0.0.1', LAN)).toBe(
      'http://127.0.0.1:8443',
    )
  })

  it('keeps the address a LAN screen used', () => {
    expect(lanOrigin('https://192.168.1.10:8443/api/pairing-codes', '0.0.0.0', LAN)).toBe(
      'https://192.168.1.10:8443',
    )
  })
})
