import type { Context } from 'hono'
import type { FieldsSectionName } from '../../../shared/api/device-settings'
import * as routes from '../../../shared/api/routes/device-settings'
import { AppError } from '../../../shared/errors'
import type { AppContext, AppEnv } from '../context'
import { handle, routeGroup, type RouteInput } from '../declared-routes'

type FieldsWriteRoute =
  typeof routes.writeDoorSettings | typeof routes.writeFaceSettings | typeof routes.writeEventSettings

/**
 * A device's settings page, for admins only: an operator screen enrolls, checks and looks up students, and
 * has no business with a terminal's configuration, not even to read its network setup.
 */
export function deviceSettingsRoutes(ctx: AppContext) {
  const settings = ctx.services.deviceSettings
  const writeFields =
    (section: FieldsSectionName) => async (_c: Context<AppEnv>, input: RouteInput<FieldsWriteRoute>) => {
      const result = await settings.writeFields(input.params.id, section, await input.body())
      ctx.logger.info(
        { deviceId: input.params.id, section, keys: Object.keys(result.after) },
        'device settings written and read back',
      )
      return result
    }
  return routeGroup(
    handle(routes.readDeviceSettings, (_c, { params }) => settings.read(params.id)),
    handle(routes.writeNtpSettings, async (_c, input) => {
      const result = await settings.writeNtp(input.params.id, await input.body())
      ctx.logger.info(
        { deviceId: input.params.id, server: result.after.server.server, timeMode: result.after.timeMode },
        'device NTP settings written and read back',
      )
      return result
    }),
    handle(routes.writeNetworkSettings, async (_c, input) => {
      const result = await settings.writeNetwork(input.params.id, await input.body())
      ctx.logger.info(
        { deviceId: input.params.id, from: result.previousAddress.host, to: result.address.host },
        'device network settings written, device found at its new address',
      )
      return result
    }),
    handle(routes.writeDoorSettings, writeFields('door')),
    handle(routes.writeFaceSettings, writeFields('face')),
    handle(routes.writeEventSettings, writeFields('events')),
    handle(routes.listExpertResources, (_c, { params }) => settings.expertList(params.id)),
    handle(routes.readExpertDocument, (c, { params }) => {
      const path = c.req.query('path')
      if (!path) throw new AppError('validation_failed', 'Give the resource path', { field: 'path' })
      return settings.expertRead(params.id, path)
    }),
    handle(routes.writeExpertDocument, async (_c, input) => {
      const result = await settings.expertWrite(input.params.id, await input.body())
      ctx.logger.info(
        { deviceId: input.params.id, path: result.path },
        'device resource written and read back',
      )
      return result
    }),
    handle(routes.openDoor, async (c, input) => {
      // the body is optional: no body means door 1
      const body = (await c.req.text()).trim() === '' ? {} : await input.body()
      const result = await settings.openDoor(input.params.id, body)
      ctx.logger.info({ deviceId: input.params.id, doorId: result.doorId }, 'door open command sent')
      return result
    }),
  )
}
