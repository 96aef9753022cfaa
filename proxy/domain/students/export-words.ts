import type { ExportDeviceState, StudentExportQuery } from '../../../shared/api/student-export'
import type { ExportStudent, ExportTable } from './export-rows'

export type ExportLanguage = StudentExportQuery['lang']

interface Words {
  header: [string, string, string, string, string, string, string]
  photo: { yes: string; no: string }
  state: Record<ExportDeviceState, string>
  sheet: string
}

/*
 * The spreadsheet's words in the screen's language (a school secretary reads this file), a table per word
 * so the three languages of one word stand together.
 */
const HEADER: Record<ExportLanguage, Words['header']> = {
  uz: ['№', 'Familiya', 'Ism', 'Otasining ismi', 'Sinf', 'ID (qurilmada)', 'Rasm'],
  ru: ['№', 'Фамилия', 'Имя', 'Отчество', 'Класс', 'ID (на устройстве)', 'Фото'],
  en: ['#', 'Last name', 'First name', 'Father’s name', 'Class', 'ID (on devices)', 'Photo'],
}
const PHOTO: Record<ExportLanguage, Words['photo']> = {
  uz: { yes: 'bor', no: 'yoʻq' },
  ru: { yes: 'есть', no: 'нет' },
  en: { yes: 'yes', no: 'no' },
}
const STATE: Record<ExportLanguage, Words['state']> = {
  uz: { present: 'bor', no_face: 'rasmsiz', missing: 'yoʻq', failed: 'xato', unknown: 'nomaʼlum' },
  ru: { present: 'есть', no_face: 'без фото', missing: 'нет', failed: 'ошибка', unknown: 'неизвестно' },
  en: { present: 'present', no_face: 'no face', missing: 'missing', failed: 'failed', unknown: 'unknown' },
}
const SHEET: Record<ExportLanguage, string> = { uz: 'Oʻquvchilar', ru: 'Ученики', en: 'Students' }

export function wordsFor(language: ExportLanguage): Words {
  return { header: HEADER[language], photo: PHOTO[language], state: STATE[language], sheet: SHEET[language] }
}

/** The table as rows of text: the header, then one row per student; a failed device cell carries its error. */
export function exportCells(table: ExportTable, language: ExportLanguage): string[][] {
  const words = wordsFor(language)
  const header = [...words.header, ...table.devices.map((device) => device.name)]
  return [header, ...table.students.map((student, i) => studentCells(table, student, i + 1, words))]
}

function studentCells(table: ExportTable, student: ExportStudent, n: number, words: Words): string[] {
  return [
    String(n),
    student.lastName,
    student.firstName,
    student.fatherName,
    student.className,
    student.employeeNo,
    student.hasPhoto ? words.photo.yes : words.photo.no,
    ...table.devices.map((device) => {
      const link = student.devices.get(device.id) ?? { state: 'missing' as const, lastError: null }
      const word = words.state[link.state]
      return link.state === 'failed' && link.lastError ? `${word}: ${link.lastError}` : word
    }),
  ]
}
