import { useI18n } from 'vue-i18n'
import type { AuditEntry } from '../../shared/api'
import { useScreenName } from './useScreenName'

/** The audit trail in plain words: an action's name, who did it, what it was done to. */
export function useAuditWords() {
  const { t, te } = useI18n()
  const screenName = useScreenName()
  const role = (code: string) => (te(`audit.roles.${code}`) ? t(`audit.roles.${code}`) : code)
  return {
    action: (action: string) => {
      // message keys cannot hold dots: `device.time.sync` is `device_time_sync`
      const key = `audit.actions.${action.replace(/[.-]/g, '_')}`
      return te(key) ? t(key) : action
    },
    actorName: (name: string) =>
      name === 'SR_ADMIN_TOKEN' || name === 'proxy'
        ? t('audit.system')
        : name === 'new screen'
          ? t('audit.newScreen')
          : screenName(name),
    role,
    target: (entry: AuditEntry) => {
      const target = entry.target
      if (!target) return ''
      // a pairing code is known by the role it gives: the proxy keeps the role's code as its label
      if (target.type === 'pairing-code') return target.label ? role(target.label) : ''
      if (target.label && target.id && target.type === 'student') return `${target.label} (${target.id})`
      if (target.type === 'token' && target.label) return screenName(target.label)
      return target.label ?? target.id ?? ''
    },
  }
}
