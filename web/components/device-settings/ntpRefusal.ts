import { isApiError } from '../../api/errors'

type Translate = (key: string, named?: Record<string, unknown>) => string

/**
 * Why the NTP settings were turned down, in the screen's words, when the refusal concerns what was typed
 * (the address or the interval): by the proxy before writing (not a host name or IP address), or by the
 * terminal, whose own sub-status (`badXmlContent`…) and field name (`hostName`) mean nothing to the person
 * who typed them. Null for any other failure, which the general error notice words.
 */
export function ntpRefusalText(t: Translate, error: unknown, typed: { server: string }): string | null {
  if (!isApiError(error)) return null
  if (error.code === 'validation_failed') {
    if (error.field?.includes('synchronizeInterval')) return t('deviceSettings.time.refused.interval')
    if (error.field?.includes('server')) return t('deviceSettings.time.refused.invalid', typed)
    return null
  }
  if (error.code !== 'device_rejected') return null
  const sub = (error.subStatusCode ?? '').toLowerCase()
  if (sub === 'notsupport') return t('deviceSettings.time.refused.notSupported')
  const field = deviceField(error.details).toLowerCase()
  if (field.includes('interval')) return t('deviceSettings.time.refused.interval')
  return t('deviceSettings.time.refused.server', typed)
}

/** The element the device named in its refusal (`errorMsg`), when it named one. */
function deviceField(details: unknown): string {
  if (typeof details !== 'object' || details === null) return ''
  const { errorMsg } = details as { errorMsg?: unknown }
  return typeof errorMsg === 'string' ? errorMsg : ''
}
