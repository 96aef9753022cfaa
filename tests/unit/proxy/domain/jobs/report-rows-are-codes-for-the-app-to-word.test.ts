import { describe, expect, it } from 'vitest'
import { JobReport } from '../../../../../shared/api/jobs'
import { jobReportRows } from '../../../../../proxy/domain/jobs/report-rows'
import type { JobItemRow } from '../../../../../proxy/store/jobs-repo'

const row = (over: Partial<JobItemRow>): JobItemRow => ({
  key: 'k',
  seq: 1,
  state: 'done',
  error: null,
  ...over,
})

describe("the job report the app words in the reader's language", () => {
  it('gives each decided person with an outcome and, when not written, the codes only; half-written ones left out', () => {
    const rows = jobReportRows([
      row({ key: '1', employeeNo: '1001', name: 'Oʻtkir Gʻulomov', state: 'done' }),
      row({ key: '2', studentId: 's-2', state: 'writing' }),
      row({
        key: '3',
        employeeNo: '1003',
        state: 'failed',
        error: { code: 'device_rejected', message: 'Face quality is low', subStatusCode: 'faceLowQulity' },
      }),
    ])
    expect(JobReport.parse(rows)).toEqual([
      { employeeNo: '1001', name: 'Oʻtkir Gʻulomov', outcome: 'done' },
      { employeeNo: '1003', outcome: 'failed', code: 'device_rejected', subStatusCode: 'faceLowQulity' },
    ])
    // the English message is for logs, never for the reader
    expect(JSON.stringify(rows)).not.toContain('Face quality')
  })
})
