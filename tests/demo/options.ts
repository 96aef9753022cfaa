import { resolve } from 'node:path'
import { parseArgs } from 'node:util'

export interface DemoOptions {
  dataDir: string
  tls: 'auto' | 'off'
  /** where the proxy listens; loopback unless the caller opens it to the LAN on purpose */
  host: string
  port: number
  httpPort: number
  /** skip building the app even when dist/ is stale (tests that only need the API) */
  build: boolean
}

export const HELP = `npm run demo -- [options]

Starts the simulated school server (60 students), 3 simulated face terminals and the proxy,
registers the terminals in the proxy, and prints the address and the pairing code. Ctrl+C stops it all.

  --data-dir DIR     the proxy's data directory (default .demo-data)
  --tls auto|off     HTTPS with a local certificate (default auto) or plain HTTP
  --host ADDR        where the proxy listens (default 127.0.0.1; 0.0.0.0 lets a tablet on the LAN in)
  --port N           the app's port (default 9443)
  --http-port N      the trust page's port (default 9080)
  --no-build         do not build the app first, even when dist/ is older than its sources
  --help             this text
`

export class UsageError extends Error {}

function portValue(name: string, value: string): number {
  if (!/^\d{1,5}$/.test(value) || Number(value) < 1 || Number(value) > 65535) {
    throw new UsageError(`--${name} must be a port number from 1 to 65535 (got "${value}")`)
  }
  return Number(value)
}

/** The command line → options; `null` when only the help was asked for. */
export function parseDemoArgs(argv: string[], cwd = process.cwd()): DemoOptions | null {
  let values
  try {
    ;({ values } = parseArgs({
      args: argv,
      options: {
        'data-dir': { type: 'string', default: '.demo-data' },
        tls: { type: 'string', default: 'auto' },
        host: { type: 'string', default: '127.0.0.1' },
        port: { type: 'string', default: '9443' },
        'http-port': { type: 'string', default: '9080' },
        'no-build': { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    }))
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
  if (values.help) return null
  if (values.tls !== 'auto' && values.tls !== 'off') {
    throw new UsageError(`--tls must be auto or off (got "${values.tls}")`)
  }
  const port = portValue('port', values.port)
  const httpPort = portValue('http-port', values['http-port'])
  if (port === httpPort) throw new UsageError('--port and --http-port must differ')
  return {
    dataDir: resolve(cwd, values['data-dir']),
    tls: values.tls,
    host: values.host,
    port,
    httpPort,
    build: !values['no-build'],
  }
}
