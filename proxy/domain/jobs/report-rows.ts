import type { JobReportRow } from '../../../shared/api/jobs'
import type { JobItemRow } from '../../store/jobs-repo'

/** Every person the job has decided about, in the order it met them; one still being written is left out. */
export function jobReportRows(items: readonly JobItemRow[]): JobReportRow[] {
  return items.flatMap((item): JobReportRow[] =>
    item.state === 'writing'
      ? []
      : [
          {
            ...(item.employeeNo !== undefined ? { employeeNo: item.employeeNo } : {}),
            ...(item.studentId !== undefined ? { studentId: item.studentId } : {}),
            ...(item.name !== undefined ? { name: item.name } : {}),
            outcome: item.state,
            ...(item.error ? { code: item.error.code } : {}),
            ...(item.error?.subStatusCode ? { subStatusCode: item.error.subStatusCode } : {}),
          },
        ],
  )
}
