import { pino, type DestinationStream, type Logger } from 'pino'
import type { LogLevel } from './config'

export type { Logger }

/**
 * Paths that may carry a secret wherever they appear in a log object. `code` alone is left readable on
 * purpose: it is the stable error code; pairing codes are logged (if ever) as `pairingCode` or in a body.
 */
export const REDACTED_PATHS = [
  'authorization',
  '*.authorization',
  'headers.authorization',
  '*.headers.authorization',
  'req.headers.authorization',
  'cookie',
  '*.cookie',
  'password',
  '*.password',
  'token',
  '*.token',
  'adminToken',
  'pairingCode',
  '*.pairingCode',
  'body.code',
  '*.body.code',
  'secret',
  '*.secret',
]

/** One JSON line per event on stdout (or `destination` in tests); secrets are censored before writing. */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: undefined,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  }
  return destination ? pino(options, destination) : pino(options)
}
