import { useI18n } from 'vue-i18n'
import type { AuditEntry } from '../../../shared/api'

/** The audit trail in plain words: an action's name, who did it, what it was done to. */
export function useAuditWords() {
  const { t, te } = useI18n()
  return {
    action: (action: string) => {
      // message keys cannot hold dots: `device.time.sync` is `device_time_sync`
      const key = `audit.actions.${action.replace(/[.-]/g, '_')}`
      return te(key) ? t(key) : action
    },
    actorName: (name: string) => (name === 'SR_ADMIN_TOKEN' || name === 'proxy' ? t('audit.system') : name),
    role: (role: string) => (te(`audit.roles.${role}`) ? t(`audit.roles.${role}`) : role),
    target: (entry: AuditEntry) => {
      const target = entry.target
      if (!target) return ''
      if (target.label && target.id && target.type === 'student') return `${target.label} (${target.id})`
      return target.label ?? target.id ?? ''
    },
  }
}
