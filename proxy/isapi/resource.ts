import { createRequire } from 'node:module'
import type { XMLBuilder } from 'fast-xml-parser'
import type { CallOptions, Channel } from './channel'
import { readOptional } from './capabilities'
import { deviceBadResponse, invalidInput } from './errors'
import { parseBody, readOk, type Parsed } from './parse'

const NAMESPACE = 'http://www.isapi.org/ver20/XMLSchema'

/**
 * One settings document as the device keeps it. XML documents keep their root element's name; a JSON
 * document is `{"<root>": {…}}` on every ISAPI settings resource (`{"CardReaderCfg": {…}}`), so its single
 * key plays the same part. Values stay as the device printed them (XML text is always a string).
 */
export interface ResourceDoc {
  path: string
  format: 'xml' | 'json'
  root: string
  doc: Record<string, unknown>
}

/** Letters, digits, `_`, `-` and `/` under `/ISAPI/`, optionally `?format=json`: nothing that leaves the device. */
const RESOURCE_PATH = /^\/ISAPI\/[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*(\?format=json)?$/

/**
 * A path that can only name a resource on the configured device: under `/ISAPI/`, no `..`, no scheme, no
 * host, no second query. The transport joins it to the device's own address, so nothing else is reachable.
 */
export function checkResourcePath(path: string): string {
  if (!RESOURCE_PATH.test(path)) {
    throw invalidInput('path', 'A resource path is /ISAPI/… made of letters, digits, - and _ only')
  }
  return path
}

function toResource(path: string, parsed: Parsed): ResourceDoc {
  if (parsed.kind === 'xml') return { path, format: 'xml', root: parsed.root, doc: parsed.doc }
  if (parsed.kind === 'json') {
    const keys = Object.keys(parsed.doc)
    const inner = keys.length === 1 && keys[0] ? parsed.doc[keys[0]] : undefined
    if (keys[0] && typeof inner === 'object' && inner !== null && !Array.isArray(inner)) {
      return { path, format: 'json', root: keys[0], doc: inner as Record<string, unknown> }
    }
    return { path, format: 'json', root: '', doc: parsed.doc }
  }
  throw deviceBadResponse(path, 'empty settings document')
}

/** `GET` a settings resource; `null` when this model does not have it. */
export async function readResource(
  ch: Channel,
  path: string,
  call?: CallOptions,
): Promise<ResourceDoc | null> {
  const checked = checkResourcePath(path)
  return readOptional(ch, checked, call, (parsed) => toResource(checked, parsed))
}

/** `PUT` a whole settings document back; the answer is only the device's OK, so read it back after. */
export async function writeResource(ch: Channel, resource: ResourceDoc, call?: CallOptions): Promise<void> {
  const path = checkResourcePath(resource.path)
  const body = serializeResource(resource)
  const contentType = resource.format === 'xml' ? 'application/xml' : 'application/json'
  return ch.run('write', call, async (send) => {
    readOk(await send({ method: 'PUT', path, body: Buffer.from(body), contentType }), path)
  })
}

let builders: { flat: XMLBuilder; pretty: XMLBuilder } | undefined

/** The XML writer, loaded on first use like the parser (parse.ts). */
function xmlBuilders(): { flat: XMLBuilder; pretty: XMLBuilder } {
  if (builders) return builders
  const { XMLBuilder: Builder } = createRequire(import.meta.url)(
    'fast-xml-parser',
  ) as typeof import('fast-xml-parser')
  const options = { ignoreAttributes: false, attributeNamePrefix: '@', suppressEmptyNode: false }
  builders = { flat: new Builder(options), pretty: new Builder({ ...options, format: true, indentBy: '  ' }) }
  return builders
}

/** The document as the device takes it (or, `pretty`, as a person reads it). */
export function serializeResource(resource: ResourceDoc, pretty = false): string {
  if (resource.format === 'json') {
    const value = resource.root ? { [resource.root]: resource.doc } : resource.doc
    return JSON.stringify(value, null, pretty ? 2 : undefined)
  }
  const { '@version': version, '@xmlns': _ns, ...inner } = resource.doc
  const builder = pretty ? xmlBuilders().pretty : xmlBuilders().flat
  const attrs = `version="${typeof version === 'string' ? version : '2.0'}" xmlns="${NAMESPACE}"`
  const body = builder.build(inner) as string
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<${resource.root} ${attrs}>${pretty ? '\n' : ''}${body}</${resource.root}>${pretty ? '\n' : ''}`
  )
}

/** A document typed by a person (the expert editor): it must parse, and keep the resource's root. */
export function parseResourceText(expected: ResourceDoc, text: string): ResourceDoc {
  let parsed: Parsed
  try {
    parsed = parseBody(Buffer.from(text, 'utf8'), expected.path)
  } catch (error) {
    throw invalidInput(
      'text',
      `Not a readable ${expected.format.toUpperCase()} document: ${(error as Error).message}`,
    )
  }
  if (parsed.kind === 'empty') throw invalidInput('text', 'The document is empty')
  const resource = toResource(expected.path, parsed)
  if (resource.format !== expected.format || resource.root !== expected.root) {
    throw invalidInput(
      'text',
      `The document must stay ${expected.format.toUpperCase()} with the root ${expected.root || '(none)'}`,
    )
  }
  return resource
}
