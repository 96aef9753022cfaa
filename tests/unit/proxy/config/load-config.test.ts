import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ConfigError, DEFAULT_DEVICE_NETS, loadConfig } from '../../../../proxy/config'

const load = (env: Record<string, string>) => loadConfig(env, '/srv/proxy')

/** The one line the operator would see, or undefined when the config is accepted. */
function problem(env: Record<string, string>): string | undefined {
  try {
    load(env)
    return undefined
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError)
    return (error as ConfigError).message
  }
}

describe('configuration from the environment', () => {
  it('has the documented defaults', () => {
    const config = load({})
    expect(config).toMatchObject({
      host: '0.0.0.0',
      port: 8443,
      httpPort: 8080,
      tls: { mode: 'auto' },
      dataDir: '/srv/proxy/data',
      adminToken: null,
      allowedOrigins: [],
      deviceNets: [...DEFAULT_DEVICE_NETS],
      backend: null,
      logLevel: 'info',
    })
  })

  it('reads every variable', () => {
    const config = load({
      SR_HOST: '127.0.0.1',
      SR_PORT: '9443',
      SR_HTTP_PORT: '9080',
      SR_DATA_DIR: '/var/lib/sr',
      SR_ADMIN_TOKEN: 'a-long-enough-admin-token',
      SR_ALLOWED_ORIGINS: 'http://localhost:5173, https://admin.school.uz/',
      SR_DEVICE_NETS: '192.168.1.0/24,fd00::/8',
      SR_BACKEND_URL: 'https://backend.example/api/',
      SR_SCHOOL_ID: 'school-7',
      SR_BACKEND_TOKEN: 'jwt-token',
      SR_LOG_LEVEL: 'debug',
    })
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 9443,
      httpPort: 9080,
      dataDir: '/var/lib/sr',
      adminToken: 'a-long-enough-admin-token',
      allowedOrigins: ['http://localhost:5173', 'https://admin.school.uz'],
      deviceNets: ['192.168.1.0/24', 'fd00::/8'],
      backend: {
        url: 'https://backend.example/api',
        schoolId: 'school-7',
        auth: { kind: 'token', token: 'jwt-token' },
      },
      logLevel: 'debug',
    })
  })

  it('accepts backend e-mail and password instead of a token', () => {
    const config = load({
      SR_BACKEND_URL: 'http://127.0.0.1:4000',
      SR_SCHOOL_ID: '12',
      SR_BACKEND_EMAIL: 'admin@school.uz',
      SR_BACKEND_PASSWORD: 'pw',
    })
    expect(config.backend?.auth).toEqual({ kind: 'login', email: 'admin@school.uz', password: 'pw' })
  })

  it('turns the trust page off with SR_HTTP_PORT=0 and when TLS is off', () => {
    expect(load({ SR_HTTP_PORT: '0' }).httpPort).toBeNull()
    expect(load({ SR_TLS: 'off' }).httpPort).toBeNull()
  })

  it('takes a certificate and key the operator brings', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sr-config-'))
    writeFileSync(join(dir, 'cert.pem'), 'x')
    writeFileSync(join(dir, 'key.pem'), 'y')
    expect(loadConfig({ SR_TLS: 'cert.pem, key.pem' }, dir).tls).toEqual({
      mode: 'files',
      certPath: join(dir, 'cert.pem'),
      keyPath: join(dir, 'key.pem'),
    })
  })

  it.each([
    [{ SR_PORT: 'abc' }, 'SR_PORT must be a whole number from 1 to 65535 (got "abc")'],
    [{ SR_PORT: '0' }, 'SR_PORT must be a whole number from 1 to 65535 (got "0")'],
    [{ SR_PORT: '70000' }, 'SR_PORT must be a whole number from 1 to 65535 (got "70000")'],
    [{ SR_HTTP_PORT: '80a' }, 'SR_HTTP_PORT must be a whole number from 0 to 65535 (got "80a")'],
    [{ SR_PORT: '9000', SR_HTTP_PORT: '9000' }, 'SR_HTTP_PORT must differ from SR_PORT (both are 9000)'],
    [
      { SR_HOST: 'my host' },
      'SR_HOST must be an IP address or a host name to listen on, e.g. 0.0.0.0 (got "my host")',
    ],
    [{ SR_TLS: 'maybe' }, 'SR_TLS must be auto, off, or "cert.pem,key.pem" (got "maybe")'],
    [
      { SR_TLS: 'nope.pem,nope.key' },
      'SR_TLS names a file that does not exist: /srv/proxy/nope.pem (got "nope.pem,nope.key")',
    ],
    [{ SR_ALLOWED_ORIGINS: 'localhost:5173' }, 'SR_ALLOWED_ORIGINS has "localhost:5173"'],
    [{ SR_ALLOWED_ORIGINS: 'https://ok.uz,https://x.uz/app' }, 'SR_ALLOWED_ORIGINS has "https://x.uz/app"'],
    [
      { SR_DEVICE_NETS: '10.0.0.0/8,10.1.0.0/99' },
      'SR_DEVICE_NETS must be a comma-separated list of networks',
    ],
    [{ SR_DEVICE_NETS: 'classroom' }, '(got "classroom")'],
    [{ SR_DEVICE_NETS: ' , ' }, 'SR_DEVICE_NETS must name at least one network'],
    [{ SR_BACKEND_URL: 'ftp://backend' }, 'SR_BACKEND_URL must be an http:// or https:// address'],
    [
      { SR_BACKEND_URL: 'https://b.uz', SR_BACKEND_TOKEN: 't' },
      'SR_SCHOOL_ID must be set when SR_BACKEND_URL is',
    ],
    [{ SR_SCHOOL_ID: '5' }, 'SR_SCHOOL_ID is set but SR_BACKEND_URL is not'],
    [
      { SR_BACKEND_URL: 'https://b.uz', SR_SCHOOL_ID: '5', SR_BACKEND_EMAIL: 'a@b.uz' },
      'SR_BACKEND_PASSWORD must be set when SR_BACKEND_URL is',
    ],
    [
      { SR_BACKEND_URL: 'https://b.uz', SR_SCHOOL_ID: '5' },
      'SR_BACKEND_EMAIL must be set when SR_BACKEND_URL is',
    ],
    [
      {
        SR_BACKEND_URL: 'https://b.uz',
        SR_SCHOOL_ID: '5',
        SR_BACKEND_EMAIL: 'admin',
        SR_BACKEND_PASSWORD: 'p',
      },
      'SR_BACKEND_EMAIL must be an e-mail address (got "admin")',
    ],
    [{ SR_LOG_LEVEL: 'loud' }, 'SR_LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent'],
  ])('refuses %j with one line naming the variable', (env, expected) => {
    const line = problem(env)
    expect(line).toContain(expected)
    expect(line).not.toContain('\n')
  })

  it('never repeats a secret in its complaint', () => {
    const line = problem({ SR_ADMIN_TOKEN: 'short secret' })
    expect(line).toBe('SR_ADMIN_TOKEN must be 16 to 256 characters without spaces')
  })

  it('treats empty variables as unset', () => {
    expect(load({ SR_PORT: '', SR_ADMIN_TOKEN: '  ', SR_BACKEND_URL: '' })).toMatchObject({
      port: 8443,
      adminToken: null,
      backend: null,
    })
  })
})

describe('SR_TIMEZONE', () => {
  it.each(['Asia/Tashkent', 'UTC', 'Asia/Calcutta', 'asia/samarkand', ' Europe/Berlin '])(
    'takes any zone name Intl knows, aliases and any letter case too: %j',
    (zone) => {
      expect(load({ SR_TIMEZONE: zone }).timeZone).toBe(zone.trim())
    },
  )

  it('refuses a name that is no time zone, in one line naming the variable', () => {
    expect(problem({ SR_TIMEZONE: 'Mars/Olympus' })).toContain(
      'SR_TIMEZONE must be a time zone name such as Asia/Tashkent',
    )
  })
})
