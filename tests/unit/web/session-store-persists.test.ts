// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { normaliseProxyUrl, SESSION_STORAGE_KEY, useSessionStore } from '../../../web/stores/session'

function freshStart() {
  setActivePinia(createPinia())
  return useSessionStore()
}

describe('session store', () => {
  beforeEach(() => localStorage.clear())

  it('is unpaired on a first start, talking to the origin the app came from', () => {
    const session = freshStart()
    expect(session.isPaired).toBe(false)
    expect(session.isAdmin).toBe(false)
    expect(session.baseUrl).toBe(location.origin)
  })

  it('keeps the pairing and the proxy address across a restart', () => {
    const first = freshStart()
    first.setPaired({ token: 'tkn', tokenId: 'id-1', role: 'admin' })
    expect(first.setProxyUrl('https://192.168.1.10:8443/some/path')).toBe(true)

    const second = freshStart()
    expect(second).toMatchObject({ token: 'tkn', tokenId: 'id-1', role: 'admin', isAdmin: true })
    expect(second.baseUrl).toBe('https://192.168.1.10:8443')
  })

  it('forgets the token and says why', () => {
    const session = freshStart()
    session.setPaired({ token: 'tkn', tokenId: 'id-1', role: 'operator' })
    session.forget('revoked')
    expect(session).toMatchObject({ isPaired: false, unpairReason: 'revoked', role: null })
    expect(freshStart().isPaired).toBe(false)
  })

  it('ignores a damaged saved session instead of failing to start', () => {
    localStorage.setItem(SESSION_STORAGE_KEY, '{"token": 42, "role": "root"')
    expect(freshStart().isPaired).toBe(false)
    localStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify({ token: 'ok', role: 'root', proxyUrl: 7 }))
    const session = freshStart()
    expect(session).toMatchObject({ token: 'ok', role: null, proxyUrl: '' })
  })

  it('accepts only http(s) proxy addresses', () => {
    expect(normaliseProxyUrl('')).toBe('')
    expect(normaliseProxyUrl(' http://192.168.1.10:8443 ')).toBe('http://192.168.1.10:8443')
    expect(normaliseProxyUrl('ftp://192.168.1.10')).toBeNull()
    expect(normaliseProxyUrl('192.168.1.10')).toBeNull()
    const session = freshStart()
    expect(session.setProxyUrl('javascript:alert(1)')).toBe(false)
    expect(session.proxyUrl).toBe('')
  })
})
