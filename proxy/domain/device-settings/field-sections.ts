import type {
  FieldsSection,
  FieldsWriteResult,
  SettingField,
  SettingValue,
} from '../../../shared/api/device-settings'
import { AppError } from '../../../shared/errors'
import type { IsapiClient, ResourceDoc } from '../../isapi'
import type { ResourceSpec } from './field-specs'
import { readField, sameValue, valueOf, writeField } from './field-values'
import { notSupported } from './sections'
import { writeVerified } from './verified-write'

type Values = Record<string, SettingValue>

interface Loaded {
  spec: ResourceSpec
  fields: SettingField[]
}

/** The resources of a section this model has, with the fields it carries; capability flags first. */
async function load(client: IsapiClient, specs: ResourceSpec[]): Promise<Loaded[]> {
  const flags = await client.capabilityFlags()
  const loaded: Loaded[] = []
  for (const spec of specs) {
    if (flags[spec.flag] === false) continue
    const doc = await client.readResource(spec.path)
    if (!doc) continue
    const caps = await client.readResource(spec.capsPath).catch(() => null)
    const fields = spec.fields
      .map((field) => readField(field, doc, caps))
      .filter((field): field is SettingField => field !== null)
    if (fields.length > 0) loaded.push({ spec, fields })
  }
  return loaded
}

/** What the page shows for one section: its fields, or why the model has none. */
export async function readFieldsSection(client: IsapiClient, specs: ResourceSpec[]): Promise<FieldsSection> {
  const loaded = await load(client, specs)
  if (loaded.length === 0) {
    return notSupported(`The device offers none of ${specs.map((spec) => spec.path).join(', ')}`)
  }
  return { supported: true, fields: loaded.flatMap((item) => item.fields) }
}

function valuesOf(spec: ResourceSpec, fields: SettingField[], doc: ResourceDoc): Values {
  const values: Values = {}
  for (const field of spec.fields) {
    const offered = fields.find((item) => item.key === field.key)
    if (!offered) continue
    const value = valueOf(field, doc, offered.options ?? [])
    if (value !== undefined) values[field.key] = value
  }
  return values
}

function checkValue(field: SettingField, value: SettingValue): void {
  const refuse = (why: string) => {
    throw new AppError('validation_failed', `${field.key}: ${why}`, { field: field.key })
  }
  switch (field.kind) {
    case 'int':
      if (typeof value !== 'number' || !Number.isInteger(value)) refuse('a whole number is needed')
      if (field.min !== undefined && (value as number) < field.min) refuse(`at least ${field.min}`)
      if (field.max !== undefined && (value as number) > field.max) refuse(`at most ${field.max}`)
      return
    case 'bool':
      if (typeof value !== 'boolean') refuse('true or false')
      return
    case 'enum':
      if (typeof value !== 'string') refuse('one of the offered values')
      if (field.options && !field.options.includes(value as string))
        refuse(`one of ${field.options.join(', ')}`)
      return
    case 'set':
      if (!Array.isArray(value) || value.length === 0) refuse('choose at least one')
      for (const item of value as string[]) {
        if (!field.options?.includes(item)) refuse(`${item} is not offered by this device`)
      }
  }
}

/**
 * Writes a section's values, resource by resource, each verified (snapshot → write → read back → restore).
 * Every key is checked against what this model offers before anything is sent; when a later resource fails,
 * the ones already written are put back too, so a section never ends half-written.
 */
export async function writeFieldsSection(
  client: IsapiClient,
  specs: ResourceSpec[],
  want: Values,
): Promise<FieldsWriteResult> {
  const loaded = await load(client, specs)
  if (loaded.length === 0) {
    throw new AppError('device_rejected', 'This device model does not offer these settings', {
      subStatusCode: 'notSupport',
      details: { reason: 'not_supported' },
    })
  }
  for (const [key, value] of Object.entries(want)) {
    const field = loaded.flatMap((item) => item.fields).find((item) => item.key === key)
    if (!field)
      throw new AppError('validation_failed', `${key} is not offered by this device`, { field: key })
    checkValue(field, value)
  }
  const done: Array<{ before: ResourceDoc }> = []
  const before: Values = {}
  const after: Values = {}
  try {
    for (const { spec, fields } of loaded) {
      const mine = Object.entries(want).filter(([key]) => fields.some((field) => field.key === key))
      if (mine.length === 0) continue
      const values = (doc: ResourceDoc) => valuesOf(spec, fields, doc)
      const current = spec.refuseWrite && (await client.readResource(spec.path))
      const refused = current ? spec.refuseWrite?.(current) : null
      if (refused) throw new AppError('conflict', refused, { details: { path: spec.path } })
      const written = await writeVerified<ResourceDoc>(
        {
          what: spec.path,
          read: async () => {
            const doc = await client.readResource(spec.path)
            if (!doc) throw new AppError('device_bad_response', `${spec.path} disappeared during the write`)
            return doc
          },
          write: (snapshot) =>
            client.writeResource(
              mine.reduce((doc, [key, value]) => {
                const field = spec.fields.find((item) => item.key === key)
                return field ? writeField(field, doc, value) : doc
              }, snapshot),
            ),
          restore: (snapshot) => client.writeResource(snapshot),
          kept: (doc) => mine.every(([key, value]) => sameValue(values(doc)[key], value)),
          same: (a, b) => {
            const va = values(a)
            const vb = values(b)
            return Object.keys(vb).every((key) => sameValue(va[key], vb[key]))
          },
        },
        Object.fromEntries(mine),
      ).catch((error: unknown) => {
        throw withValues(error, values)
      })
      done.push({ before: written.before })
      Object.assign(before, values(written.before))
      Object.assign(after, values(written.after))
    }
  } catch (error) {
    for (const { before: snapshot } of done.reverse())
      await client.writeResource(snapshot).catch(() => undefined)
    throw error
  }
  return { before, after, verified: true }
}

/** A not-applied answer names field values, not whole device documents. */
function withValues(error: unknown, values: (doc: ResourceDoc) => Values): unknown {
  if (!(error instanceof AppError) || error.code !== 'device_not_applied') return error
  const details = error.extra.details as { actual: ResourceDoc; before: ResourceDoc } & Record<
    string,
    unknown
  >
  return new AppError('device_not_applied', error.message, {
    details: { ...details, actual: values(details.actual), before: values(details.before) },
  })
}
