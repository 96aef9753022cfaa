import { useI18n } from 'vue-i18n'
import type { AuditEntry } from '../../shared/api'
import { spreadsheetCsv } from '../../shared/csv'
import { useErrorText } from './useErrorText'
import { spreadsheetTimeText, wallClockIn } from '../i18n/schoolTime'
import { useSchoolZoneStore } from '../stores/schoolZone'
import { useAuditChangeLines } from './useAuditChangeLines'
import { useAuditWords } from './useAuditWords'

const pad = (n: number) => String(n).padStart(2, '0')

/**
 * The audit trail as a CSV in the screen's language, as the page shows it: action names, people, roles,
 * results and reasons in words, each change as "field: before → after", times on the school's wall clock
 * (day.month.year, which spreadsheets in Uzbek and Russian read as a date), never ISO or UTC.
 */
export function useAuditCsv() {
  const { t } = useI18n()
  const { codeText } = useErrorText()
  const words = useAuditWords()
  const changeLines = useAuditChangeLines()
  const schoolZone = useSchoolZoneStore()

  function changes(entry: AuditEntry): string {
    return changeLines(entry.before, entry.after)
      .map((line) =>
        line.changed ? `${line.field}: ${line.before} → ${line.after}` : `${line.field}: ${line.after}`,
      )
      .join('; ')
  }

  function csv(entries: readonly AuditEntry[]): string {
    const header = [
      t('audit.csv.number'),
      t('audit.columns.time'),
      t('audit.columns.actor'),
      t('audit.csv.role'),
      t('audit.columns.action'),
      t('audit.columns.target'),
      t('audit.columns.result'),
      t('audit.csv.reason'),
      t('audit.csv.changes'),
      t('audit.csv.retryOf'),
    ]
    const rows = entries.map((entry) => [
      entry.id,
      spreadsheetTimeText(new Date(entry.at), schoolZone.zone),
      entry.actor.claimed
        ? t('audit.claimedName', { name: entry.actor.name })
        : words.actorName(entry.actor.name),
      words.role(entry.actor.role),
      words.action(entry.action),
      words.target(entry),
      t(`audit.results.${entry.result}`),
      entry.error ? codeText(entry.error.code) : '',
      changes(entry),
      entry.retryOf === null ? '' : entry.retryOf,
    ])
    return spreadsheetCsv([header, ...rows])
  }

  /** The file's name: the trail's name in the screen's language and the school's date today. */
  function fileName(now = new Date()): string {
    const day = wallClockIn(now, schoolZone.zone)
    return `${t('audit.csv.fileName')}-${day.year}-${pad(day.month)}-${pad(day.day)}.csv`
  }

  return { csv, fileName }
}
