import type { ActivateTerminal } from '../../../shared/api/discovery'
import { devicePasswordProblems } from '../../../shared/device-password'
import { AppError } from '../../../shared/errors'
import type { ActivationOptions, ActivationTarget } from '../../isapi/activation'

export interface ActivateDeps {
  activationStatus(target: ActivationTarget, options?: ActivationOptions): Promise<boolean>
  activateDevice(target: ActivationTarget, password: string, options?: ActivationOptions): Promise<void>
  /** the allowed-networks fence for the device's address */
  fence: Pick<ActivationOptions, 'beforeConnect' | 'lookup'>
}

/**
 * Gives a terminal fresh out of the box its admin password. The password rule is checked before anything
 * is sent; an already activated terminal is refused (`conflict`) rather than sent a new password it would
 * reject; and the activation counts only when the device says afterwards that it is activated.
 */
export async function activateTerminal(deps: ActivateDeps, input: ActivateTerminal): Promise<void> {
  const problems = devicePasswordProblems(input.password)
  if (problems.length > 0) {
    throw new AppError(
      'validation_failed',
      `password is not accepted by terminals (${problems.join(', ')}): 8–16 characters, two kinds or more, not containing "admin"`,
      { field: 'password', details: { problems } },
    )
  }
  const target: ActivationTarget = { host: input.host, port: input.port, scheme: input.scheme ?? 'http' }
  if (await deps.activationStatus(target, deps.fence)) {
    throw new AppError('conflict', 'This terminal is already activated; add it with its password', {
      details: { reason: 'already_activated' },
    })
  }
  await deps.activateDevice(target, input.password, deps.fence)
  if (!(await deps.activationStatus(target, deps.fence))) {
    throw new AppError(
      'device_not_applied',
      'The terminal answered the activation but still says it is inactive',
    )
  }
}
