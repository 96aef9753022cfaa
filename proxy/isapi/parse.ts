import { createRequire } from 'node:module'
import type { XMLParser } from 'fast-xml-parser'
import type { z } from 'zod'
import { deviceBadResponse, deviceRejected, isLockStatus, type ResponseStatus } from './errors'

export type XmlNode = Record<string, unknown>

/**
 * A device answer after sniffing. The Content-Type and the `?format=json` suffix are not trusted: several
 * firmwares answer XML to JSON requests, some label XML as JSON (research/isapi.md §1).
 */
export type Parsed =
  | { kind: 'xml'; root: string; doc: XmlNode }
  | { kind: 'json'; doc: Record<string, unknown> }
  | { kind: 'empty' }

/** What the transport hands over: status and raw bytes. */
export interface RawAnswer {
  status: number
  body: Uint8Array
}

type Fxp = typeof import('fast-xml-parser')

let xmlTools: { parser: XMLParser; validator: Fxp['XMLValidator'] } | undefined

/**
 * The XML parser, loaded with the first XML answer (synchronously, through the package's CommonJS build)
 * rather than at start: a proxy that has not spoken to a device yet does not carry it.
 */
function xml(): { parser: XMLParser; validator: Fxp['XMLValidator'] } {
  if (xmlTools) return xmlTools
  const { XMLParser, XMLValidator } = createRequire(import.meta.url)('fast-xml-parser') as Fxp
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    removeNSPrefix: true,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    ignoreDeclaration: true,
    ignorePiTags: true,
    maxNestedTags: 64,
  })
  xmlTools = { parser, validator: XMLValidator }
  return xmlTools
}

/** UTF-8, or Latin-1 for firmware that mislabels its bytes; a BOM is dropped. */
export function decodeText(body: Uint8Array): string {
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body)
  } catch {
    text = new TextDecoder('latin1').decode(body)
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
}

function preview(text: string): string {
  return text
    .slice(0, 60)
    .replace(/[^\x20-\x7e]/g, '?')
    .trim()
}

export function parseBody(body: Uint8Array, endpoint: string): Parsed {
  const text = decodeText(body).trim()
  if (text === '') return { kind: 'empty' }
  if (text.startsWith('<')) return parseXml(text, endpoint)
  if (text.startsWith('{')) return parseJson(text, endpoint)
  throw deviceBadResponse(endpoint, 'neither XML nor JSON', { preview: preview(text) })
}

function parseXml(text: string, endpoint: string): Parsed {
  // Devices never send a DOCTYPE; HTML error pages and entity bombs do.
  if (/<!(DOCTYPE|ENTITY)/i.test(text))
    throw deviceBadResponse(endpoint, 'HTML or DOCTYPE instead of ISAPI XML')
  const valid = xml().validator.validate(text)
  if (valid !== true) throw deviceBadResponse(endpoint, `malformed XML (${valid.err.msg})`)
  let parsed: unknown
  try {
    parsed = xml().parser.parse(text)
  } catch (error) {
    throw deviceBadResponse(endpoint, `malformed XML (${(error as Error).message})`)
  }
  const roots = Object.entries(parsed as XmlNode)
  const [first] = roots
  if (roots.length !== 1 || !first) throw deviceBadResponse(endpoint, 'XML without a single root element')
  const [root, value] = first
  const doc = typeof value === 'object' && value !== null ? (value as XmlNode) : { '#text': value }
  return { kind: 'xml', root, doc }
}

function parseJson(text: string, endpoint: string): Parsed {
  let doc: unknown
  try {
    doc = JSON.parse(text)
  } catch (error) {
    throw deviceBadResponse(endpoint, `malformed JSON (${(error as Error).message})`)
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    throw deviceBadResponse(endpoint, 'JSON that is not an object')
  }
  return { kind: 'json', doc: doc as Record<string, unknown> }
}

function toInt(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return Math.trunc(value)
  if (typeof value === 'string' && /^\s*-?\d+\s*$/.test(value)) return Number.parseInt(value, 10)
  return undefined
}

function toStr(value: unknown): string | undefined {
  if (typeof value === 'string') return value
  if (typeof value === 'number') return String(value)
  return undefined
}

function statusFrom(node: Record<string, unknown>): ResponseStatus | undefined {
  const statusCode = toInt(node.statusCode)
  if (statusCode === undefined) return undefined
  const errorCode = toInt(node.errorCode)
  const errorMsg = toStr(node.errorMsg)
  return {
    statusCode,
    statusString: toStr(node.statusString) ?? '',
    subStatusCode: toStr(node.subStatusCode) ?? '',
    ...(errorCode !== undefined ? { errorCode } : {}),
    ...(errorMsg !== undefined ? { errorMsg } : {}),
  }
}

/** The device's `ResponseStatus`, wherever this firmware put it, or undefined for a data document. */
export function findStatus(parsed: Parsed): ResponseStatus | undefined {
  if (parsed.kind === 'xml') return parsed.root === 'ResponseStatus' ? statusFrom(parsed.doc) : undefined
  if (parsed.kind === 'json') {
    const wrapped = parsed.doc.ResponseStatus
    if (typeof wrapped === 'object' && wrapped !== null) return statusFrom(wrapped as Record<string, unknown>)
    return statusFrom(parsed.doc)
  }
  return undefined
}

