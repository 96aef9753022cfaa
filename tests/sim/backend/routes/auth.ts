import { fail, objectBody, requireFields, str } from '../http-io'
import type { SimContext } from '../context'
import type { Router } from '../router'
import type { User } from '../state'

function publicUser(user: User) {
  const { password: _password, ...rest } = user
  return rest
}

export function authRoutes(router: Router, { state, tokens }: SimContext): void {
  router.add('POST', '/auth/login', (req) => {
    const body = objectBody(req.body)
    requireFields(body, ['email', 'password'])
    const email = (str(body.email) ?? '').trim().toLowerCase()
    const user = [...state.users.values()].find((u) => u.email.toLowerCase() === email)
    if (!user || user.password !== str(body.password)) throw fail(401, 'Invalid credentials')
    return { json: { token: tokens.issue(user), user: publicUser(user) } }
  })

  router.add('GET', '/auth/me', (req) => ({
    json: publicUser(req.auth.user(['SUPER_ADMIN', 'SCHOOL_ADMIN', 'TEACHER', 'GUARD'])),
  }))
}
