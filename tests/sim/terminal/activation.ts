import { constants, createDecipheriv, createPublicKey, publicEncrypt, randomBytes } from 'node:crypto'
import { deviceError } from './error-table'
import { xmlDocument, xmlError, xmlFields, xmlOk, xmlResponse, type SimResponse } from './format'
import { parseXmlBody } from './format'
import type { SimRequest } from './context'

/**
 * A terminal out of the box: no admin password until it is activated. Only three resources answer
 * without a login then (`/SDK/activateStatus`, `POST /ISAPI/Security/challenge`, `PUT /ISAPI/System/activate`,
 * as ISAPI's activation chapter and the web pages of real terminals use them); everything else is refused
 * `notActivated`. The device's side of the crypto is written here on its own, from the same description,
 * so that the proxy's client and this simulator can only agree if both follow it.
 */
export class Activation {
  private random: string | null = null

  constructor(
    public activated: boolean,
    private readonly setPassword: (password: string) => void,
    private readonly username: string,
  ) {}

  /** The answer for an activation resource, or undefined when the request is for anything else. */
  answer(req: SimRequest): SimResponse | undefined {
    if (req.path === '/SDK/activateStatus' && req.method === 'GET') {
      return xmlResponse(xmlDocument('ActivateStatus', xmlFields({ Activated: this.activated })))
    }
    if (req.path === '/ISAPI/Security/challenge' && req.method === 'POST') return this.challenge(req)
    if (req.path === '/ISAPI/System/activate' && req.method === 'PUT') return this.activate(req)
    if (!this.activated) return xmlError(deviceError('notActivated'), req.path)
    return undefined
  }

  private challenge(req: SimRequest): SimResponse {
    if (this.activated) return xmlError(deviceError('invalidOperation'), req.path)
    const hex = Buffer.from(readKey(parseXmlBody(req.body), 'Challenge'), 'base64').toString('ascii')
    if (!/^[0-9a-f]{256}$/i.test(hex)) return xmlError(deviceError('badParameters'), req.path, 400)
    const publicKey = createPublicKey({
      key: { kty: 'RSA', n: Buffer.from(hex, 'hex').toString('base64url'), e: 'AQAB' },
      format: 'jwk',
    })
    this.random = randomBytes(16).toString('hex')
    const sealed = publicEncrypt(
      { key: publicKey, padding: constants.RSA_PKCS1_PADDING },
      Buffer.from(this.random, 'ascii'),
    )
    const key = Buffer.from(sealed.toString('hex'), 'ascii').toString('base64')
    return xmlResponse(xmlDocument('Challenge', xmlFields({ key })))
  }

  private activate(req: SimRequest): SimResponse {
    if (this.activated) return xmlError(deviceError('invalidOperation'), req.path)
    const random = this.random
    this.random = null
    if (!random) return xmlError(deviceError('invalidOperation'), req.path)
    const password = decryptPassword(readKey(parseXmlBody(req.body), 'ActivateInfo', 'password'), random)
    if (password === null) return xmlError(deviceError('passwordDecodeError'), req.path)
    if (!strongEnough(password, this.username)) {
      // the error table lists illegalPassword with statusCode 1; a refused activation comes as a 400
      return xmlError(deviceError('illegalPassword'), req.path, 400)
    }
    this.setPassword(password)
    this.activated = true
    return xmlOk(req.path)
  }
}

function readKey(doc: Record<string, unknown> | undefined, root: string, field = 'key'): string {
  const node = doc?.[root]
  const value =
    typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[field] : undefined
  return typeof value === 'string' ? value : ''
}

function decryptPassword(sealed: string, random: string): string | null {
  try {
    const bytes = Buffer.from(Buffer.from(sealed, 'base64').toString('ascii'), 'hex')
    if (bytes.length === 0 || bytes.length % 16 !== 0) return null
    const decipher = createDecipheriv('aes-128-ecb', Buffer.from(random, 'hex'), null)
    decipher.setAutoPadding(false)
    const plain = Buffer.concat([decipher.update(bytes), decipher.final()])
    if (plain.subarray(0, 16).toString('ascii') !== random.slice(0, 16)) return null
    let end = plain.length
    while (end > 16 && plain[end - 1] === 0) end--
    return plain.subarray(16, end).toString('utf8')
  } catch {
    return null
  }
}

/** The rule terminals state on their activation page: 8–16 characters, two kinds or more, not the user name. */
function strongEnough(password: string, username: string): boolean {
  const kinds = [/[0-9]/, /[a-z]/, /[A-Z]/, /[^0-9a-zA-Z]/].filter((kind) => kind.test(password)).length
  return (
    password.length >= 8 &&
    password.length <= 16 &&
    kinds >= 2 &&
    !password.toLowerCase().includes(username.toLowerCase())
  )
}
