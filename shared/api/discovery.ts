import { z } from 'zod'

/** What "Search the network" found of one terminal. */
export const FoundTerminal = z.object({
  serial: z.string(),
  model: z.string(),
  mac: z.string(),
  /** its IPv4 address, as it announced it */
  host: z.string(),
  /** its web port; 80 when it did not say */
  port: z.number(),
  firmware: z.string().nullable(),
  /**
   * `added`: already in this proxy; `new`: activated, can be added with its password; `inactive`: fresh out of
   * the box, needs an admin password first; `outside`: its address is not in SR_DEVICE_NETS, so the proxy
   * will not talk to it
   */
  state: z.enum(['added', 'new', 'inactive', 'outside']),
  /** the proxy's device id when `added` */
  deviceId: z.string().nullable(),
  /** whether it answered the proxy over HTTP (null: not asked, being outside the allowed networks) */
  reachable: z.boolean().nullable(),
})
export type FoundTerminal = z.infer<typeof FoundTerminal>

/** `GET /api/discovery`: a SADP inquiry on the segment, then an HTTP check of each answer */
export const DiscoveryResult = z.object({
  terminals: z.array(FoundTerminal),
  /** how long the proxy listened for answers */
  waitedMs: z.number(),
})
export type DiscoveryResult = z.infer<typeof DiscoveryResult>

/** `POST /api/discovery/activate` */
export const ActivateTerminal = z.object({
  host: z
    .string()
    .trim()
    .min(1)
    .max(253)
    .regex(/^[A-Za-z0-9.:-]+$/, 'host must be an IP address or a hostname'),
  port: z.number().int().min(1).max(65535),
  scheme: z.enum(['http', 'https']).optional(),
  password: z.string().min(1).max(64),
})
export type ActivateTerminal = z.infer<typeof ActivateTerminal>

export const ActivateTerminalResult = z.object({ activated: z.literal(true) })
export type ActivateTerminalResult = z.infer<typeof ActivateTerminalResult>
