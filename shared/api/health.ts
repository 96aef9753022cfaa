import { z } from 'zod'

export const HealthResponse = z.object({
  ok: z.literal(true),
  version: z.string(),
  /** whether the proxy still waits for its first pairing */
  paired: z.boolean().optional(),
  /**
   * the disk is (nearly) full: new audit entries are counted, not stored, so that enrollment goes on;
   * the Check page says so
   */
  auditPaused: z.boolean().optional(),
  /**
   * the school's IANA time zone (SR_TIMEZONE, e.g. `Asia/Tashkent`): every time the app shows is the
   * school's wall clock, whatever zone the screen itself is set to
   */
  timeZone: z.string().min(1).max(64).optional(),
})
export type HealthResponse = z.infer<typeof HealthResponse>
