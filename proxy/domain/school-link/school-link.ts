import type { BackendDevice } from '../../../shared/api/backend'
import type { Device } from '../../../shared/api/devices'
import type { SchoolLinkRequest, SchoolLinkView, SchoolServerDevice } from '../../../shared/api/school-link'
import { AppError } from '../../../shared/errors'
import type { BackendAccess } from '../students/backend-access'
import type { DeviceRegistry } from '../device-registry'

export interface SchoolLinkDeps {
  registry: Pick<DeviceRegistry, 'get' | 'list' | 'update'>
  backend: BackendAccess
}

const typeOf = (device: Device): 'ENTRANCE' | 'EXIT' => (device.direction === 'out' ? 'EXIT' : 'ENTRANCE')
const sameName = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase()

function shown(device: BackendDevice): SchoolServerDevice {
  return {
    id: device.id,
    name: device.name,
    serial: device.deviceId,
    type: device.type,
    location: device.location,
  }
}

/**
 * Which school-server device a terminal is: the attendance webhook names the device by it, so a wrong link
 * files a student's arrival under another gate. Picked from the server's list (the same serial first, else
 * the same name) or created there with the terminal's serial and the type its direction gives, instead of
 * an id typed by hand.
 */
export class SchoolLink {
  constructor(private readonly deps: SchoolLinkDeps) {}

  async view(deviceId: string): Promise<SchoolLinkView> {
    const device = this.deps.registry.get(deviceId)
    const server = await this.deps.backend.require().listDevices()
    const others = this.deps.registry.list().filter((other) => other.id !== deviceId)
    const candidates = server.map((entry) => ({
      device: shown(entry),
      match:
        device.deviceId && entry.deviceId === device.deviceId
          ? ('serial' as const)
          : sameName(entry.name, device.name)
            ? ('name' as const)
            : null,
      linkedTo: others.find((other) => other.backendId === entry.id)?.id ?? null,
    }))
    const bySerial = candidates.find((c) => c.match === 'serial')
    const byName = candidates.filter((c) => c.match === 'name' && c.linkedTo === null)
    const linked = server.find((entry) => entry.id === device.backendId)
    return {
      linked: linked ? shown(linked) : null,
      candidates: candidates.sort(
        (a, b) => rank(a.match) - rank(b.match) || a.device.name.localeCompare(b.device.name),
      ),
      suggestion: bySerial?.device.id ?? (byName.length === 1 ? (byName[0]?.device.id ?? null) : null),
      create: { name: device.name, serial: device.deviceId, type: typeOf(device) },
    }
  }

  async link(deviceId: string, request: SchoolLinkRequest): Promise<Device> {
    const device = this.deps.registry.get(deviceId)
    const client = this.deps.backend.require()
    if ('backendId' in request) {
      const exists = (await client.listDevices()).some((entry) => entry.id === request.backendId)
      if (!exists)
        throw new AppError('not_found', 'The school server has no such device', { field: 'backendId' })
      return this.deps.registry.update(deviceId, { backendId: request.backendId })
    }
    if (!device.deviceId) {
      throw new AppError(
        'validation_failed',
        'The terminal’s serial number is not known yet: test its connection first, then create it on the school server',
        { field: 'deviceId', details: { reason: 'serial_unknown' } },
      )
    }
    const serial = device.deviceId
    const created = await client
      .createDevice({ name: device.name, deviceId: serial, type: typeOf(device) })
      .catch(async (error: unknown) => {
        // created by an earlier try whose answer was lost, or by someone on the server's own pages
        const existing = (await client.listDevices()).find((entry) => entry.deviceId === serial)
        if (existing) return existing
        throw error
      })
    return this.deps.registry.update(deviceId, { backendId: created.id })
  }
}

function rank(match: 'serial' | 'name' | null): number {
  return match === 'serial' ? 0 : match === 'name' ? 1 : 2
}
