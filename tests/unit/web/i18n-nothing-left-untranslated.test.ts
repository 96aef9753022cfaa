import { describe, expect, it } from 'vitest'
import { MESSAGES } from '../../../web/i18n'
import auditEn from '../../../web/i18n/messages/audit/en'
import auditRu from '../../../web/i18n/messages/audit/ru'
import auditUz from '../../../web/i18n/messages/audit/uz'
import deviceImportEn from '../../../web/i18n/messages/device-import/en'
import deviceImportRu from '../../../web/i18n/messages/device-import/ru'
import deviceImportUz from '../../../web/i18n/messages/device-import/uz'
import deviceSettingsEn from '../../../web/i18n/messages/device-settings/en'
import deviceSettingsRu from '../../../web/i18n/messages/device-settings/ru'
import deviceSettingsUz from '../../../web/i18n/messages/device-settings/uz'
import importEn from '../../../web/i18n/messages/import/en'
import importRu from '../../../web/i18n/messages/import/ru'
import importUz from '../../../web/i18n/messages/import/uz'
import { SCHOOL_SETUP_MESSAGES } from '../../../web/i18n/messages/school-setup/load'
import { STUDENT_MESSAGES } from '../../../web/i18n/messages/students/load'
import { foreignWords } from '../../helpers/language-texts'

function leaves(tree: object, prefix = ''): Array<[string, string]> {
  return Object.entries(tree).flatMap(([key, value]): Array<[string, string]> => {
    const path = prefix ? `${prefix}.${key}` : key
    return typeof value === 'string' ? [[path, value]] : leaves(value as object, path)
  })
}

/** Texts Uzbek writes exactly as English does: the product's name, and words the two languages share. */
const SAME_IN_UZBEK = new Set([
  'app.name',
  'app.shortName',
  'roles.admin',
  'roles.operator',
  'check.model',
  'devicesPage.model',
  'deviceForm.port',
  'deviceForm.username',
  'deviceForm.testModel',
  'audit.roles.admin',
  'audit.roles.operator',
  'deviceImport.employeeNo',
  'studentExport.xlsx',
  'studentExport.csv',
  'deviceSettings.overview.model',
  'deviceSettings.time.ntpServer',
  'deviceSettings.network.dns',
  'deviceSettings.network.speed',
  'audit.fields.port',
  'audit.fields.username',
  'audit.fields.model',
  'audit.fields.server',
  'errors.fields.port',
  'errors.fields.username',
  'networkSearch.terminal',
])

/** Russian texts that quote what a person may type in Uzbek or English. */
const QUOTES_OTHER_LANGUAGES = new Set(['app.name', 'app.shortName', 'classImport.problems.gender_unknown'])

/** The first bundle's texts and those each page loads when first opened. */
const ALL = {
  uz: [
    MESSAGES.uz,
    auditUz,
    deviceImportUz,
    deviceSettingsUz,
    importUz,
    STUDENT_MESSAGES.uz,
    SCHOOL_SETUP_MESSAGES.uz,
  ],
  ru: [
    MESSAGES.ru,
    auditRu,
    deviceImportRu,
    deviceSettingsRu,
    importRu,
    STUDENT_MESSAGES.ru,
    SCHOOL_SETUP_MESSAGES.ru,
  ],
  en: [
    MESSAGES.en,
    auditEn,
    deviceImportEn,
    deviceSettingsEn,
    importEn,
    STUDENT_MESSAGES.en,
    SCHOOL_SETUP_MESSAGES.en,
  ],
}
const texts = (locale: keyof typeof ALL) => ALL[locale].flatMap((tree) => leaves(tree))

const withoutPlaceholders = (text: string) => text.replace(/\{\w+\}/g, ' ')

describe('every locale file is translated', () => {
  const en = new Map(texts('en'))

  it('Russian has no text left in Latin letters beyond shared names (Hikvision, NTP, QR, Excel…)', () => {
    const left = texts('ru')
      .filter(([key]) => !QUOTES_OTHER_LANGUAGES.has(key))
      .filter(([, text]) => foreignWords(withoutPlaceholders(text), 'ru').length > 0)
    expect(left).toEqual([])
  })

  it('Uzbek has no English words and no text copied from English but the shared ones', () => {
    const english = texts('uz').filter(([, text]) => foreignWords(withoutPlaceholders(text), 'uz').length > 0)
    expect(english).toEqual([])
    const copied = texts('uz')
      .filter(([key, text]) => en.get(key) === text && /[A-Za-z]{2}/.test(withoutPlaceholders(text)))
      .map(([key]) => key)
      .filter((key) => !SAME_IN_UZBEK.has(key))
    expect(copied).toEqual([])
  })
})
