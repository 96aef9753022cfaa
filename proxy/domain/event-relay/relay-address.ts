import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import type { SettingsStore } from '../webhooks/webhook-directory'

const KEY_SETTING = 'relay.key'
const MODE_SETTING = 'relay.mode'

export interface RelayAddressDeps {
  settings: SettingsStore
  /** SR_EVENT_RELAY: whether the relay is on until an admin switches it */
  defaultOn: boolean
  /** where the terminals reach the proxy, `http://192.168.1.10:8080` (no path) */
  origin: string
}

/**
 * The relay's switch and the address each terminal posts to in relay mode: `POST /events/<deviceId>` on
 * the proxy, with a secret of its own. The secret is derived from one random key kept in the settings,
 * so it is the same after a restart (the device keeps it) and one terminal's cannot be used for another.
 */
export class RelayAddress {
  private key: Buffer | null = null

  constructor(private readonly deps: RelayAddressDeps) {}

  get on(): boolean {
    const stored = this.deps.settings.get(MODE_SETTING)
    return stored === undefined ? this.deps.defaultOn : stored === 'relay'
  }

  set on(value: boolean) {
    this.deps.settings.set(MODE_SETTING, value ? 'relay' : 'direct')
  }

  get origin(): string {
    return this.deps.origin
  }

  /** The webhook written into the terminal in relay mode. */
  urlFor(deviceId: string): string {
    return `${this.deps.origin}/events/${encodeURIComponent(deviceId)}?secret=${this.secretFor(deviceId)}`
  }

  secretFor(deviceId: string): string {
    return createHmac('sha256', this.secretKey()).update(`relay:${deviceId}`).digest('hex').slice(0, 32)
  }

  /** Compares in constant time, so the secret cannot be guessed byte by byte from answer times. */
  matches(deviceId: string, offered: string | undefined): boolean {
    if (!offered) return false
    const expected = Buffer.from(this.secretFor(deviceId))
    const given = Buffer.from(offered)
    return given.length === expected.length && timingSafeEqual(given, expected)
  }

  private secretKey(): Buffer {
    if (this.key) return this.key
    let stored = this.deps.settings.get(KEY_SETTING)
    if (!stored) {
      stored = randomBytes(32).toString('hex')
      this.deps.settings.set(KEY_SETTING, stored)
    }
    this.key = Buffer.from(stored, 'hex')
    return this.key
  }
}
