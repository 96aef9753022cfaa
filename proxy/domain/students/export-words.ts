import type { ExportDeviceState, StudentExportQuery } from '../../../shared/api/student-export'
import type { ExportStudent, ExportTable } from './export-rows'

export type ExportLanguage = StudentExportQuery['lang']

interface Words {
  header: [string, string, string, string, string, string, string]
  yes: string
  no: string
  state: Record<ExportDeviceState, string>
  sheet: string
}

/** The spreadsheet's words in the screen's language: a school secretary reads this file. */
const WORDS: Record<ExportLanguage, Words> = {
  uz: {
    header: ['№', 'Familiya', 'Ism', 'Otasining ismi', 'Sinf', 'ID (qurilmada)', 'Rasm'],
    yes: 'bor',
    no: 'yoʻq',
    state: { present: 'bor', no_face: 'rasmsiz', missing: 'yoʻq', failed: 'xato', unknown: 'nomaʼlum' },
    sheet: 'Oʻquvchilar',
  },
  ru: {
    header: ['№', 'Фамилия', 'Имя', 'Отчество', 'Класс', 'ID (на устройстве)', 'Фото'],
    yes: 'есть',
    no: 'нет',
    state: { present: 'есть', no_face: 'без фото', missing: 'нет', failed: 'ошибка', unknown: 'неизвестно' },
    sheet: 'Ученики',
  },
  en: {
    header: ['#', 'Last name', 'First name', 'Father’s name', 'Class', 'ID (on devices)', 'Photo'],
    yes: 'yes',
    no: 'no',
    state: {
      present: 'present',
      no_face: 'no face',
      missing: 'missing',
      failed: 'failed',
      unknown: 'unknown',
    },
    sheet: 'Students',
  },
}

export function wordsFor(language: ExportLanguage): Words {
  return WORDS[language]
}

/** The table as rows of text: the header, then one row per student; a failed device cell carries its error. */
export function exportCells(table: ExportTable, language: ExportLanguage): string[][] {
  const words = WORDS[language]
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
    student.hasPhoto ? words.yes : words.no,
    ...table.devices.map((device) => {
      const link = student.devices.get(device.id) ?? { state: 'missing' as const, lastError: null }
      const word = words.state[link.state]
      return link.state === 'failed' && link.lastError ? `${word}: ${link.lastError}` : word
    }),
  ]
}
