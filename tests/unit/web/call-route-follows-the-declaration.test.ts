import { describe, expect, it } from 'vitest'
import { health } from '../../../shared/api/routes/health'
import { editRegistration, removeRegistration } from '../../../shared/api/routes/registrations'
import { revokeToken } from '../../../shared/api/routes/tokens'
import { callRoute } from '../../../web/api/call'
import { createApiClient } from '../../../web/api/client'

const PROXY = 'http://proxy.test'

interface Seen {
  method: string
  url: string
  authorization: string | null
  body: unknown
}

function clientAnswering(status: number, answer: unknown) {
  const seen: Seen[] = []
  const fetch = async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const headers = new Headers(init.headers)
    seen.push({
      method: init.method ?? 'GET',
      url: String(input),
      authorization: headers.get('authorization'),
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
    })
    return status === 204
      ? new Response(null, { status })
      : new Response(JSON.stringify(answer), { status, headers: { 'content-type': 'application/json' } })
  }
  const api = createApiClient({ baseUrl: () => PROXY, token: () => 'screen-token', fetch })
  return { api, seen }
}

const REGISTRATION = {
  employeeNo: '4000000001',
  status: 'registered',
  devices: [],
}

describe('callRoute: the app calls a route as it is declared', () => {
  it('fills the path from params (encoded), sends the body and the query, with the token', async () => {
    // what is sent is what counts here, not whether this short answer passes for a Registration
    const { api, seen } = clientAnswering(200, REGISTRATION)
    await callRoute(api, editRegistration, {
      params: { employeeNo: '40/01' },
      body: { clientId: 'c1', student: { firstName: 'Bekzod' } },
    }).catch(() => undefined)
    await callRoute(api, removeRegistration, {
      params: { employeeNo: '4000000001' },
      query: { deleteOnSchoolServer: 'true' },
    }).catch(() => undefined)
    expect(seen.map(({ method, url }) => `${method} ${url}`)).toEqual([
      `PUT ${PROXY}/api/registrations/40%2F01`,
      `DELETE ${PROXY}/api/registrations/4000000001?deleteOnSchoolServer=true`,
    ])
    expect(seen[0]?.body).toEqual({ clientId: 'c1', student: { firstName: 'Bekzod' } })
    expect(seen.every((request) => request.authorization === 'Bearer screen-token')).toBe(true)
  })

  it('sends no token to a public route', async () => {
    const { api, seen } = clientAnswering(200, {
      ok: true,
      version: '1',
      paired: true,
      auditPaused: false,
      timeZone: 'Asia/Tashkent',
    })
    await callRoute(api, health, {}).catch(() => undefined)
    expect(seen[0]?.authorization).toBeNull()
  })

  it('reads nothing from a 204 and checks any other answer with the declared schema', async () => {
    const empty = clientAnswering(204, null)
    await expect(callRoute(empty.api, revokeToken, { params: { id: 't1' } })).resolves.toBeUndefined()

    const wrong = clientAnswering(200, { not: 'a registration' })
    await expect(
      callRoute(wrong.api, removeRegistration, { params: { employeeNo: '4000000001' } }),
    ).rejects.toMatchObject({ code: 'invalid_response' })
  })
})
