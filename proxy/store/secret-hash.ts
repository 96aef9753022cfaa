import { createHash } from 'node:crypto'

/**
 * Tokens are stored only as SHA-256 digests: a copied database cannot be used to log in.
 * Tokens carry 256 random bits, so a plain digest is enough; no salt or slow hash is needed.
 */
export function secretHash(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex')
}
