import { XMLParser, XMLValidator } from 'fast-xml-parser'
import type { DeviceErrorBody } from './error-table'

export interface SimResponse {
  status: number
  contentType: string
  body: Buffer
  headers?: Record<string, string | string[]>
}

/** JSON the way terminal firmware prints it: TAB indentation and `"key":\tvalue`. */
export function firmwareJson(value: unknown): string {
  return JSON.stringify(value, null, '\t').replace(/^(\t*"(?:[^"\\]|\\.)*"): /gm, '$1:\t')
}

export function jsonResponse(
  value: unknown,
  status = 200,
  contentType = 'application/json; charset="UTF-8"',
): SimResponse {
  return { status, contentType, body: Buffer.from(firmwareJson(value)) }
}

export function xmlResponse(
  xml: string,
  status = 200,
  contentType = 'application/xml; charset="UTF-8"',
): SimResponse {
  return { status, contentType, body: Buffer.from(xml) }
}

export function escapeXml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

const NAMESPACE = 'http://www.isapi.org/ver20/XMLSchema'

export function xmlDocument(root: string, inner: string, version = '2.0'): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${root} version="${version}" xmlns="${NAMESPACE}">\n${inner}</${root}>\n`
}

export function xmlFields(fields: Record<string, string | number | boolean | undefined>): string {
  return Object.entries(fields)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `<${k}>${escapeXml(String(v))}</${k}>\n`)
    .join('')
}

const OK = { statusCode: 1, statusString: 'OK', subStatusCode: 'ok' }

/** Success of a JSON write: `{"statusCode":1,"statusString":"OK","subStatusCode":"ok"}` plus extras. */
export function jsonOk(extra: Record<string, unknown> = {}): SimResponse {
  return jsonResponse({ ...OK, ...extra })
}

/** Success of an XML write: `ResponseStatus` version 1.0, as the KV6124 and K1A340 answered. */
export function xmlOk(requestURL: string): SimResponse {
  return xmlResponse(xmlDocument('ResponseStatus', xmlFields({ requestURL, ...OK }), '1.0'))
}

/** HTTP status that usually carries each ISAPI statusCode; the body is what counts. */
function httpFor(statusCode: number): number {
  if (statusCode === 2) return 503
  if (statusCode === 3) return 500
  if (statusCode === 4) return 403
  return 400
}

export function jsonError(error: DeviceErrorBody, status = httpFor(error.statusCode)): SimResponse {
  return jsonResponse(error, status)
}

export function xmlError(
  error: DeviceErrorBody,
  requestURL: string,
  status = httpFor(error.statusCode),
): SimResponse {
  return xmlResponse(
    xmlDocument(
      'ResponseStatus',
      xmlFields({
        requestURL,
        statusCode: error.statusCode,
        statusString: error.statusString,
        subStatusCode: error.subStatusCode,
        errorCode: error.errorCode,
        errorMsg: error.errorMsg,
      }),
      '1.0',
    ),
    status,
  )
}

const parser = new XMLParser({
  removeNSPrefix: true,
  parseTagValue: false,
  ignoreAttributes: true,
  ignoreDeclaration: true,
})

/** Parses a request XML body; undefined when it is not well-formed. */
export function parseXmlBody(body: Buffer): Record<string, unknown> | undefined {
  const text = body.toString('utf8')
  if (XMLValidator.validate(text) !== true) return undefined
  const parsed = parser.parse(text) as Record<string, unknown>
  return parsed
}

/** Parses a request JSON body; undefined when it is not an object. */
export function parseJsonBody(body: Buffer): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(body.toString('utf8')) as unknown
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined
  } catch {
    return undefined
  }
}
