import { createCipheriv, createDecipheriv, createHash, randomBytes, scryptSync } from 'node:crypto'
import { gunzipSync, gzipSync } from 'node:zlib'

/**
 * The backup file: one encrypted container holding the data dir's files. Written by hand because the
 * format has to carry its own refusal reasons (foreign, truncated, wrong passphrase, newer version) and
 * nothing else; node's crypto and zlib do the real work.
 *
 *   "SRBACKUP" | u32 header length | header JSON (authenticated, not secret) | AES-256-GCM body | 16-byte tag
 *
 * The body is gzip of: u32 manifest length | manifest JSON | each file's bytes in manifest order.
 */
const MAGIC = Buffer.from('SRBACKUP', 'ascii')
const TAG_BYTES = 16
export const BACKUP_FORMAT = 1
const SCRYPT = { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 }

/** How the key was made: from a passphrase someone keeps, or from the data dir's own `secret.key`. */
export type KeySource = 'passphrase' | 'data-key'

export interface BackupHeader {
  format: number
  /** the proxy version that wrote it */
  proxyVersion: string
  /** the database's schema version (`user_version`) inside */
  schemaVersion: number
  createdAt: string
  key: KeySource
  salt: string
  iv: string
  /** ciphertext bytes after the header, so a cut-off file is told apart from a wrong passphrase */
  bodyBytes: number
}

export interface BackupFile {
  name: string
  bytes: Buffer
}

type Code = 'foreign' | 'truncated' | 'wrong_key' | 'newer' | 'damaged' | 'exists'

/** Why a file cannot be restored; `code` is stable, the message is for the person at the console. */
export class BackupError extends Error {
  constructor(
    readonly code: Code,
    message: string,
  ) {
    super(message)
    this.name = 'BackupError'
  }
}

export function deriveKey(secret: string | Buffer, salt: Buffer): Buffer {
  return scryptSync(secret, salt, 32, SCRYPT)
}

export interface SealInput {
  files: BackupFile[]
  proxyVersion: string
  schemaVersion: number
  key: KeySource
  secret: string | Buffer
  now?: Date
}

export function sealBackup(input: SealInput): Buffer {
  const salt = randomBytes(16)
  const iv = randomBytes(12)
  const manifest = Buffer.from(
    JSON.stringify(
      input.files.map((file) => ({
        name: file.name,
        size: file.bytes.length,
        sha256: createHash('sha256').update(file.bytes).digest('hex'),
      })),
    ),
  )
  const length = Buffer.alloc(4)
  length.writeUInt32BE(manifest.length)
  const plain = gzipSync(Buffer.concat([length, manifest, ...input.files.map((file) => file.bytes)]))
  const cipherLength = plain.length
  const header: BackupHeader = {
    format: BACKUP_FORMAT,
    proxyVersion: input.proxyVersion,
    schemaVersion: input.schemaVersion,
    createdAt: (input.now ?? new Date()).toISOString(),
    key: input.key,
    salt: salt.toString('base64'),
    iv: iv.toString('base64'),
    bodyBytes: cipherLength,
  }
  const headerBytes = Buffer.from(JSON.stringify(header))
  const cipher = createCipheriv('aes-256-gcm', deriveKey(input.secret, salt), iv)
  cipher.setAAD(headerBytes)
  const body = Buffer.concat([cipher.update(plain), cipher.final()])
  const headerLength = Buffer.alloc(4)
  headerLength.writeUInt32BE(headerBytes.length)
  return Buffer.concat([MAGIC, headerLength, headerBytes, body, cipher.getAuthTag()])
}

/** Reads the header alone (no key needed): what the file is, and whether this proxy can take it. */
export function readHeader(file: Buffer): { header: BackupHeader; headerBytes: Buffer; bodyStart: number } {
  const start = file.subarray(0, MAGIC.length)
  if (start.length === 0 || !MAGIC.subarray(0, start.length).equals(start)) {
    throw new BackupError('foreign', 'This is not a Student Registrator backup file.')
  }
  if (file.length < MAGIC.length + 4) throw new BackupError('truncated', 'The backup file is cut short.')
  const headerLength = file.readUInt32BE(MAGIC.length)
  const bodyStart = MAGIC.length + 4 + headerLength
  if (headerLength > 64 * 1024) throw new BackupError('damaged', 'The backup file is damaged.')
  if (file.length < bodyStart) throw new BackupError('truncated', 'The backup file is cut short.')
  const headerBytes = file.subarray(MAGIC.length + 4, bodyStart)
  let header: BackupHeader
  try {
    header = JSON.parse(headerBytes.toString('utf8')) as BackupHeader
  } catch {
    throw new BackupError('damaged', 'The backup file is damaged.')
  }
  if (typeof header.format !== 'number' || header.format > BACKUP_FORMAT) {
    throw new BackupError(
      'newer',
      `This backup was made by a newer version of the proxy (${header.proxyVersion ?? 'unknown'}); upgrade this one first.`,
    )
  }
  if (file.length < bodyStart + header.bodyBytes + TAG_BYTES) {
    throw new BackupError(
      'truncated',
      `The backup file is cut short (${file.length} of ${bodyStart + header.bodyBytes + TAG_BYTES} bytes); copy it again.`,
    )
  }
  return { header, headerBytes, bodyStart }
}

export function openBackup(
  file: Buffer,
  secret: string | Buffer,
): { header: BackupHeader; files: BackupFile[] } {
  const { header, headerBytes, bodyStart } = readHeader(file)
  const body = file.subarray(bodyStart, bodyStart + header.bodyBytes)
  const tag = file.subarray(bodyStart + header.bodyBytes, bodyStart + header.bodyBytes + TAG_BYTES)
  const decipher = createDecipheriv(
    'aes-256-gcm',
    deriveKey(secret, Buffer.from(header.salt, 'base64')),
    Buffer.from(header.iv, 'base64'),
  )
  decipher.setAAD(headerBytes)
  decipher.setAuthTag(tag)
  let plain: Buffer
  try {
    plain = Buffer.concat([decipher.update(body), decipher.final()])
  } catch {
    throw new BackupError(
      'wrong_key',
      header.key === 'data-key'
        ? 'This backup is locked with the data directory’s secret.key, and the one given does not open it.'
        : 'Wrong passphrase (or the file was altered).',
    )
  }
  return { header, files: unpack(gunzipSync(plain)) }
}

function unpack(plain: Buffer): BackupFile[] {
  const manifestLength = plain.readUInt32BE(0)
  const manifest = JSON.parse(plain.subarray(4, 4 + manifestLength).toString('utf8')) as {
    name: string
    size: number
    sha256: string
  }[]
  let offset = 4 + manifestLength
  return manifest.map((entry) => {
    const bytes = plain.subarray(offset, offset + entry.size)
    offset += entry.size
    if (createHash('sha256').update(bytes).digest('hex') !== entry.sha256) {
      throw new BackupError('damaged', `The backup file is damaged (${entry.name}).`)
    }
    return { name: entry.name, bytes: Buffer.from(bytes) }
  })
}
