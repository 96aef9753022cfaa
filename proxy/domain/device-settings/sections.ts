import type { SettingsUnavailable } from '../../../shared/api/device-settings'
import { AppError } from '../../../shared/errors'
import { isAbsent } from '../../isapi'

/** A section with its data, or why the page shows it read-only and empty. */
export type Section<T extends object> = ({ supported: true } & T) | SettingsUnavailable

export function notSupported(detail: string): SettingsUnavailable {
  return { supported: false, reason: 'not_supported', detail }
}

/**
 * Reads one section. `null` from the reader, or a refusal that only says "no such endpoint", means the model
 * lacks it; any other failure is this section's own (`read_failed`), so one silent endpoint does not blank
 * the whole page.
 */
export async function readSection<T extends object>(
  absentDetail: string,
  read: () => Promise<T | null>,
): Promise<Section<T>> {
  try {
    const data = await read()
    return data === null ? notSupported(absentDetail) : { supported: true, ...data }
  } catch (error) {
    if (isAbsent(error)) return notSupported(absentDetail)
    const known = error instanceof AppError ? error : null
    return {
      supported: false,
      reason: 'read_failed',
      detail: known?.message ?? 'The device did not answer this part',
      error: { code: known?.code ?? 'internal', message: known?.message ?? 'Unexpected failure' },
    }
  }
}

/** A probe whose failure only means "we do not know": the sections decide on their own reads. */
export async function quietly<T>(read: () => Promise<T>): Promise<T | null> {
  try {
    return await read()
  } catch (error) {
    if (error instanceof AppError && error.code === 'device_unreachable') throw error
    return null
  }
}
