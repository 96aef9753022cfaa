import type { StudentExportQuery } from '../../../shared/api/student-export'
import type { BackendAccess } from './backend-access'
import { spreadsheetCsv } from '../../../shared/api/student-export'
import { exportTable } from './export-rows'
import { exportCells } from './export-words'
import { exportXlsx } from './export-xlsx'
import type { TerminalBook } from '../terminal-states/terminal-book'

export interface ExportFile {
  bytes: Uint8Array
  contentType: string
  fileName: string
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** Students with their state on each device, as a file to download (.xlsx or CSV). */
export class StudentExport {
  constructor(
    private readonly backend: BackendAccess,
    private readonly now: () => Date = () => new Date(),
    /** the proxy's per-terminal knowledge; without it the export shows the school server's records */
    private readonly book?: TerminalBook,
  ) {}

  async file(query: StudentExportQuery): Promise<ExportFile> {
    const language = query.lang
    const table = await exportTable(this.backend, query, this.book)
    const stamp = this.now().toISOString().slice(0, 10)
    if (query.format === 'csv') {
      return {
        bytes: new TextEncoder().encode(spreadsheetCsv(exportCells(table, language))),
        contentType: 'text/csv; charset=utf-8',
        fileName: `students-${stamp}.csv`,
      }
    }
    return {
      bytes: await exportXlsx(table, language),
      contentType: XLSX_TYPE,
      fileName: `students-${stamp}.xlsx`,
    }
  }
}
