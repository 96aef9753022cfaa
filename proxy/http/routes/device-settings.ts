import { Hono, type Context } from 'hono'
import {
  DoorOpenRequest,
  ExpertWrite,
  FieldsWrite,
  NetworkWrite,
  NtpSettingsWrite,
  type DeviceSettings,
  type DoorOpenResult,
  type ExpertDocument,
  type ExpertResourceList,
  type ExpertWriteResult,
  type FieldsSectionName,
  type FieldsWriteResult,
  type NetworkWriteResult,
  type NtpSettingsResult,
} from '../../../shared/api/device-settings'
import { AppError } from '../../../shared/errors'
import type { AppContext, AppEnv } from '../context'
import { requireRole } from '../middleware/auth'
import { readJson } from '../validate'

/**
 * A device's settings page, for admins only: an operator screen enrolls, checks and looks up students, and
 * has no business with a terminal's configuration, not even to read its network setup.
 */
export function deviceSettingsRoutes(ctx: AppContext): Hono<AppEnv> {
  const settings = ctx.services.deviceSettings
  const writeFields = async (c: Context<AppEnv>, section: FieldsSectionName) => {
    const result = await settings.writeFields(
      c.req.param('id') ?? '',
      section,
      await readJson(c, FieldsWrite),
    )
    ctx.logger.info(
      { deviceId: c.req.param('id'), section, keys: Object.keys(result.after) },
      'device settings written and read back',
    )
    return c.json<FieldsWriteResult>(result)
  }
  return new Hono<AppEnv>()
    .get('/devices/:id/settings', requireRole('admin'), async (c) =>
      c.json<DeviceSettings>(await settings.read(c.req.param('id'))),
    )
    .put('/devices/:id/settings/ntp', requireRole('admin'), async (c) => {
      const result = await settings.writeNtp(c.req.param('id'), await readJson(c, NtpSettingsWrite))
      ctx.logger.info(
        { deviceId: c.req.param('id'), server: result.after.server.server, timeMode: result.after.timeMode },
        'device NTP settings written and read back',
      )
      return c.json<NtpSettingsResult>(result)
    })
    .put('/devices/:id/settings/network', requireRole('admin'), async (c) => {
      const result = await settings.writeNetwork(c.req.param('id'), await readJson(c, NetworkWrite))
      ctx.logger.info(
        { deviceId: c.req.param('id'), from: result.previousAddress.host, to: result.address.host },
        'device network settings written, device found at its new address',
      )
      return c.json<NetworkWriteResult>(result)
    })
    .put('/devices/:id/settings/door', requireRole('admin'), (c) => writeFields(c, 'door'))
    .put('/devices/:id/settings/face', requireRole('admin'), (c) => writeFields(c, 'face'))
    .put('/devices/:id/settings/events', requireRole('admin'), (c) => writeFields(c, 'events'))
    .get('/devices/:id/settings/expert', requireRole('admin'), async (c) =>
      c.json<ExpertResourceList>(await settings.expertList(c.req.param('id'))),
    )
    .get('/devices/:id/settings/expert/document', requireRole('admin'), async (c) => {
      const path = c.req.query('path')
      if (!path) throw new AppError('validation_failed', 'Give the resource path', { field: 'path' })
      return c.json<ExpertDocument>(await settings.expertRead(c.req.param('id'), path))
    })
    .put('/devices/:id/settings/expert', requireRole('admin'), async (c) => {
      const result = await settings.expertWrite(c.req.param('id'), await readJson(c, ExpertWrite))
      ctx.logger.info(
        { deviceId: c.req.param('id'), path: result.path },
        'device resource written and read back',
      )
      return c.json<ExpertWriteResult>(result)
    })
    .post('/devices/:id/door/open', requireRole('admin'), async (c) => {
      // the body is optional: no body means door 1
      const body = (await c.req.text()).trim() === '' ? {} : await readJson(c, DoorOpenRequest)
      const result = await settings.openDoor(c.req.param('id'), body)
      ctx.logger.info({ deviceId: c.req.param('id'), doorId: result.doorId }, 'door open command sent')
      return c.json<DoorOpenResult>(result)
    })
}
