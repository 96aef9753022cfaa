import type {
  ExpertDocument,
  ExpertResource,
  ExpertWrite,
  ExpertWriteResult,
} from '../../../shared/api/device-settings'
import { AppError } from '../../../shared/errors'
import {
  checkResourcePath,
  parseResourceText,
  serializeResource,
  type IsapiClient,
  type ResourceDoc,
} from '../../isapi'
import { writeVerified } from './verified-write'

/**
 * The settings resources the expert editor may open, each with the capability flag that lists it on a
 * model. The network address is left out on purpose: it is written only through the network section, which
 * follows the terminal to its new address and moves the registry with it.
 */
export const EXPERT_CATALOGUE: readonly ExpertResource[] = [
  { path: '/ISAPI/System/time', flag: 'isSupportTimeCap' },
  { path: '/ISAPI/System/time/ntpServers/1', flag: 'isSupportNtp' },
  { path: '/ISAPI/Event/notification/httpHosts', flag: 'isSupportSubscribeEvent' },
  { path: '/ISAPI/AccessControl/Door/param/1', flag: 'isSupportDoorCfg' },
  { path: '/ISAPI/AccessControl/CardReaderCfg/1?format=json', flag: 'isSupportCardReaderCfg' },
  { path: '/ISAPI/AccessControl/AcsCfg?format=json', flag: 'isSupportAcsCfg' },
  { path: '/ISAPI/AccessControl/FaceCompareCond', flag: 'isSupportFaceCompareCond' },
  { path: '/ISAPI/AccessControl/FaceRecognizeMode?format=json', flag: 'isSupportFaceRecognizeMode' },
  { path: '/ISAPI/AccessControl/IdentityTerminal', flag: 'isSupportIdentityTerminal' },
]

/** The catalogue entries this model's capability documents say it has. */
export async function expertResources(client: IsapiClient): Promise<ExpertResource[]> {
  const flags = await client.capabilityFlags()
  return EXPERT_CATALOGUE.filter((entry) => flags[entry.flag] === true)
}

/** Only a path this device lists, exactly as listed: no other path, host or query gets through. */
async function listed(client: IsapiClient, path: string): Promise<string> {
  checkResourcePath(path)
  const offered = await expertResources(client)
  if (!offered.some((entry) => entry.path === path)) {
    throw new AppError('validation_failed', `${path} is not among the resources this device lists`, {
      field: 'path',
    })
  }
  return path
}

async function readListed(client: IsapiClient, path: string): Promise<ResourceDoc> {
  const doc = await client.readResource(path)
  if (!doc) throw new AppError('not_found', `The device does not answer ${path}`)
  return doc
}

export async function readExpert(client: IsapiClient, path: string): Promise<ExpertDocument> {
  const doc = await readListed(client, await listed(client, path))
  return { path, format: doc.format, text: serializeResource(doc, true) }
}

/** Listening slots that carry a login but no password member: the device never returns passwords. */
function loginsWithoutPassword(node: unknown): number {
  if (Array.isArray(node)) return node.reduce<number>((sum, item) => sum + loginsWithoutPassword(item), 0)
  if (typeof node !== 'object' || node === null) return 0
  const record = node as Record<string, unknown>
  const method = record.httpAuthenticationMethod
  const own =
    typeof method === 'string' &&
    !['', 'none'].includes(method.trim().toLowerCase()) &&
    !('password' in record)
      ? 1
      : 0
  return own + Object.values(record).reduce<number>((sum, item) => sum + loginsWithoutPassword(item), 0)
}

/** Key order and the root's version/namespace attributes are not part of what a setting is. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([key]) => key !== '@version' && key !== '@xmlns')
      .sort(([a], [b]) => a.localeCompare(b))
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`).join(',')}}`
  }
  return JSON.stringify(typeof value === 'number' || typeof value === 'boolean' ? String(value) : value)
}

/**
 * Writes a document an admin edited, verified like every other setting: snapshot, write, read back; a
 * read-back that is not the document sent puts the snapshot back (`device_not_applied`).
 */
export async function writeExpert(client: IsapiClient, input: ExpertWrite): Promise<ExpertWriteResult> {
  const path = await listed(client, input.path)
  const current = await readListed(client, path)
  const wanted = parseResourceText(current, input.text)
  if (loginsWithoutPassword(wanted.doc) > 0) {
    throw new AppError(
      'conflict',
      'A listening slot with a login needs its password in the document: the device never returns it, and writing without it would erase it',
      { details: { path } },
    )
  }
  const { before, after } = await writeVerified<ResourceDoc>(
    {
      what: path,
      read: () => readListed(client, path),
      write: () => client.writeResource(wanted),
      restore: (snapshot) => client.writeResource(snapshot),
      kept: (doc) => canonical(doc.doc) === canonical(wanted.doc),
      same: (a, b) => canonical(a.doc) === canonical(b.doc),
    },
    serializeResource(wanted, true),
  ).catch((error: unknown) => {
    throw asText(error)
  })
  return {
    path,
    format: after.format,
    before: serializeResource(before, true),
    after: serializeResource(after, true),
    verified: true,
  }
}

/** A not-applied answer carries the documents as text, as the editor shows them. */
function asText(error: unknown): unknown {
  if (!(error instanceof AppError) || error.code !== 'device_not_applied') return error
  const details = error.extra.details as { actual: ResourceDoc; before: ResourceDoc } & Record<
    string,
    unknown
  >
  return new AppError('device_not_applied', error.message, {
    details: {
      ...details,
      actual: serializeResource(details.actual, true),
      before: serializeResource(details.before, true),
    },
  })
}
