import { z } from 'zod'

export const HealthResponse = z.object({
  ok: z.literal(true),
  version: z.string(),
  /** whether the proxy still waits for its first pairing */
  paired: z.boolean().optional(),
})
export type HealthResponse = z.infer<typeof HealthResponse>
