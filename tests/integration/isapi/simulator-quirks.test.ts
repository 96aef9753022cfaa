import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { request } from 'undici'
import { describe, expect, it } from 'vitest'
import { fixtureJson } from '../../sim/terminal/fixture-files'
import { terminal } from './helpers'

const run = promisify(execFile)

/** curl is an independent Digest implementation: if it gets in, the simulator's Digest is not ours. */
async function curl(
  url: string,
  user: string,
  args: string[] = [],
): Promise<{ status: number; body: string }> {
  const { stdout } = await run('curl', ['-s', '--digest', '-u', user, '-w', '\n%{http_code}', ...args, url])
  const cut = stdout.lastIndexOf('\n')
  return { status: Number(stdout.slice(cut + 1)), body: stdout.slice(0, cut) }
}

async function post(url: string, body: unknown, method = 'POST') {
  const res = await request(url, {
    method,
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
  })
  return { status: res.statusCode, headers: res.headers, text: await res.body.text() }
}

describe('the simulator speaks Digest the way independent clients expect', () => {
  for (const algorithm of ['MD5', 'MD5-sess', 'SHA-256'] as const) {
    it(`curl --digest gets in (${algorithm}), and a wrong password does not`, async () => {
      const sim = await terminal({ algorithm })
      const ok = await curl(`${sim.url}/ISAPI/System/deviceInfo`, 'admin:Admin12345')
      expect(ok.status).toBe(200)
      expect(ok.body).toContain('<model>DS-K1T342MWX</model>')
      const bad = await curl(`${sim.url}/ISAPI/System/deviceInfo`, 'admin:wrong')
      expect(bad.status).toBe(401)
    })
  }

  it('RFC 2069 without qop: curl gets in', async () => {
    const sim = await terminal({ auth: 'digest-no-qop' })
    expect(
      (await curl(`${sim.url}/ISAPI/AccessControl/UserInfo/Count?format=json`, 'admin:Admin12345')).status,
    ).toBe(200)
  })
})

describe('the simulator reproduces the terminals’ documented behaviour', () => {
  it('JSON with TABs; NO MATCH without a UserInfo member; page size clamped to 30', async () => {
    const sim = await terminal({ auth: 'none', seedUsers: 40 })
    const page = await post(`${sim.url}/ISAPI/AccessControl/UserInfo/Search?format=json`, {
      UserInfoSearchCond: { searchID: 's', searchResultPosition: 0, maxResults: 100 },
    })
    expect(page.text).toMatch(/^\{\n\t"UserInfoSearch":\t\{/)
    expect(JSON.parse(page.text).UserInfoSearch).toMatchObject({
      responseStatusStrg: 'MORE',
      numOfMatches: 30,
      totalMatches: 40,
    })
    const none = await post(`${sim.url}/ISAPI/AccessControl/UserInfo/Search?format=json`, {
      UserInfoSearchCond: {
        searchID: 's',
        searchResultPosition: 0,
        maxResults: 30,
        EmployeeNoList: [{ employeeNo: 'x' }],
      },
    })
    const result = JSON.parse(none.text).UserInfoSearch
    expect(result.responseStatusStrg).toBe('NO MATCH')
    expect('UserInfo' in result).toBe(false)
  })

  it('an empty body names the missing root (MessageParametersLack), byte-compatible with the capture', async () => {
    const sim = await terminal({ auth: 'none' })
    const res = await post(`${sim.url}/ISAPI/AccessControl/UserInfo/Record?format=json`, {})
    expect(res.status).toBe(400)
    expect(JSON.parse(res.text)).toEqual(
      fixtureJson(
        'access-terminals/ds-k1a340fwx_v1.2.7/UserInfo.Record.empty-body.error.MessageParametersLack.json',
      ),
    )
    const del = await post(`${sim.url}/ISAPI/AccessControl/UserInfo/Delete?format=json`, {}, 'PUT')
    expect(JSON.parse(del.text)).toMatchObject({
      subStatusCode: 'MessageParametersLack',
      errorMsg: 'UserInfoDelCond',
    })
  })

  it('wrong methods: GET Search is 404, PUT Record and POST FDSetUp are methodNotAllowed', async () => {
    const sim = await terminal({ auth: 'none' })
    expect((await request(`${sim.url}/ISAPI/AccessControl/UserInfo/Search?format=json`)).statusCode).toBe(404)
    const put = await post(`${sim.url}/ISAPI/AccessControl/UserInfo/Record?format=json`, {}, 'PUT')
    expect(JSON.parse(put.text)).toMatchObject({ subStatusCode: 'methodNotAllowed', statusCode: 4 })
    const fd = await post(`${sim.url}/ISAPI/Intelligent/FDLib/FDSetUp?format=json`, {})
    expect(JSON.parse(fd.text)).toMatchObject({ subStatusCode: 'methodNotAllowed' })
  })

  it('serves one request at a time: a second one waits while the first hangs, and goes through after', async () => {
    const sim = await terminal({ auth: 'none' })
    sim.setFault('deviceInfo', { kind: 'hang' }, { times: 1 })
    const first = new AbortController()
    const hanging = request(`${sim.url}/ISAPI/System/deviceInfo`, { signal: first.signal }).catch(
      () => 'aborted',
    )
    await new Promise((resolve) => setTimeout(resolve, 50))
    const waiting = request(`${sim.url}/ISAPI/AccessControl/UserInfo/Count?format=json`)
    let answered = false
    void waiting.then(() => (answered = true))
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(answered).toBe(false)
    expect(sim.stats.inFlight).toBe(2)
    first.abort()
    expect(await hanging).toBe('aborted')
    const res = await waiting
    expect(res.statusCode).toBe(200)
    await res.body.dump()
  })

  it('or refuses the second one with deviceBusy when set up like that', async () => {
    const sim = await terminal({ auth: 'none', concurrency: 'busy', latency: { deviceInfo: 300 } })
    const slow = request(`${sim.url}/ISAPI/System/deviceInfo`)
    await new Promise((resolve) => setTimeout(resolve, 50))
    const busy = await request(`${sim.url}/ISAPI/AccessControl/UserInfo/Count?format=json`)
    expect(busy.statusCode).toBe(503)
    expect(await busy.body.json()).toMatchObject({ statusCode: 2, subStatusCode: 'deviceBusy' })
    await (await slow).body.dump()
  })

  it('"ok but not applied": answers OK and changes nothing', async () => {
    const sim = await terminal({ auth: 'none' })
    sim.setFault('userRecord', { kind: 'not-applied' }, { times: 1 })
    const res = await post(`${sim.url}/ISAPI/AccessControl/UserInfo/Record?format=json`, {
      UserInfo: {
        employeeNo: '1',
        name: 'A',
        userType: 'normal',
        Valid: { enable: true, beginTime: '2020-01-01T00:00:00', endTime: '2030-01-01T00:00:00' },
      },
    })
    expect(JSON.parse(res.text)).toMatchObject({ statusCode: 1, subStatusCode: 'ok' })
    expect(sim.state.users.size).toBe(0)
  })

  it('goes offline and comes back on the same address', async () => {
    const sim = await terminal({ auth: 'none' })
    await sim.setOffline(true)
    await expect(request(`${sim.url}/ISAPI/System/deviceInfo`)).rejects.toMatchObject({
      code: 'ECONNREFUSED',
    })
    await sim.setOffline(false)
    const res = await request(`${sim.url}/ISAPI/System/deviceInfo`)
    expect(res.statusCode).toBe(200)
    await res.body.dump()
  })
})
