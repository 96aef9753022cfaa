import * as routes from '../../../shared/api/routes/devices'
import { AppError } from '../../../shared/errors'
import type { AppContext } from '../context'
import { handle, routeGroup } from '../declared-routes'

/**
 * The device registry (no secrets ever leave it) and the connection test. Changes are for admins; any screen
 * may test a device, since the test only reads it and records its serial and model.
 */
export function deviceRoutes(ctx: AppContext) {
  const { registry, testDevice, removeDevice } = ctx.services.domain
  // a kept status report from before a change of address or password, or before a test, would contradict it
  const forgetStatus = (deviceId: string) => ctx.services.checks.status.forget(deviceId)
  return routeGroup(
    handle(routes.listDevices, () => registry.list()),
    handle(routes.createDevice, async (_c, input) => {
      const device = await registry.create(await input.body())
      ctx.logger.info({ deviceId: device.id, host: device.host }, 'device added')
      return device
    }),
    handle(routes.updateDevice, async (_c, input) => {
      const device = await registry.update(input.params.id, await input.body())
      forgetStatus(device.id)
      ctx.logger.info({ deviceId: device.id }, 'device changed')
      return device
    }),
    handle(routes.deleteDevice, async (c, { params }) => {
      // ?finishFirst=1: finish the undos still owed on the device now, then remove it if none is left
      await removeDevice(params.id, { finishFirst: c.req.query('finishFirst') === '1' })
      ctx.logger.info({ deviceId: params.id }, 'device removed')
    }),
    handle(routes.testDevice, async (c, { params }) => {
      // ?force=1: one more login with credentials refused before; an admin's call, since it may lock the device
      const force = c.req.query('force') === '1'
      if (force && c.get('caller').role !== 'admin') {
        throw new AppError('forbidden', 'Only an admin may force a login the device refused before')
      }
      try {
        return await testDevice(params.id, { force })
      } finally {
        forgetStatus(params.id)
      }
    }),
  )
}
