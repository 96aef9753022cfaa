import type { Device } from '../../../shared/api/devices'
import { AppError } from '../../../shared/errors'
import type { DeviceCapabilities, IsapiClient } from '../../isapi'
import type { DeviceClients } from '../device-clients'
import type { DeviceRegistry } from '../device-registry'
import type { DeviceFactsCache } from './device-facts-cache'
import { personPresent } from './device-ops'
import { stepError } from './step-log'
import type { StepError } from '../../store/sagas-repo'

export interface Target {
  deviceId: string
  device: Device
  client: IsapiClient
  /** the registry's kept device capabilities */
  facts: DeviceFactsCache
}

/**
 * The devices a saga will speak to, checked before anything is sent to any of them: every id must be in
 * the registry, and every password still valid (an expired one is refused for all, not found out halfway).
 */
export function resolveTargets(
  { registry, clients, facts }: { registry: DeviceRegistry; clients: DeviceClients; facts: DeviceFactsCache },
  deviceIds: string[],
): Target[] {
  const unique = [...new Set(deviceIds)]
  const devices = unique.map((deviceId) => {
    try {
      return registry.get(deviceId)
    } catch (error) {
      if (error instanceof AppError && error.code === 'not_found') {
        throw new AppError('not_found', `No device with id ${deviceId}`, { field: 'deviceIds' })
      }
      throw error
    }
  })
  return devices.map((device) => ({ deviceId: device.id, device, client: clients.get(device.id), facts }))
}

export interface Probe {
  caps: DeviceCapabilities
  /** a person under the employeeNo is on the device */
  present: boolean
}

export type ProbeResult = { ok: true; probe: Probe } | { ok: false; error: StepError }

/**
 * The pre-flight check, read-only and on every device at once: the device answers with the login we
 * have, its capabilities (name limit, Modify and FDSetUp support) are known, and we know whether the
 * employeeNo is already taken there. A device that cannot pass it stops the saga before anything is written.
 * The capabilities come from the registry's cache, so a device is usually asked one thing: the number.
 * The number is always asked before it is used, here or, in a run of students, by the read-back of the
 * student before, seconds ago; then the device is not asked at all, having just answered with our login.
 * A student sent while the one before is still being written waits for that read-back's answer.
 * A person added under that very number in those seconds is still safe: the device refuses to create a
 * second one (`employeeNoAlreadyExist`), and the saga reports `duplicate` and overwrites nothing.
 */
export async function probeAll(targets: Target[], employeeNo: string): Promise<Map<string, ProbeResult>> {
  const results = await Promise.all(
    targets.map(async (target): Promise<[string, ProbeResult]> => {
      try {
        const [caps, present] = await Promise.all([
          target.facts.capabilities(target.device, target.client),
          isPresent(target, employeeNo),
        ])
        return [target.deviceId, { ok: true, probe: { caps, present } }]
      } catch (error) {
        // a refused login or a device that stopped answering may be new firmware or a swapped unit
        target.facts.invalidate(target.deviceId)
        return [target.deviceId, { ok: false, error: stepError(error) }]
      }
    }),
  )
  return new Map(results)
}

async function isPresent(target: Target, employeeNo: string): Promise<boolean> {
  await target.facts.answered(target.deviceId, employeeNo)
  if (target.facts.knownFree(target.deviceId, employeeNo)) return false
  return personPresent(target.client, employeeNo)
}

/** Asks only whether the number is taken, on devices already probed (after a new number was drawn). */
export async function recheckNumber(
  targets: Target[],
  probes: Map<string, ProbeResult>,
  employeeNo: string,
): Promise<void> {
  await Promise.all(
    targets.map(async (target) => {
      const current = probes.get(target.deviceId)
      if (!current?.ok) return
      try {
        current.probe.present = await personPresent(target.client, employeeNo)
      } catch (error) {
        target.facts.invalidate(target.deviceId)
        probes.set(target.deviceId, { ok: false, error: stepError(error) })
      }
    }),
  )
}
