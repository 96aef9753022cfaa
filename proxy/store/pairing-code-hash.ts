import { randomBytes, scrypt, scryptSync, timingSafeEqual } from 'node:crypto'

/**
 * Pairing codes are short (6 or 8 digits), so a plain digest of one is found by trying every code: a copied
 * database gave a live code away in seconds. Each code is stored as scrypt with its own random salt, which
 * makes that search cost hours per code instead. (Tokens carry 256 random bits and keep their plain
 * digest.) The cost is paid once per live code on each pairing attempt, which the attempt limits keep rare.
 */
const PREFIX = 'scrypt1'
// ~25 ms a hash on a quiet school PC: 7 hours of one core to try every 6-digit code against one hash
const PARAMS = { N: 2 ** 13, r: 8, p: 1 } as const
const KEY_BYTES = 32

export function hashPairingCode(code: string): string {
  const salt = randomBytes(16)
  return stored(salt, derive(code, salt))
}

/**
 * The same hash, made on libuv's thread pool: the first-start code is hashed just as the servers begin to
 * listen, and the first requests need not wait for it.
 */
export async function hashPairingCodeAsync(code: string): Promise<string> {
  const salt = randomBytes(16)
  const key = await new Promise<Buffer>((resolve, reject) =>
    scrypt(normalized(code), salt, KEY_BYTES, PARAMS, (error, derived) =>
      error ? reject(error) : resolve(derived),
    ),
  )
  return stored(salt, key)
}

/** Whether `code` is the one `stored` was made from; false for anything not made by hashPairingCode. */
export function pairingCodeMatches(code: string, stored: string): boolean {
  const [prefix, salt, hash] = stored.split(':')
  if (prefix !== PREFIX || !salt || !hash) return false
  const expected = Buffer.from(hash, 'base64')
  const actual = derive(code, Buffer.from(salt, 'base64'))
  return expected.length === actual.length && timingSafeEqual(expected, actual)
}

function derive(code: string, salt: Buffer): Buffer {
  return scryptSync(normalized(code), salt, KEY_BYTES, PARAMS)
}

function normalized(code: string): string {
  return code.normalize('NFKC')
}

function stored(salt: Buffer, key: Buffer): string {
  return [PREFIX, salt.toString('base64'), key.toString('base64')].join(':')
}
