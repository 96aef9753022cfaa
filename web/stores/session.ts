import { defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'
import type { PairResponse } from '../../shared/api'
import { isRole, type Role } from '../../shared/api/roles'

export const SESSION_STORAGE_KEY = 'sr.session'

interface SavedSession {
  token: string | null
  tokenId: string | null
  role: Role | null
  proxyUrl: string
}

const EMPTY: SavedSession = { token: null, tokenId: null, role: null, proxyUrl: '' }

/** Why the screen is unpaired, when it was paired before: the UI explains a revoked token. */
export type UnpairReason = 'revoked' | 'by_user'

function load(): SavedSession {
  try {
    const raw = globalThis.localStorage?.getItem(SESSION_STORAGE_KEY)
    return raw ? readSaved(JSON.parse(raw)) : EMPTY
  } catch {
    return EMPTY
  }
}

/**
 * A stored session, field by field: a field that is missing or of the wrong kind reads as empty. Plain checks
 * rather than a schema, so the first screen starts without the validation library.
 */
function readSaved(saved: unknown): SavedSession {
  if (typeof saved !== 'object' || saved === null) return EMPTY
  const { token, tokenId, role, proxyUrl } = saved as Record<string, unknown>
  return {
    token: typeof token === 'string' && token !== '' ? token : null,
    tokenId: typeof tokenId === 'string' ? tokenId : null,
    role: isRole(role) ? role : null,
    proxyUrl: typeof proxyUrl === 'string' ? proxyUrl : '',
  }
}

function save(session: SavedSession): void {
  try {
    globalThis.localStorage?.setItem(SESSION_STORAGE_KEY, JSON.stringify(session))
  } catch {
    // storage blocked: the session lasts until the tab closes
  }
}

/**
 * Normalise what a person typed into an origin (`https://host:port`), or null when it is not an http(s) URL.
 * The empty string means "the origin this app was loaded from".
 */
export function normaliseProxyUrl(input: string): string | null {
  const trimmed = input.trim()
  if (trimmed === '') return ''
  try {
    const url = new URL(trimmed)
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null
    return url.origin
  } catch {
    return null
  }
}

export const useSessionStore = defineStore('session', () => {
  const initial = load()
  const token = ref<string | null>(initial.token)
  const tokenId = ref<string | null>(initial.tokenId)
  const role = ref<Role | null>(initial.role)
  const proxyUrl = ref(initial.proxyUrl)
  /** a code that arrived in the address (`?pair=CODE` from a scanned QR) and waits to be used */
  const pendingPairCode = ref<string | null>(null)
  /** the role the scanned QR said the screen will get (shown while pairing; the proxy's answer decides) */
  const pendingPairRole = ref<Role | null>(null)
  const unpairReason = ref<UnpairReason | null>(null)

  const isPaired = computed(() => token.value !== null)
  const isAdmin = computed(() => isPaired.value && role.value === 'admin')
  const baseUrl = computed(() => proxyUrl.value || globalThis.location?.origin || 'http://127.0.0.1')

  // synchronous, so a reload right after pairing already finds the token
  watch(
    [token, tokenId, role, proxyUrl],
    () => save({ token: token.value, tokenId: tokenId.value, role: role.value, proxyUrl: proxyUrl.value }),
    { flush: 'sync' },
  )

  function setPaired(pairing: PairResponse): void {
    token.value = pairing.token
    tokenId.value = pairing.tokenId
    role.value = pairing.role
    unpairReason.value = null
  }

  function forget(reason: UnpairReason): void {
    token.value = null
    tokenId.value = null
    role.value = null
    unpairReason.value = reason
  }

  /** Returns false (and changes nothing) when the address is not a usable http(s) URL. */
  function setProxyUrl(input: string): boolean {
    const normalised = normaliseProxyUrl(input)
    if (normalised === null) return false
    proxyUrl.value = normalised
    return true
  }

  return {
    token,
    tokenId,
    role,
    proxyUrl,
    pendingPairCode,
    pendingPairRole,
    unpairReason,
    isPaired,
    isAdmin,
    baseUrl,
    setPaired,
    forget,
    setProxyUrl,
  }
})
