import { NO_PHOTO } from '../../../shared/api/jobs'
import type { Locale } from '../../i18n'
import { reasonText, type ErrorWords } from '../../i18n/errorMessage'

/**
 * The clone screens' words in the three languages. They live with the components so the jobs UI is one
 * self-contained piece; error codes reuse the app's `errors.*` texts.
 */
const uz = {
  section: 'Oʻquvchilarni qurilmaga koʻchirish',
  sectionHint: 'Yangi yoki almashtirilgan terminalga hammani birdaniga yozish.',
  fromDb: 'Bazadagi barcha oʻquvchilar',
  fromDevice: 'Boshqa qurilmadan',
  target: 'Qaysi qurilmaga',
  source: 'Qaysi qurilmadan',
  chooseSource: 'Qurilmani tanlang',
  dialogDb: '{name}: bazadan koʻchirish',
  dialogDevice: '{name}: qurilmadan koʻchirish',
  checking: 'Qurilmadagi joy tekshirilmoqda…',
  room: 'Qurilmada {onDevice} kishi bor, sigʻimi {max}. Koʻchiriladi: {incoming} gacha.',
  roomUnknown: 'Qurilmada {onDevice} kishi bor. Koʻchiriladi: {incoming} gacha.',
  noRoom:
    'Diqqat: hammasi sigʻmasligi mumkin. Yana {room} kishiga joy bor, koʻchirilayotganlar {incoming} gacha. Sigʻmaganlar yozilmaydi.',
  start: 'Boshlash',
  close: 'Yopish',
  cancel: 'Toʻxtatish',
  cancelling: 'Hozirgi oʻquvchidan keyin toʻxtaydi…',
  progress: '{processed} / {total}',
  done: 'Yozildi',
  skipped: 'Allaqachon bor',
  failed: 'Xato',
  eta: 'Taxminan {time} qoldi',
  minutes: '{n} daqiqa',
  seconds: '{n} soniya',
  states: {
    queued: 'Navbatda',
    running: 'Bajarilmoqda',
    done: 'Tugadi',
    failed: 'Toʻxtadi (xato)',
    cancelled: 'Toʻxtatildi',
  },
  waiting: 'Qurilma javob bermayapti, qayta urinilmoqda: {reason}',
  stoppedBecause: 'Sabab: {reason}',
  errors: 'Yozilmaganlar',
  moreErrors: 'Yana {n} ta — toʻliq roʻyxat hisobotda.',
  report: 'Hisobotni yuklab olish (CSV)',
  running: 'Ishlayotgan koʻchirish',
  noPhoto: 'Rasm yoʻq yoki mos emas',
  viewJob: 'Koʻrish',
  reportFile: 'koʻchirish-hisoboti',
  reportColumns: {
    employeeNo: 'Qurilmadagi raqami',
    studentId: 'Maktab serveridagi raqami',
    name: 'Ism-familiya',
    outcome: 'Natija',
    reason: 'Sabab',
  },
  outcomes: { done: 'Yozildi', skipped: 'Allaqachon bor edi', failed: 'Yozilmadi' },
  skippedNoPhoto: 'Oʻtkazib yuborildi: rasm yoʻq',
  recent: 'Oxirgi koʻchirishlar',
}

export type JobText = typeof uz

