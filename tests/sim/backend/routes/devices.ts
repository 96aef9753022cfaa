import { ADMIN, STAFF } from '../auth'
import { fail, fastifyError, objectBody, requireFields, str, trimmed, type HttpError } from '../http-io'
import type { SimContext } from '../context'
import type { Router } from '../router'
import { serializeDevice } from '../model'
import { newId, nowIso, type BackendState, type DeviceRecord } from '../state'

const TYPES = ['ENTRANCE', 'EXIT'] as const

function typeError(): HttpError {
  return fastifyError(400, 'FST_ERR_VALIDATION', 'body/type must be equal to one of the allowed values')
}

function ensureSerialFree(state: BackendState, serial: string, exceptId: string | null): void {
  const taken = [...state.devices.values()].some((d) => d.deviceId === serial && d.id !== exceptId)
  if (taken) throw fail(409, 'Device with this deviceId already exists')
}

function deviceOf(state: BackendState, id: string): DeviceRecord {
  const device = state.devices.get(id)
  if (!device) throw fail(404, 'Device not found')
  return device
}

export function deviceRoutes(router: Router, { state }: SimContext): void {
  router.add('GET', '/schools/:schoolId/devices', (req) => {
    const { schoolId = '' } = req.params
    req.auth.user(STAFF, schoolId)
    const devices = [...state.devices.values()]
      .filter((d) => d.schoolId === schoolId)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
    return { json: devices.map(serializeDevice) }
  })

  router.add('POST', '/schools/:schoolId/devices', (req) => {
    const { schoolId = '' } = req.params
    req.auth.user(ADMIN, schoolId)
    const body = objectBody(req.body)
    requireFields(body, ['name', 'deviceId', 'type'])
    const type = str(body.type) as DeviceRecord['type']
    if (!TYPES.includes(type)) throw typeError()
    const serial = trimmed(body.deviceId)
    ensureSerialFree(state, serial, null)
    const now = nowIso()
    const device: DeviceRecord = {
      id: newId(),
      name: trimmed(body.name),
      deviceId: serial,
      type,
      location: str(body.location) ?? null,
      isActive: true,
      lastSeenAt: null,
      schoolId,
      createdAt: now,
      updatedAt: now,
    }
    state.devices.set(device.id, device)
    return { json: serializeDevice(device) }
  })

  router.add('PUT', '/devices/:id', (req) => {
    const device = deviceOf(state, req.params.id ?? '')
    req.auth.user(ADMIN, device.schoolId)
    const body = objectBody(req.body)
    if (body.type !== undefined && !TYPES.includes(str(body.type) as DeviceRecord['type'])) throw typeError()
    if (body.deviceId !== undefined) ensureSerialFree(state, trimmed(body.deviceId), device.id)
    if (body.name !== undefined) device.name = trimmed(body.name)
    if (body.deviceId !== undefined) device.deviceId = trimmed(body.deviceId)
    if (body.type !== undefined) device.type = str(body.type) as DeviceRecord['type']
    if (body.location !== undefined) device.location = str(body.location) ?? null
    if (typeof body.isActive === 'boolean') device.isActive = body.isActive
    if (body.lastSeenAt !== undefined) device.lastSeenAt = str(body.lastSeenAt) ?? null
    device.updatedAt = nowIso()
    return { json: serializeDevice(device) }
  })

  router.add('DELETE', '/devices/:id', (req) => {
    const device = deviceOf(state, req.params.id ?? '')
    req.auth.user(ADMIN, device.schoolId)
    state.devices.delete(device.id)
    return { json: serializeDevice(device) }
  })

  router.add('GET', '/schools/:schoolId/webhook-info', (req) => {
    const { schoolId = '' } = req.params
    req.auth.user(ADMIN, schoolId)
    const school = state.schools.get(schoolId)
    if (!school) throw fail(404, 'School not found')
    const inUrl = `/webhook/${schoolId}/in`
    const outUrl = `/webhook/${schoolId}/out`
    return {
      json: {
        enforceSecret: true,
        secretHeaderName: 'x-webhook-secret',
        inUrl,
        outUrl,
        inUrlWithSecret: `${inUrl}?secret=${school.webhookSecretIn}`,
        outUrlWithSecret: `${outUrl}?secret=${school.webhookSecretOut}`,
        inSecret: school.webhookSecretIn,
        outSecret: school.webhookSecretOut,
      },
    }
  })
}
