import { z } from 'zod'
import { spreadsheetCsv } from '../../shared/csv'
import type { ImportRow, RowProblemCode } from '../import'
import { localCache } from './localCache'
import { isGood, problemCodes } from './classImportPreview'

export { csvCell } from '../../shared/csv'

export const ReportLine = z.object({
  sheet: z.string(),
  rowNumber: z.number(),
  lastName: z.string(),
  firstName: z.string(),
  fatherName: z.string(),
  phone: z.string(),
  className: z.string(),
  imported: z.boolean(),
  reasons: z.array(z.string()),
})
export type ReportLine = z.infer<typeof ReportLine>

export const ImportReport = z.object({
  fileName: z.string(),
  /** epoch milliseconds */
  at: z.number(),
  imported: z.number(),
  skipped: z.number(),
  lines: z.array(ReportLine),
})
export type ImportReport = z.infer<typeof ImportReport>

const lastReport = localCache('sr.import.lastReport', ImportReport)
export const readLastReport = () => lastReport.read()
export const keepReport = (report: ImportReport) => lastReport.write(report)

/** What became of every row of one import: the good ones were queued, the others skipped for their problems. */
export function buildReport(
  fileName: string,
  rows: readonly ImportRow[],
  classNameOf: (id: string | undefined) => string,
  at = Date.now(),
): ImportReport {
  const lines = rows.map((row): ReportLine => ({
    sheet: row.sheet,
    rowNumber: row.rowNumber,
    lastName: row.lastName,
    firstName: row.firstName,
    fatherName: row.fatherName ?? '',
    phone: row.phone ?? '',
    className: classNameOf(row.classId) || row.classLabel,
    imported: isGood(row),
    reasons: problemCodes(row),
  }))
  const imported = lines.filter((line) => line.imported).length
  return { fileName, at, imported, skipped: lines.length - imported, lines }
}

export interface ReportWords {
  columns: {
    sheet: string
    row: string
    lastName: string
    firstName: string
    fatherName: string
    phone: string
    className: string
    result: string
    reason: string
  }
  imported: string
  skipped: string
  problem: (code: RowProblemCode) => string
}

/** The report as CSV in the reader's language: UTF-8 with a BOM, so Excel shows Uzbek letters right. */
export function reportCsv(report: ImportReport, words: ReportWords): string {
  const c = words.columns
  const header = [
    c.sheet,
    c.row,
    c.lastName,
    c.firstName,
    c.fatherName,
    c.phone,
    c.className,
    c.result,
    c.reason,
  ]
  const lines = report.lines.map((line) => [
    line.sheet,
    line.rowNumber,
    line.lastName,
    line.firstName,
    line.fatherName,
    line.phone,
    line.className,
    line.imported ? words.imported : words.skipped,
    line.reasons.map((code) => words.problem(code as RowProblemCode)).join('; '),
  ])
  return spreadsheetCsv([header, ...lines])
}

export function reportFileName(report: ImportReport): string {
  const base = report.fileName.replace(/\.[^.]*$/, '') || 'import'
  return `${base}-report.csv`
}
