import { defaultScreenName, type PairResponse, type Role } from '../../shared/api/pairing'
import type { Db } from './db'
import type { IssuedCode, PairingCodesRepo } from './pairing-codes-repo'
import type { SettingsRepo } from './settings-repo'
import type { TokensRepo } from './tokens-repo'

/** Codes made from the app are for a person standing next to the new screen: short, and short-lived. */
export const APP_CODE_DIGITS = 6
export const APP_CODE_TTL_MS = 15 * 60_000
/** The first-start code waits until someone pairs, however long that takes, so it gets more digits. */
export const FIRST_START_CODE_DIGITS = 8

const FIRST_PAIRED_AT = 'first_paired_at'

/**
 * Trading a one-time code for a token. Redeeming the code and minting the token happen in one
 * transaction, so a crash can never burn a code without handing out its token (or the reverse).
 */
export class Pairing {
  constructor(
    private readonly db: Db,
    private readonly codes: PairingCodesRepo,
    private readonly tokens: TokensRepo,
    private readonly settings: SettingsRepo,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Whether any screen has paired yet; until then the proxy prints a first-start code at each start. */
  isPaired(): boolean {
    return this.settings.get(FIRST_PAIRED_AT) !== undefined
  }

  /**
   * A new first-start code (admin) that replaces any earlier unused one, in one transaction. Made as the
   * proxy starts, so its slow hash runs off the main thread.
   */
  issueFirstStartCode(): Promise<IssuedCode> {
    const options = { digits: FIRST_START_CODE_DIGITS, ttlMs: null, firstStart: true }
    return this.codes.issueOffThread('admin', options, () => this.codes.withdrawFirstStartCodes())
  }

  issueCode(role: Role): IssuedCode {
    this.codes.purgeExpired()
    return this.codes.issue(role, { digits: APP_CODE_DIGITS, ttlMs: APP_CODE_TTL_MS })
  }

  /** The new token, or undefined when the code is wrong, used or expired. */
  pair(code: string, name?: string): PairResponse | undefined {
    return this.db.transaction(() => {
      const role = this.codes.redeem(code)
      if (!role) return undefined
      // a name the screen gives itself is its own words until an admin renames it
      const issued =
        name === undefined
          ? this.tokens.create(defaultScreenName(this.tokens.list().length + 1), role)
          : this.tokens.create(name, role, { claimed: true })
      if (!this.isPaired()) this.settings.set(FIRST_PAIRED_AT, this.now().toISOString())
      return { token: issued.token, tokenId: issued.info.id, role }
    })()
  }
}
