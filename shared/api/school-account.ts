import { z } from 'zod'

/**
 * `GET /api/school-account`: the calling screen's own school-server account, if it signed in with one.
 * Without one, the reports it causes go out with the proxy's shared account.
 */
export const SchoolAccountView = z.object({
  /** a school server is configured (LAN-only proxies have nothing to sign in to) */
  available: z.boolean(),
  /** `ended`: the server stopped taking the session; the screen must sign in again, its reports wait */
  state: z.enum(['none', 'active', 'ended']),
  account: z.object({ email: z.string(), name: z.string(), role: z.string() }).nullable(),
  signedInAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  /** this screen's reports still to be sent with its own account */
  waiting: z.number().int().nonnegative(),
})
export type SchoolAccountView = z.infer<typeof SchoolAccountView>

/** `POST /api/school-account/sign-in`: the password goes to the school server once and is never kept. */
export const SchoolAccountSignIn = z
  .object({
    email: z.string().trim().min(3).max(254),
    password: z.string().min(1).max(200),
  })
  .strict()
export type SchoolAccountSignIn = z.infer<typeof SchoolAccountSignIn>
