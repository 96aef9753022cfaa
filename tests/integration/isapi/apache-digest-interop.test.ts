import { execFile } from 'node:child_process'
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { createHash } from 'node:crypto'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createIsapiClient } from '../../../proxy/isapi'
import { DEFAULT_TRANSPORT_OPTIONS, Transport, type Deadline } from '../../../proxy/isapi/transport'
import { fixtureText } from '../../sim/terminal/fixture-files'
import { failure } from './helpers'

/*
 * Apache httpd's mod_auth_digest is an independent Digest server: if it lets our client in, our Digest is
 * not merely agreeing with our own simulator. The config follows research/toolchain.md step 7. Apache 2.4
 * speaks MD5 with qop=auth only (no MD5-sess, no RFC 2069): those are checked against curl instead
 * (simulator-quirks.test.ts) and the RFC vectors. CI installs apache2, so a missing binary fails this file
 * instead of skipping it.
 */

const run = promisify(execFile)
const REALM = 'probe-realm'
const USER = 'admin'
const PASSWORD = 'Admin12345'

let dir = ''
let port = 0

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port: picked } = server.address() as { port: number }
      server.close(() => resolve(picked))
    })
  })
}

function location(path: string, extra: string): string {
  return `<Location "${path}">
  AuthType Digest
  AuthName "${REALM}"
  AuthDigestProvider file
  AuthUserFile "${dir}/htdigest"
${extra}
  Require valid-user
</Location>`
}

async function writeFiles(): Promise<void> {
  const files: Record<string, string> = {
    'htdocs/ISAPI/System/deviceInfo': fixtureText('access-terminals/ds-k1a340fwx_v1.2.7/deviceInfo.xml'),
    'htdocs/stale/page.txt': 'stale ok\n',
  }
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(dir, path, '..'), { recursive: true })
    await writeFile(join(dir, path), text)
  }
  await mkdir(join(dir, 'logs'), { recursive: true })
  await mkdir(join(dir, 'run'), { recursive: true })
  const ha1 = createHash('md5').update(`${USER}:${REALM}:${PASSWORD}`).digest('hex')
  await writeFile(join(dir, 'htdigest'), `${USER}:${REALM}:${ha1}\n`)
  await writeFile(
    join(dir, 'httpd.conf'),
    `ServerRoot "${dir}"
ServerName 127.0.0.1
Listen 127.0.0.1:${port}
PidFile ${dir}/httpd.pid
ErrorLog ${dir}/logs/error.log
DefaultRuntimeDir ${dir}/run
User www-data
Group www-data
LoadModule mpm_event_module   /usr/lib/apache2/modules/mod_mpm_event.so
LoadModule authn_core_module  /usr/lib/apache2/modules/mod_authn_core.so
LoadModule authn_file_module  /usr/lib/apache2/modules/mod_authn_file.so
LoadModule authz_core_module  /usr/lib/apache2/modules/mod_authz_core.so
LoadModule authz_user_module  /usr/lib/apache2/modules/mod_authz_user.so
LoadModule auth_digest_module /usr/lib/apache2/modules/mod_auth_digest.so
LogFormat "%{begin:usec}t %>s %m %U auth=%{Authorization}i" probe
CustomLog ${dir}/logs/access.log probe
DocumentRoot "${dir}/htdocs"
<Directory "/">
  Require all granted
</Directory>
${location('/ISAPI/', '  AuthDigestQop auth')}
${location('/stale/', '  AuthDigestQop auth\n  AuthDigestNonceLifetime 1')}
`,
  )
  // children run as www-data: every file and parent directory must be readable by it
  await run('chmod', ['-R', 'a+rX', dir])
}

