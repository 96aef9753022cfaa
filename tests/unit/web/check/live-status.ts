import type { DeviceStatusReport } from '../../../../shared/api/status'

/** A live entrance terminal as GET /api/devices/status reports it, with nothing to fix. */
export const LIVE_STATUS: DeviceStatusReport = {
  id: 'd1',
  name: 'Asosiy kirish',
  direction: 'in',
  online: true,
  clock: null,
  webhook: null,
  timeDriftSec: 0,
  checkedAt: '2026-11-25T08:00:00.000Z',
}
