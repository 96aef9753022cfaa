import { useI18n } from 'vue-i18n'
import { utcOffsetFromPosix } from '../../shared/device-zone'
import { useFormat } from './useFormat'
import { utcLabel } from '../components/check/clockText'

/** Internal ids a person cannot act on: the entry's target names what was changed. */
const INTERNAL_IDS = new Set(['id', 'tokenId', 'deviceId', 'backendId', 'clientId', 'studentId', 'jobId'])
const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d/

/**
 * A change's fields and values in the screen's language: field names and known values from the language
 * files, times through Intl, a device's zone as UTC+5; the proxy's codes only where nothing better is known.
 */
export function useAuditValues() {
  const { t, te } = useI18n()
  const { dateTime, wallClock } = useFormat()

  const field = (name: string) => (te(`audit.fields.${name}`) ? t(`audit.fields.${name}`) : name)
  const shownField = (name: string) => !INTERNAL_IDS.has(name)

  function value(name: string, raw: string): string {
    if (name === 'role' && te(`audit.roles.${raw}`)) return t(`audit.roles.${raw}`)
    if (te(`audit.values.${name}.${raw}`)) return t(`audit.values.${name}.${raw}`)
    if (name === 'timeZone') {
      const offset = utcOffsetFromPosix(raw)
      return offset === null ? raw : utcLabel(offset)
    }
    if (ISO_TIME.test(raw)) return name === 'deviceTime' ? wallClock(raw) : dateTime(raw)
    return raw
  }

  /** The school server's journal codes (`DEVICE_RESULT`, `SUCCESS`), each once, in words. */
  function serverEvent(codes: Array<string | null | undefined>): string {
    const unique = [...new Set(codes.filter((code): code is string => !!code))]
    return unique
      .map((code) => (te(`audit.server.codes.${code}`) ? t(`audit.server.codes.${code}`) : code))
      .join(' · ')
  }

  return { field, shownField, value, serverEvent }
}
