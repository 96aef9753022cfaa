import { Hono } from 'hono'
import { DeviceCreate, DevicePatch, type Device, type DeviceTestResult } from '../../../shared/api/devices'
import { AppError } from '../../../shared/errors'
import type { AppContext, AppEnv } from '../context'
import { requireRole } from '../middleware/auth'
import { readJson } from '../validate'

/**
 * The device registry (no secrets ever leave it) and the connection test. Changes are for admins; any screen
 * may test a device, since the test only reads it and records its serial and model.
 */
export function deviceRoutes(ctx: AppContext): Hono<AppEnv> {
  const { registry, testDevice, removeDevice } = ctx.services.domain
  // a kept status report from before a change of address or password, or before a test, would contradict it
  const forgetStatus = (deviceId: string) => ctx.services.checks.status.forget(deviceId)
  return new Hono<AppEnv>()
    .get('/devices', (c) => c.json<Device[]>(registry.list()))
    .post('/devices', requireRole('admin'), async (c) => {
      const device = await registry.create(await readJson(c, DeviceCreate))
      ctx.logger.info({ deviceId: device.id, host: device.host }, 'device added')
      return c.json<Device>(device, 201)
    })
    .patch('/devices/:id', requireRole('admin'), async (c) => {
      const device = await registry.update(c.req.param('id'), await readJson(c, DevicePatch))
      forgetStatus(device.id)
      ctx.logger.info({ deviceId: device.id }, 'device changed')
      return c.json<Device>(device)
    })
    .delete('/devices/:id', requireRole('admin'), async (c) => {
      // ?finishFirst=1: finish the undos still owed on the device now, then remove it if none is left
      await removeDevice(c.req.param('id'), { finishFirst: c.req.query('finishFirst') === '1' })
      ctx.logger.info({ deviceId: c.req.param('id') }, 'device removed')
      return c.body(null, 204)
    })
    .post('/devices/:id/test', async (c) => {
      // ?force=1: one more login with credentials refused before; an admin's call, since it may lock the device
      const force = c.req.query('force') === '1'
      if (force && c.get('caller').role !== 'admin') {
        throw new AppError('forbidden', 'Only an admin may force a login the device refused before')
      }
      try {
        return c.json<DeviceTestResult>(await testDevice(c.req.param('id'), { force }))
      } finally {
        forgetStatus(c.req.param('id'))
      }
    })
}
