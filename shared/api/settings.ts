import { z } from 'zod'

export const AUDIT_RETENTION_MIN_DAYS = 1
export const AUDIT_RETENTION_MAX_DAYS = 3650

/** The proxy's settings an admin may change from the app (the environment gives the defaults). */
export const Settings = z.object({
  /** days the audit trail keeps a change; older entries are removed at start and once a day */
  auditRetentionDays: z.number().int().min(AUDIT_RETENTION_MIN_DAYS).max(AUDIT_RETENTION_MAX_DAYS),
})
export type Settings = z.infer<typeof Settings>

/** `PUT /api/settings`: the settings to change; those left out stay as they are. */
export const SettingsUpdate = Settings.partial()
export type SettingsUpdate = z.infer<typeof SettingsUpdate>
