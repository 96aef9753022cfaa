type Translate = (key: string, named?: Record<string, unknown>) => string

/** "95 soniya", "12 daqiqa", "3 soat", "2 kun": the unit a person would use for that gap. */
export function driftAmount(t: Translate, seconds: number): string {
  const abs = Math.abs(seconds)
  if (abs < 120) return t('check.seconds', { n: abs })
  if (abs < 2 * 3600) return t('check.minutes', { n: Math.round(abs / 60) })
  if (abs < 2 * 86_400) return t('check.hours', { n: Math.round(abs / 3600) })
  return t('check.days', { n: Math.round(abs / 86_400) })
}

/** 300 → "UTC+5", -240 → "UTC−4", 330 → "UTC+5:30". */
export function utcLabel(minutes: number): string {
  const sign = minutes < 0 ? '−' : '+'
  const abs = Math.abs(minutes)
  const mm = abs % 60
  return `UTC${sign}${Math.floor(abs / 60)}${mm ? `:${String(mm).padStart(2, '0')}` : ''}`
}
