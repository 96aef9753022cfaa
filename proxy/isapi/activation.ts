import type { LookupFunction } from 'node:net'
import { AppError } from '../../shared/errors'
import { encryptActivationPassword, makeActivationKeys, randomFromChallenge } from './activation-crypto'
import { deviceBadResponse, deviceRejected, deviceUnreachable } from './errors'
import { findStatus, parseBody, type Parsed } from './parse'

/**
 * Activation of a terminal fresh out of the box. It has no password yet, so none of this is signed: the
 * device answers these three resources without a login, and only while it is inactive.
 */
export interface ActivationTarget {
  host: string
  port: number
  scheme: 'http' | 'https'
}

export interface ActivationOptions {
  beforeConnect?: (host: string) => Promise<void>
  lookup?: LookupFunction
  timeoutMs?: number
}

const NS = 'http://www.isapi.org/ver20/XMLSchema'

async function call(
  target: ActivationTarget,
  method: 'GET' | 'POST' | 'PUT',
  path: string,
  body: string | undefined,
  options: ActivationOptions,
): Promise<{ status: number; parsed: Parsed }> {
  await options.beforeConnect?.(target.host)
  const host = target.host.includes(':') ? `[${target.host}]` : target.host
  const timeout = options.timeoutMs ?? 10_000
  // loaded with the first activation: most proxies never activate a terminal
  const { Agent, request } = await import('undici')
  const dispatcher = new Agent({
    connect: {
      timeout,
      ...(options.lookup ? { lookup: options.lookup } : {}),
      // a terminal out of the box serves a self-signed certificate; its password is not on it yet
      rejectUnauthorized: false,
    },
    headersTimeout: timeout,
    bodyTimeout: timeout,
  })
  try {
    const response = await request(`${target.scheme}://${host}:${target.port}${path}`, {
      method,
      dispatcher,
      ...(body !== undefined
        ? { body, headers: { 'content-type': 'application/xml; charset="UTF-8"' } }
        : {}),
    })
    const bytes = new Uint8Array(await response.body.arrayBuffer())
    return { status: response.statusCode, parsed: parseBody(bytes.subarray(0, 64 * 1024), path) }
  } catch (error) {
    if (error instanceof AppError) throw error
    const e = error as NodeJS.ErrnoException
    throw deviceUnreachable(path, e.message, e.code)
  } finally {
    void dispatcher.close()
  }
}

/** A field of the answer's root, in XML or JSON, whatever its case. */
function field(parsed: Parsed, name: string): string | undefined {
  if (parsed.kind === 'empty') return undefined
  const doc =
    parsed.kind === 'json' && Object.keys(parsed.doc).length === 1
      ? (Object.values(parsed.doc)[0] as Record<string, unknown>)
      : parsed.doc
  const key = Object.keys(doc ?? {}).find((k) => k.toLowerCase() === name.toLowerCase())
  const value = key ? doc[key] : undefined
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? String(value)
    : undefined
}

/** `GET /SDK/activateStatus`: whether the device already has an admin password. */
export async function activationStatus(
  target: ActivationTarget,
  options: ActivationOptions = {},
): Promise<boolean> {
  const answer = await call(target, 'GET', '/SDK/activateStatus', undefined, options)
  const value = field(answer.parsed, 'Activated')
  if (answer.status !== 200 || value === undefined) {
    throw deviceBadResponse('/SDK/activateStatus', `HTTP ${answer.status} without an Activated value`)
  }
  return value.toLowerCase() === 'true'
}

/** Sets the admin password of an inactive device: the challenge, then the encrypted password. */
export async function activateDevice(
  target: ActivationTarget,
  password: string,
  options: ActivationOptions = {},
): Promise<void> {
  const keys = makeActivationKeys()
  const challenge = await call(
    target,
    'POST',
    '/ISAPI/Security/challenge',
    `<?xml version="1.0" encoding="UTF-8"?><Challenge version="2.0" xmlns="${NS}"><key>${keys.challengeKey}</key></Challenge>`,
    options,
  )
  refuseUnlessOk('/ISAPI/Security/challenge', challenge)
  const answerKey = field(challenge.parsed, 'key')
  if (!answerKey) throw deviceBadResponse('/ISAPI/Security/challenge', 'no <key> in the answer')
  let random: string
  try {
    random = randomFromChallenge(answerKey, keys.privateKey)
  } catch (error) {
    throw deviceBadResponse('/ISAPI/Security/challenge', (error as Error).message)
  }
  const activated = await call(
    target,
    'PUT',
    '/ISAPI/System/activate',
    `<?xml version="1.0" encoding="UTF-8"?><ActivateInfo version="2.0" xmlns="${NS}"><password>${encryptActivationPassword(random, password)}</password></ActivateInfo>`,
    options,
  )
  refuseUnlessOk('/ISAPI/System/activate', activated)
}

function refuseUnlessOk(endpoint: string, answer: { status: number; parsed: Parsed }): void {
  const status = findStatus(answer.parsed)
  if (answer.status === 200 && (!status || status.statusCode === 1)) return
  if (status) throw deviceRejected(endpoint, status, answer.status)
  throw deviceBadResponse(endpoint, `HTTP ${answer.status}`)
}
