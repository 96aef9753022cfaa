import type { Settings, SettingsUpdate } from '../../../shared/api/settings'
import type { SettingsRepo } from '../../store/settings-repo'

const RETENTION_KEY = 'audit_retention_days'

/** The settings an admin changes from the app; a stored value wins over the environment's default. */
export class AppSettings {
  constructor(
    private readonly repo: SettingsRepo,
    private readonly defaults: Settings,
  ) {}

  get(): Settings {
    const stored = Number(this.repo.get(RETENTION_KEY))
    return {
      auditRetentionDays: Number.isInteger(stored) && stored > 0 ? stored : this.defaults.auditRetentionDays,
    }
  }

  update(patch: SettingsUpdate): Settings {
    if (patch.auditRetentionDays !== undefined) this.repo.set(RETENTION_KEY, String(patch.auditRetentionDays))
    return this.get()
  }
}
