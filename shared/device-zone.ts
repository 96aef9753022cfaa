/**
 * The UTC offset a terminal's POSIX-style zone means (the sign is inverted: `CST-5:00:00` is UTC+05:00):
 * `CST-3:00:00` → 180; `CST+4` → -240; anything unreadable → null. DST rules after the offset are ignored.
 */
export function utcOffsetFromPosix(zone: string): number | null {
  const match = /^[A-Za-z]{3,}([+-])(\d{1,2})(?::(\d{2}))?(?::(\d{2}))?/.exec(zone.trim())
  if (!match) return null
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0)
  return match[1] === '-' ? minutes : -minutes
}
