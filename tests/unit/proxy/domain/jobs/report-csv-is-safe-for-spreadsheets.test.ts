import { describe, expect, it } from 'vitest'
import { jobReportCsv } from '../../../../../proxy/domain/jobs/report-csv'
import type { JobItemRow } from '../../../../../proxy/store/jobs-repo'

const row = (over: Partial<JobItemRow>): JobItemRow => ({
  key: 'k',
  seq: 1,
  state: 'done',
  error: null,
  ...over,
})

describe('the job report as CSV', () => {
  it('starts with a BOM and a header, one CRLF line per decided person, half-written ones left out', () => {
    const csv = jobReportCsv([
      row({ key: '1', employeeNo: '1001', name: 'Oʻtkir Gʻulomov', state: 'done' }),
      row({ key: '2', employeeNo: '1002', name: 'Шахноза', state: 'skipped' }),
      row({ key: '3', employeeNo: '1003', state: 'writing' }),
      row({
        key: '4',
        studentId: 's-4',
        name: 'Yuzsiz',
        state: 'failed',
        error: { code: 'device_rejected', message: 'bad, "very" bad', subStatusCode: 'faceLowQulity' },
      }),
    ])
    expect(csv.startsWith('\uFEFF')).toBe(true)
    expect(csv.slice(1).split('\r\n')).toEqual([
      'employeeNo,studentId,name,outcome,code,reason,deviceReason',
      '1001,,Oʻtkir Gʻulomov,done,,,',
      '1002,,Шахноза,skipped,,,',
      ',s-4,Yuzsiz,failed,device_rejected,"bad, ""very"" bad",faceLowQulity',
      '',
    ])
  })

  it('defuses a cell a spreadsheet would run as a formula', () => {
    const csv = jobReportCsv([row({ employeeNo: '1', name: '=HYPERLINK("http://x")', state: 'done' })])
    expect(csv).toContain(`"'=HYPERLINK(""http://x"")"`)
  })
})
