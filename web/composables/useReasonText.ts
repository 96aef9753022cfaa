import { useI18n } from 'vue-i18n'
import { deviceErrorMessage, type MessageLang } from '../../shared/api'
import { isLocale } from '../i18n'

/** A refusal as the draft or a device outcome keeps it. */
export interface Reason {
  code: string
  message?: string
  field?: string
  retryAfterSec?: number
  subStatusCode?: string
}

const FIELD_LABELS: Record<string, string> = {
  firstName: 'enroll.firstName',
  lastName: 'enroll.lastName',
  fatherName: 'enroll.fatherName',
  classId: 'enroll.className',
  gender: 'enroll.gender',
  face: 'enroll.photoTitle',
  deviceIds: 'enroll.devicesTitle',
}

/**
 * Plain words for why a registration did not go through: from the language files by the stable code, and for
 * a device's own refusal the shared device messages by its sub-status (never the raw English message).
 */
export function useReasonText() {
  const { t, te, locale } = useI18n()

  function reason(error: Reason | null | undefined): string {
    if (!error) return ''
    const lang: MessageLang = isLocale(locale.value) ? locale.value : 'uz'
    if (error.code === 'device_rejected' && error.subStatusCode)
      return deviceErrorMessage(error.subStatusCode)[lang]
    if (error.code === 'duplicate' && error.field?.endsWith('employeeNo'))
      return t('progress.alreadyEnrolled')
    if (error.code === 'validation_failed' && error.field) {
      const last = error.field.split('.').pop() ?? error.field
      const label = FIELD_LABELS[last]
      return t('errors.validation_failed_field', { field: label ? t(label) : error.field })
    }
    if (
      error.retryAfterSec !== undefined &&
      (error.code === 'device_locked' || error.code === 'rate_limited')
    ) {
      return t(`errors.${error.code}_wait`, { minutes: Math.max(1, Math.ceil(error.retryAfterSec / 60)) })
    }
    return te(`errors.${error.code}`) ? t(`errors.${error.code}`) : t('errors.internal')
  }

  return { reason }
}
