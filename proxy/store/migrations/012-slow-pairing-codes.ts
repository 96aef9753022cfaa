import type { Migration } from './index'

/**
 * Pairing codes were stored as plain SHA-256 digests, which a copied database turns back into the code by
 * trying every one; they are now salted scrypt hashes. An old digest can never be matched again, so the
 * unused ones are dropped: an app code lives 15 minutes anyway, and an unpaired proxy prints a new
 * first-start code at each start. (The webhook secret in the kept webhook URLs is sealed at start-up,
 * where the key is at hand: see store/sealed-settings.ts.)
 */
export const m012SlowPairingCodes: Migration = {
  version: 12,
  name: 'slow pairing-code hashes',
  up(db) {
    db.exec(`DELETE FROM pairing_codes WHERE hash NOT LIKE 'scrypt1:%'`)
  },
}
