import type { Migration } from './index'

/**
 * The audit trail's index by target (a student's or a device's history) was lost when the hardening
 * migration rebuilt `audit_log` without it, so every history lookup read the whole trail. A database made
 * since has it again from the rebuild; this gives it back to the ones made before.
 */
export const m014AuditTargetIndex: Migration = {
  version: 14,
  name: 'audit trail index by target',
  up(db) {
    db.exec('CREATE INDEX IF NOT EXISTS audit_log_target ON audit_log (target_type, target_id)')
  },
}
