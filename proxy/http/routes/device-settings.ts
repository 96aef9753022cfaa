import { Hono } from 'hono'
import {
  DoorOpenRequest,
  NtpSettingsWrite,
  type DeviceSettings,
  type DoorOpenResult,
  type NtpSettingsResult,
} from '../../../shared/api/device-settings'
import type { AppContext, AppEnv } from '../context'
import { requireRole } from '../middleware/auth'
import { readJson } from '../validate'

/**
 * A device's settings page, for admins only: an operator screen enrolls, checks and looks up students, and
 * has no business with a terminal's configuration, not even to read its network setup.
 */
export function deviceSettingsRoutes(ctx: AppContext): Hono<AppEnv> {
  const settings = ctx.services.deviceSettings
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
    .post('/devices/:id/door/open', requireRole('admin'), async (c) => {
      // the body is optional: no body means door 1
      const body = (await c.req.text()).trim() === '' ? {} : await readJson(c, DoorOpenRequest)
      const result = await settings.openDoor(c.req.param('id'), body)
      ctx.logger.info({ deviceId: c.req.param('id'), doorId: result.doorId }, 'door open command sent')
      return c.json<DoorOpenResult>(result)
    })
}