export interface LoginStatus {
  locked: boolean
  /** seconds until the device unlocks, when it says */
  unlockTimeSec?: number
  /** failed logins left before the lock, when it says */
  retriesLeft?: number
}

/**
 * Reads the lock bookkeeping of a 401 body: `userCheck` (lockStatus/unlockTime/retryLoginTime) or the
 * HK-ACP spelling (retryTimes/resLockTime). `unlock` contains `lock`, so compare whole words.
 */
export function readLoginStatus(body: Uint8Array): LoginStatus | undefined {
  let parsed: Parsed
  try {
    parsed = parseBody(body, '401')
  } catch {
    return undefined
  }
  if (parsed.kind === 'empty') return undefined
  let node: Record<string, unknown> = parsed.doc
  if (parsed.kind === 'json') {
    const inner = parsed.doc.userCheck ?? parsed.doc.ResponseStatus
    if (typeof inner === 'object' && inner !== null) node = inner as Record<string, unknown>
  }
  const lockStatus = toStr(node.lockStatus)?.trim().toLowerCase()
  const unlockTimeSec = toInt(node.unlockTime) ?? toInt(node.resLockTime)
  const retriesLeft = toInt(node.retryLoginTime) ?? toInt(node.retryTimes)
  const status = statusFrom(node)
  const lockedBySubStatus = status !== undefined && isLockStatus(status)
  if (lockStatus === undefined && unlockTimeSec === undefined && !lockedBySubStatus) return undefined
  const locked =
    lockStatus === 'lock' || lockStatus === 'locked' || (unlockTimeSec ?? 0) > 0 || lockedBySubStatus
  return {
    locked,
    ...(unlockTimeSec !== undefined && unlockTimeSec > 0 ? { unlockTimeSec } : {}),
    ...(retriesLeft !== undefined ? { retriesLeft } : {}),
  }
}

/**
 * Reads an answer that should carry data. A device status other than 1 is a refusal whatever the HTTP
 * status says; an HTTP error without a readable status, or a document of the wrong shape, is a bad answer.
 */
export function readDocument(answer: RawAnswer, endpoint: string): Parsed {
  const parsed = parseBody(answer.body, endpoint)
  const status = findStatus(parsed)
  if (status && status.statusCode !== 1) throw deviceRejected(endpoint, status, answer.status)
  if (answer.status < 200 || answer.status >= 300) {
    throw deviceBadResponse(endpoint, `HTTP ${answer.status} without a device status`, {
      httpStatus: answer.status,
    })
  }
  if (parsed.kind === 'empty') throw deviceBadResponse(endpoint, 'empty answer')
  return parsed
}

/** Reads an answer to a write: it must be a device status saying OK. Returns the status document. */
export function readOk(answer: RawAnswer, endpoint: string): Record<string, unknown> {
  const parsed = readDocument(answer, endpoint)
  const status = findStatus(parsed)
  if (!status || parsed.kind === 'empty')
    throw deviceBadResponse(endpoint, 'no ResponseStatus in the answer to a write')
  return parsed.doc
}

/** Validates a JSON document once, at the edge; the shape error names the endpoint. */
export function readJson<S extends z.ZodType>(answer: RawAnswer, endpoint: string, schema: S): z.output<S> {
  const parsed = readDocument(answer, endpoint)
  if (parsed.kind !== 'json') {
    throw deviceBadResponse(
      endpoint,
      `expected JSON, got ${parsed.kind === 'xml' ? `XML <${parsed.root}>` : parsed.kind}`,
    )
  }
  return validate(parsed.doc, endpoint, schema)
}

/** Validates an XML document with an expected root element. */
export function readXml<S extends z.ZodType>(
  answer: RawAnswer,
  endpoint: string,
  root: string,
  schema: S,
): z.output<S> {
  const parsed = readDocument(answer, endpoint)
  if (parsed.kind !== 'xml' || parsed.root !== root) {
    const got = parsed.kind === 'xml' ? `<${parsed.root}>` : parsed.kind.toUpperCase()
    throw deviceBadResponse(endpoint, `expected XML <${root}>, got ${got}`)
  }
  return validate(parsed.doc, endpoint, schema)
}

export function validate<S extends z.ZodType>(doc: unknown, endpoint: string, schema: S): z.output<S> {
  const result = schema.safeParse(doc)
  if (result.success) return result.data
  const issue = result.error.issues[0]
  const where = issue?.path.length ? issue.path.join('.') : 'document'
  throw deviceBadResponse(endpoint, `unexpected shape at ${where}: ${issue?.message ?? 'invalid'}`)
}

/** XML gives one element as an object and several as an array; JSON sometimes does the same. */
export function asArray<T>(value: T | T[] | undefined | null): T[] {
  if (value === undefined || value === null || value === '') return []
  return Array.isArray(value) ? value : [value]
}

/** The text of an XML element that may carry attributes (`<employeeNo min="1" max="32">10</employeeNo>`). */
export function xmlText(value: unknown): string | undefined {
  if (typeof value === 'string') return value
  if (typeof value === 'number') return String(value)
  if (typeof value === 'object' && value !== null) return toStr((value as XmlNode)['#text'])
  return undefined
}

export { toInt, toStr }
