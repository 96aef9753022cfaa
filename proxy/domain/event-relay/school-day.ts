/** The school's local day, for "today" in the view and the first search of a terminal's log. */
export interface SchoolDay {
  /** midnight, as an instant */
  startMs: number
  /** midnight as devices write time: `2026-09-01T00:00:00+05:00` */
  startText: string
  /** the zone's offset from UTC now, in minutes */
  offsetMinutes: number
}

export function schoolDay(nowMs: number, timeZone: string): SchoolDay {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(new Date(nowMs))
      .map((part) => [part.type, part.value]),
  ) as Record<string, string>
  const localAsUtc = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  )
  const offsetMinutes = Math.round((localAsUtc - Math.floor(nowMs / 1000) * 1000) / 60_000)
  const startMs =
    Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day)) - offsetMinutes * 60_000
  const sign = offsetMinutes < 0 ? '-' : '+'
  const abs = Math.abs(offsetMinutes)
  const zone = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`
  return { startMs, startText: `${parts.year}-${parts.month}-${parts.day}T00:00:00${zone}`, offsetMinutes }
}
