import { constants, createCipheriv, generateKeyPairSync, privateDecrypt, type KeyObject } from 'node:crypto'

/**
 * The cryptography of ISAPI activation (`POST /ISAPI/Security/challenge`, then `PUT /ISAPI/System/activate`),
 * as access terminals implement it:
 * 1. we send our RSA-1024 modulus as lowercase hex, base64-encoded (exponent 65537 is implied);
 * 2. the device answers with 32 random hex characters, RSA-encrypted (PKCS#1 v1.5) to that key, as hex, base64;
 * 3. the AES-128 key is those 32 hex characters decoded; the password goes as AES-128-ECB, zero-padded, of
 *    the first 16 characters of the random string followed by the password, as lowercase hex, base64.
 */
export interface ActivationKeys {
  privateKey: KeyObject
  /** what goes in `<Challenge><key>` */
  challengeKey: string
}

export function makeActivationKeys(): ActivationKeys {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 1024,
    publicExponent: 0x10001,
  })
  const modulus = Buffer.from(publicKey.export({ format: 'jwk' }).n as string, 'base64url')
  return { privateKey, challengeKey: Buffer.from(modulus.toString('hex'), 'ascii').toString('base64') }
}

/**
 * Step 2 on our side: the device's random string. Node 20 no longer decrypts PKCS#1 v1.5 (a timing oracle for
 * servers, CVE-2023-46809); we decrypt raw and take the padding off by hand. We are the client decrypting one
 * message from a device we chose to ask, so there is no oracle to protect.
 */
export function randomFromChallenge(answerKey: string, privateKey: KeyObject): string {
  const hex = Buffer.from(answerKey.trim(), 'base64').toString('ascii').trim()
  if (!/^[0-9a-fA-F]+$/.test(hex)) throw new Error('the device’s challenge answer is not hex')
  const raw = privateDecrypt({ key: privateKey, padding: constants.RSA_NO_PADDING }, Buffer.from(hex, 'hex'))
  const end = raw.indexOf(0, 2)
  if (raw[0] !== 0 || raw[1] !== 2 || end < 10)
    throw new Error('the device’s challenge answer does not decrypt')
  const random = raw.subarray(end + 1).toString('ascii')
  // some firmware pads the random string; the key is its last 32 characters
  const key = random.slice(-32)
  if (!/^[0-9a-fA-F]{32}$/.test(key)) throw new Error('the device’s random key is not 32 hex characters')
  return key
}

/** Step 3: the password as the device expects it in `<ActivateInfo><password>`. */
export function encryptActivationPassword(random: string, password: string): string {
  const plain = Buffer.concat([Buffer.from(random.slice(0, 16), 'ascii'), Buffer.from(password, 'utf8')])
  const padded = Buffer.concat([plain, Buffer.alloc((16 - (plain.length % 16)) % 16)])
  const cipher = createCipheriv('aes-128-ecb', Buffer.from(random, 'hex'), null)
  cipher.setAutoPadding(false)
  const sealed = Buffer.concat([cipher.update(padded), cipher.final()])
  return Buffer.from(sealed.toString('hex'), 'ascii').toString('base64')
}
