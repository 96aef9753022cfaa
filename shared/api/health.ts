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
})
export type HealthResponse = z.infer<typeof HealthResponse>