async function waitForPort(): Promise<void> {
  for (let i = 0; i < 100; i++) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/`)
      await res.arrayBuffer()
      return
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }
  throw new Error('apache2 did not start listening')
}

interface LogLine {
  status: number
  method: string
  path: string
  credentialed: boolean
}

/**
 * Apache writes an access-log line after it has sent the answer, so a client can see the answer before the
 * line exists; read until the log stops growing. Worker threads write their lines as they finish, so two
 * quick requests on different connections can land in either order: sort by when each request began.
 */
async function accessLog(): Promise<LogLine[]> {
  const read = () => readFile(join(dir, 'logs/access.log'), 'utf8').catch(() => '')
  let text = await read()
  for (let i = 0; i < 20; i++) {
    await new Promise((resolve) => setTimeout(resolve, 150))
    const again = await read()
    if (again === text) break
    text = again
  }
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => ({ line, began: Number(line.split(' ')[0]) }))
    .sort((a, b) => a.began - b.began)
    .map(({ line }) => {
      const [, status, method, path] = line.split(' ')
      return {
        status: Number(status),
        method: method ?? '',
        path: path ?? '',
        credentialed: !line.includes('auth=-'),
      }
    })
}

function deadline(ms = 5_000): Deadline {
  return { signal: AbortSignal.timeout(ms), timeoutMs: ms, timedOut: () => false }
}

function transport(password = PASSWORD): Transport {
  return new Transport(
    { host: '127.0.0.1', port, scheme: 'http', username: USER, password },
    DEFAULT_TRANSPORT_OPTIONS,
  )
}

beforeAll(async () => {
  const found = await run('sh', ['-c', 'command -v apache2']).catch(() => undefined)
  if (!found?.stdout.trim()) {
    throw new Error(
      'apache2 is not installed: this interop test needs it (CI installs apache2 apache2-utils)',
    )
  }
  dir = await mkdtemp('/tmp/sr-apache-')
  await chmod(dir, 0o755)
  port = await freePort()
  await writeFiles()
  await run('apache2', ['-t', '-f', join(dir, 'httpd.conf')])
  await run('apache2', ['-f', join(dir, 'httpd.conf'), '-k', 'start'])
  await waitForPort()
})

afterAll(async () => {
  if (!dir) return
  const pid = Number((await readFile(join(dir, 'httpd.pid'), 'utf8').catch(() => '')).trim())
  if (pid > 0) {
    process.kill(pid, 'SIGTERM')
    for (let i = 0; i < 50; i++) {
      try {
        process.kill(pid, 0)
        await new Promise((resolve) => setTimeout(resolve, 50))
      } catch {
        break
      }
    }
  }
  await rm(dir, { recursive: true, force: true })
})

describe('interop with Apache httpd mod_auth_digest (an independent Digest server)', () => {
  it('lets the ISAPI client in (MD5, qop=auth) and accepts the reused nonce with a rising nc', async () => {
    const client = createIsapiClient({
      host: '127.0.0.1',
      port,
      scheme: 'http',
      username: USER,
      password: PASSWORD,
    })
    try {
      for (let i = 0; i < 4; i++)
        await expect(client.deviceInfo()).resolves.toMatchObject({ model: 'DS-K1A340FWX' })
      expect(client.stats).toEqual({ requests: 6, challenges: 2, authFailures: 0 })
    } finally {
      await client.close()
    }
    const lines = (await accessLog()).filter((l) => l.path === '/ISAPI/System/deviceInfo')
    expect(lines.map((l) => l.status)).toEqual([401, 200, 200, 401, 200, 200])
  })

  it('signs the query string as part of the uri', async () => {
    const t = transport()
    const answer = await t.send(
      { method: 'GET', path: '/ISAPI/System/deviceInfo?format=json', maxBytes: 65536 },
      deadline(),
    )
    expect(answer.status).toBe(200)
    await t.close()
  })

  it('replays a request body after the challenge (PUT: authenticated, then refused as a method)', async () => {
    const t = transport()
    const body = Buffer.from('{"UserInfo":{"employeeNo":"1"}}')
    const answer = await t.send(
      {
        method: 'PUT',
        path: '/ISAPI/System/deviceInfo',
        body,
        contentType: 'application/json',
        maxBytes: 65536,
      },
      deadline(),
    )
    // 405 comes after the login passed: a 401 would mean the replayed request was not accepted
    expect(answer.status).toBe(405)
    await t.close()
  })

  it('answers stale=true with one retry on the new nonce', async () => {
    const t = transport()
    expect(
      (await t.send({ method: 'GET', path: '/stale/page.txt', maxBytes: 65536 }, deadline())).status,
    ).toBe(200)
    await new Promise((resolve) => setTimeout(resolve, 2_200))
    const before = (await accessLog()).length
    expect(
      (await t.send({ method: 'GET', path: '/stale/page.txt', maxBytes: 65536 }, deadline())).status,
    ).toBe(200)
    const after = (await accessLog()).slice(before).map((l) => [l.status, l.credentialed])
    expect(after).toEqual([
      [401, true],
      [200, true],
    ])
    await t.close()
  })

  it('a wrong password: device_auth_failed after one refused attempt, nothing retried by itself', async () => {
    const client = createIsapiClient({
      host: '127.0.0.1',
      port,
      scheme: 'http',
      username: USER,
      password: 'wrong',
    })
    const before = (await accessLog()).length
    try {
      expect((await failure(client.deviceInfo())).code).toBe('device_auth_failed')
      expect((await failure(client.deviceInfo())).code).toBe('device_auth_failed')
    } finally {
      await client.close()
    }
    const refused = (await accessLog()).slice(before).filter((l) => l.status === 401 && l.credentialed)
    expect(refused).toHaveLength(1)
  })
})
