import { LOCALE_TAGS, type Locale } from '.'

/*
 * Dates and times on the school's wall clock (its IANA zone; the screen's own when unknown), read through
 * Intl so summer time and a screen set to another zone come out right. Uzbek is assembled from Intl's
 * numbers by hand: browsers shipped with a reduced ICU (Debian's Chromium among them) have no Uzbek
 * patterns and print "2025 M11 25".
 */

const pad = (n: number) => String(n).padStart(2, '0')

interface WallClock {
  year: number
  month: number
  day: number
  hour: number
  minute: number
  second: number
}

/** The wall clock of `zone` at `date`, as numbers. */
export function wallClockIn(date: Date, zone: string | null): WallClock {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone ?? undefined,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
    hourCycle: 'h23',
  }).formatToParts(date)
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0)
  return {
    year: part('year'),
    month: part('month'),
    day: part('day'),
    hour: part('hour'),
    minute: part('minute'),
    second: part('second'),
  }
}

/** Day and minute: "07.12.2026 08:42" in Uzbek, the language's own medium style otherwise. */
export function dateTimeText(date: Date, locale: Locale, zone: string | null): string {
  if (locale === 'uz') {
    const c = wallClockIn(date, zone)
    return `${pad(c.day)}.${pad(c.month)}.${c.year} ${pad(c.hour)}:${pad(c.minute)}`
  }
  return new Intl.DateTimeFormat(LOCALE_TAGS[locale], {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: zone ?? undefined,
  }).format(date)
}

/** Time of day to the second. */
export function timeText(date: Date, locale: Locale, zone: string | null): string {
  if (locale === 'uz') {
    const c = wallClockIn(date, zone)
    return `${pad(c.hour)}:${pad(c.minute)}:${pad(c.second)}`
  }
  return new Intl.DateTimeFormat(LOCALE_TAGS[locale], {
    timeStyle: 'medium',
    timeZone: zone ?? undefined,
  }).format(date)
}

/**
 * Day, month, year and time to the second, the same in every language (`07.12.2026 08:42:49`): for files a
 * spreadsheet sorts and reads as a date.
 */
export function spreadsheetTimeText(date: Date, zone: string | null): string {
  const c = wallClockIn(date, zone)
  return `${pad(c.day)}.${pad(c.month)}.${c.year} ${pad(c.hour)}:${pad(c.minute)}:${pad(c.second)}`
}

/**
 * The instant a calendar day (`YYYY-MM-DD`, plus `addDays`) begins on the school's wall clock: a day picked
 * in a filter is the school's day, as the times listed under it are.
 */
export function dayStartIn(day: string, zone: string | null, addDays = 0): Date {
  const [year = 1970, month = 1, date = 1] = day.split('-').map(Number)
  const asUtc = Date.UTC(year, month - 1, date + addDays)
  // the zone's offset at that moment, then once more at the corrected moment (a summer-time switch between)
  let guess = asUtc
  for (let n = 0; n < 2; n += 1) {
    const c = wallClockIn(new Date(guess), zone)
    const shown = Date.UTC(c.year, c.month - 1, c.day, c.hour, c.minute, c.second)
    guess += asUtc - shown
  }
  return new Date(guess)
}
