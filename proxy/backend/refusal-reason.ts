import type { BackendRefusalReason } from '../../shared/api/terminal-state'

/**
 * The school server's refusals by their words: it sends no codes, only messages (English or Uzbek, as its
 * routes were written), so the ones a school meets are recognised here and everything else is `invalid`
 * (a 400 about a field) or `other`. The messages are the server's own (students.routes.ts).
 */
const PATTERNS: ReadonlyArray<readonly [RegExp, BackendRefusalReason]> = [
  [/duplicate student in class|bu sinfda bunday o.quvchi mavjud/i, 'duplicate_in_class'],
  [/class not found|bunday sinf topilmadi|sinf topilmadi/i, 'class_not_found'],
  [/qurilma id takrorlangan|deviceStudentId.*(taken|exists|duplicate)/i, 'device_student_id_taken'],
  [/student not found|o.quvchi topilmadi/i, 'not_found'],
  [/forbidden|unauthori[sz]ed|ruxsat yo.q|permission/i, 'forbidden'],
  [/majburiy|shart|noto.g.ri|must be|required|invalid|ismni kiriting|some target devices/i, 'invalid'],
]

export function refusalReason(message: string | null | undefined): BackendRefusalReason {
  const text = message ?? ''
  for (const [pattern, reason] of PATTERNS) if (pattern.test(text)) return reason
  return 'other'
}
