/**
 * The school's time zone (SR_TIMEZONE, an IANA name such as `Asia/Tashkent`): its UTC offset at a given
 * moment, read from the platform's time-zone database so zones with summer time get the right offset for
 * the day the clock is set.
 */
export function utcOffsetMinutesAt(timeZone: string, epochMs: number): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' }).formatToParts(
    new Date(epochMs),
  )
  const name = parts.find((part) => part.type === 'timeZoneName')?.value ?? 'GMT'
  const match = /^GMT(?:([+-])(\d{2}):(\d{2}))?$/.exec(name)
  if (!match?.[1]) return 0
  const minutes = Number(match[2]) * 60 + Number(match[3])
  return match[1] === '-' ? -minutes : minutes
}
