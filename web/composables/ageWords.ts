type Translate = (key: string, named?: Record<string, unknown>) => string

/** "5 daqiqa" for 300 s: the largest whole unit, so a glance says how old a state is. */
export function ageWords(t: Translate, seconds: number): string {
  if (seconds < 60) return t('studentList.ageUnit.seconds', { n: Math.max(0, Math.round(seconds)) })
  if (seconds < 3600) return t('studentList.ageUnit.minutes', { n: Math.floor(seconds / 60) })
  if (seconds < 86_400) return t('studentList.ageUnit.hours', { n: Math.floor(seconds / 3600) })
  return t('studentList.ageUnit.days', { n: Math.floor(seconds / 86_400) })
}

/** "known 5 min ago", or "known just now" under ten seconds. */
export function knownAgo(t: Translate, seconds: number): string {
  return seconds < 10 ? t('studentList.ageFresh') : t('studentList.age', { age: ageWords(t, seconds) })
}
