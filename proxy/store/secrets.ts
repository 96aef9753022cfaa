import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const KEY_FILE = 'secret.key'
const VERSION = 'v1'

/**
 * Encrypts device passwords (and other secrets) at rest with AES-256-GCM. The key lives in its own file in
 * the data dir, readable only by the proxy's user, so a copied database alone gives nothing away.
 */
export class SecretBox {
  private constructor(private readonly key: Buffer) {}

  static forDataDir(dataDir: string): SecretBox {
    const path = join(dataDir, KEY_FILE)
    if (!existsSync(path)) {
      writeFileSync(path, randomBytes(32).toString('base64') + '\n', { mode: 0o600, flag: 'wx' })
    }
    chmodSync(path, 0o600)
    const key = Buffer.from(readFileSync(path, 'utf8').trim(), 'base64')
    if (key.length !== 32) throw new Error(`${path} does not hold a 256-bit key; restore it from a backup`)
    return new SecretBox(key)
  }

  /** The key file is read (or made) on first use, so a proxy that never stores a secret never makes one. */
  static lazy(dataDir: string): Pick<SecretBox, 'seal' | 'open'> {
    let box: SecretBox | undefined
    const get = () => (box ??= SecretBox.forDataDir(dataDir))
    return { seal: (plain) => get().seal(plain), open: (sealed) => get().open(sealed) }
  }

  /** Whether a stored value was sealed by a SecretBox (anything else is a plain value from before). */
  static isSealed(value: string): boolean {
    return value.startsWith(`${VERSION}:`)
  }

  static withKey(key: Buffer): SecretBox {
    if (key.length !== 32) throw new Error('a SecretBox key must be 32 bytes')
    return new SecretBox(key)
  }

  seal(plain: string): string {
    const iv = randomBytes(12)
    const cipher = createCipheriv('aes-256-gcm', this.key, iv)
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
    return [
      VERSION,
      iv.toString('base64'),
      cipher.getAuthTag().toString('base64'),
      body.toString('base64'),
    ].join(':')
  }

  open(sealed: string): string {
    const [version, iv, tag, body] = sealed.split(':')
    if (version !== VERSION || !iv || !tag || body === undefined) throw new Error('not a sealed secret')
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64'))
    decipher.setAuthTag(Buffer.from(tag, 'base64'))
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8')
  }
}
