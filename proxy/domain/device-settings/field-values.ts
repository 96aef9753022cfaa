import type { SettingField, SettingValue } from '../../../shared/api/device-settings'
import type { ResourceDoc } from '../../isapi'
import type { FieldSpec } from './field-specs'

type Node = Record<string, unknown>

const isNode = (value: unknown): value is Node =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

function at(doc: Node, path: readonly string[]): unknown {
  let node: unknown = doc
  for (const name of path) {
    if (!isNode(node)) return undefined
    node = node[name]
  }
  return node
}

function setAt(doc: Node, path: readonly string[], value: unknown): Node {
  const [first, ...rest] = path
  if (!first) return doc
  if (rest.length === 0) return { ...doc, [first]: value }
  const child = isNode(doc[first]) ? doc[first] : {}
  return { ...doc, [first]: setAt(child, rest, value) }
}

/** XML text carries attributes as `{'#text': …}`; JSON values are typed already. */
function scalar(value: unknown): string | number | boolean | undefined {
  if (isNode(value)) return scalar(value['#text'])
  if (typeof value === 'string') return value.trim()
  if (typeof value === 'number' || typeof value === 'boolean') return value
  return undefined
}

function number(value: unknown): number | undefined {
  const v = scalar(value)
  if (typeof v === 'number') return v
  return typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : undefined
}

function options(node: unknown): string[] {
  const opt = isNode(node) ? node['@opt'] : node
  const list = Array.isArray(opt) ? opt.map(String) : typeof opt === 'string' ? opt.split(',') : []
  return list.map((item) => item.trim()).filter(Boolean)
}

const asArray = (value: unknown): unknown[] =>
  value === undefined || value === '' ? [] : Array.isArray(value) ? value : [value]

/** The event types a `SubscribeEvent` block sends: all offered in `all` mode, its list in `list` mode. */
function subscribed(node: unknown, offered: string[]): string[] {
  if (!isNode(node) || scalar(node.eventMode) !== 'list') return offered
  const events = asArray(isNode(node.EventList) ? node.EventList.Event : undefined)
  return events.map((event) => String(scalar(isNode(event) ? event.type : event) ?? '')).filter(Boolean)
}

/**
 * One field as the page shows it: the value in the document with the range or options of the capability
 * document. `null` when the model does not carry it (absent from the document, or the capability document
 * exists and does not list it).
 */
export function readField(spec: FieldSpec, doc: ResourceDoc, caps: ResourceDoc | null): SettingField | null {
  const raw = at(doc.doc, spec.at)
  const cap = caps ? at(caps.doc, spec.capsAt ?? spec.at) : undefined
  if (caps && cap === undefined) return null
  if (spec.kind === 'set') {
    const offered = options(cap)
    return offered.length > 0
      ? { key: spec.key, kind: 'set', value: subscribed(raw, offered), options: offered }
      : null
  }
  if (raw === undefined) return null
  if (spec.kind === 'int') {
    const value = number(raw)
    if (value === undefined) return null
    const min = isNode(cap) ? number(cap['@min']) : undefined
    const max = isNode(cap) ? number(cap['@max']) : undefined
    return {
      key: spec.key,
      kind: 'int',
      value,
      ...(min !== undefined ? { min } : {}),
      ...(max !== undefined ? { max } : {}),
    }
  }
  if (spec.kind === 'bool') {
    const value = scalar(raw)
    if (value !== true && value !== false && value !== 'true' && value !== 'false') return null
    return { key: spec.key, kind: 'bool', value: value === true || value === 'true' }
  }
  const value = scalar(raw)
  if (typeof value !== 'string') return null
  const offered = options(cap)
  return { key: spec.key, kind: 'enum', value, ...(offered.length > 0 ? { options: offered } : {}) }
}

/** The value of one field in a document; a set needs the options the capability document offered. */
export function valueOf(spec: FieldSpec, doc: ResourceDoc, offered: string[]): SettingValue | undefined {
  if (spec.kind === 'set') return subscribed(at(doc.doc, spec.at), offered)
  return readField(spec, doc, null)?.value
}

/** The document with one field set, in the document's own style (XML text, typed JSON). */
export function writeField(spec: FieldSpec, doc: ResourceDoc, value: SettingValue): ResourceDoc {
  if (spec.kind === 'set') {
    const current = at(doc.doc, spec.at)
    const types = Array.isArray(value) ? value : []
    const block = {
      ...(isNode(current) ? current : {}),
      eventMode: 'list',
      EventList: { Event: types.map((type) => ({ type })) },
    }
    return { ...doc, doc: setAt(doc.doc, spec.at, block) }
  }
  const typed = doc.format === 'xml' ? String(value) : value
  return { ...doc, doc: setAt(doc.doc, spec.at, typed) }
}

/** Equal values: sets compare without order. */
export function sameValue(a: SettingValue | undefined, b: SettingValue | undefined): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return [...a].sort().join('\n') === [...b].sort().join('\n')
  return a === b
}
