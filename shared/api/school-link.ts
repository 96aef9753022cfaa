import { z } from 'zod'

/** A device as the school server keeps it (its `deviceId` is the terminal's serial). */
export const SchoolServerDevice = z.object({
  id: z.string(),
  name: z.string(),
  serial: z.string().nullable(),
  type: z.enum(['ENTRANCE', 'EXIT']),
  location: z.string().nullable(),
})
export type SchoolServerDevice = z.infer<typeof SchoolServerDevice>

/** `GET /api/devices/:id/school-link`: which school-server device this terminal is, or could be. */
export const SchoolLinkView = z.object({
  /** the school-server device it is linked to now, when that one still exists */
  linked: SchoolServerDevice.nullable(),
  candidates: z.array(
    z.object({
      device: SchoolServerDevice,
      /** why it is likely this terminal: the same serial, else the same name */
      match: z.enum(['serial', 'name']).nullable(),
      /** the proxy device already linked to it, if another one */
      linkedTo: z.string().nullable(),
    }),
  ),
  /** the candidate to preselect: the serial match, else the only name match */
  suggestion: z.string().nullable(),
  /** what "create it there" would send: this terminal's serial and type */
  create: z.object({ name: z.string(), serial: z.string().nullable(), type: z.enum(['ENTRANCE', 'EXIT']) }),
})
export type SchoolLinkView = z.infer<typeof SchoolLinkView>

/** `POST /api/devices/:id/school-link`: link to an existing school-server device, or create it there. */
export const SchoolLinkRequest = z.union([
  z.object({ backendId: z.string().trim().min(1).max(64) }).strict(),
  z.object({ create: z.literal(true) }).strict(),
])
export type SchoolLinkRequest = z.infer<typeof SchoolLinkRequest>