const ru: JobText = {
  section: 'Перенос учеников на устройство',
  sectionHint: 'Записать всех сразу на новый или заменённый терминал.',
  fromDb: 'Все ученики из базы',
  fromDevice: 'С другого устройства',
  target: 'На какое устройство',
  source: 'С какого устройства',
  chooseSource: 'Выберите устройство',
  dialogDb: '{name}: перенос из базы',
  dialogDevice: '{name}: перенос с устройства',
  checking: 'Проверяем место на устройстве…',
  room: 'На устройстве {onDevice} чел., вместимость {max}. Будет перенесено: до {incoming}.',
  roomUnknown: 'На устройстве {onDevice} чел. Будет перенесено: до {incoming}.',
  noRoom:
    'Внимание: все могут не поместиться. Места ещё на {room} чел., переносим до {incoming}. Не поместившиеся не будут записаны.',
  start: 'Начать',
  close: 'Закрыть',
  cancel: 'Остановить',
  cancelling: 'Остановится после текущего ученика…',
  progress: '{processed} / {total}',
  done: 'Записано',
  skipped: 'Уже есть',
  failed: 'Ошибки',
  eta: 'Осталось примерно {time}',
  minutes: '{n} мин',
  seconds: '{n} с',
  states: {
    queued: 'В очереди',
    running: 'Выполняется',
    done: 'Готово',
    failed: 'Остановлено (ошибка)',
    cancelled: 'Остановлено',
  },
  waiting: 'Устройство не отвечает, пробуем снова: {reason}',
  stoppedBecause: 'Причина: {reason}',
  errors: 'Не записаны',
  moreErrors: 'Ещё {n} — полный список в отчёте.',
  report: 'Скачать отчёт (CSV)',
  running: 'Идёт перенос',
  noPhoto: 'Нет фото или фото не подходит',
  viewJob: 'Открыть',
  reportFile: 'отчёт-о-переносе',
  reportColumns: {
    employeeNo: 'Номер на устройстве',
    studentId: 'Номер на школьном сервере',
    name: 'ФИО',
    outcome: 'Итог',
    reason: 'Причина',
  },
  outcomes: { done: 'Записан', skipped: 'Уже был', failed: 'Не записан' },
  skippedNoPhoto: 'Пропущено: нет фото',
  recent: 'Последние переносы',
}

const en: JobText = {
  section: 'Copy students onto a device',
  sectionHint: 'Put everyone on a new or replaced terminal at once.',
  fromDb: 'All students from the school database',
  fromDevice: 'From another device',
  target: 'Onto which device',
  source: 'From which device',
  chooseSource: 'Choose a device',
  dialogDb: '{name}: copy from the database',
  dialogDevice: '{name}: copy from a device',
  checking: 'Checking the room on the device…',
  room: 'The device holds {onDevice} people, room for {max}. To copy: up to {incoming}.',
  roomUnknown: 'The device holds {onDevice} people. To copy: up to {incoming}.',
  noRoom:
    'Careful: not everyone may fit. Room for {room} more, up to {incoming} to copy. Those that do not fit are not added.',
  start: 'Start',
  close: 'Close',
  cancel: 'Stop',
  cancelling: 'Stops after the current student…',
  progress: '{processed} / {total}',
  done: 'Added',
  skipped: 'Already there',
  failed: 'Failed',
  eta: 'About {time} left',
  minutes: '{n} min',
  seconds: '{n} s',
  states: {
    queued: 'Waiting',
    running: 'Running',
    done: 'Finished',
    failed: 'Stopped (error)',
    cancelled: 'Stopped',
  },
  waiting: 'The device does not answer; trying again: {reason}',
  stoppedBecause: 'Reason: {reason}',
  errors: 'Not added',
  moreErrors: '{n} more — the full list is in the report.',
  report: 'Download the report (CSV)',
  running: 'Copy in progress',
  noPhoto: 'No photo, or the photo does not fit',
  viewJob: 'Open',
  reportFile: 'copy-report',
  reportColumns: {
    employeeNo: 'Number on the device',
    studentId: 'Number on the school server',
    name: 'Name',
    outcome: 'Outcome',
    reason: 'Reason',
  },
  outcomes: { done: 'Written', skipped: 'Already there', failed: 'Not written' },
  skippedNoPhoto: 'Skipped: no photo',
  recent: 'Recent copies',
}

const TEXT: Record<Locale, JobText> = { uz, ru, en }

export function jobText(locale: string): JobText {
  return TEXT[locale as Locale] ?? uz
}

/** Fills `{name}` placeholders. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole))
}

/**
 * Why a person was not written, in the reader's words (the screen's list and the report alike): a missing
 * photo in the copy's own words, anything else as every screen words a stable error code.
 */
export function jobErrorText(
  words: ErrorWords,
  text: JobText,
  error: { code?: string | undefined; subStatusCode?: string | undefined },
): string {
  if (!error.code) return ''
  if (error.code === 'image_invalid' || error.code === NO_PHOTO) return text.noPhoto
  return reasonText(words, { code: error.code, subStatusCode: error.subStatusCode })
}

export function etaText(text: JobText, seconds: number): string {
  return seconds >= 90
    ? fill(text.minutes, { n: Math.round(seconds / 60) })
    : fill(text.seconds, { n: Math.max(1, seconds) })
}
