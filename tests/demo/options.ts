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
  /** forget the simulated school and the proxy's data and start afresh */
  reset: boolean
  /** 0 = a free port */
  backendPort: number
  /** one per simulated terminal; 0 = a free port */
  terminalPorts: number[]
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
  --reset            forget the simulated school, its terminals' people and the proxy's data; start afresh
  --backend-port N   the simulated school server's port (default: a free one)
  --terminal-ports A,B,C
                     the three simulated terminals' ports (default: free ones)

The simulated school (students, classes, what each terminal holds) is kept in the data directory, so
what you enrolled is still there at the next run.
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
        reset: { type: 'boolean', default: false },
        'backend-port': { type: 'string', default: '0' },
        'terminal-ports': { type: 'string', default: '' },
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
  const backendPort = values['backend-port'] === '0' ? 0 : portValue('backend-port', values['backend-port'])
  const terminalPorts =
    values['terminal-ports'] === ''
      ? []
      : values['terminal-ports'].split(',').map((part) => portValue('terminal-ports', part.trim()))
  if (terminalPorts.length !== 0 && terminalPorts.length !== 3) {
    throw new UsageError('--terminal-ports takes three ports, one per terminal, e.g. 9101,9102,9103')
  }
  const taken = [port, httpPort, backendPort, ...terminalPorts].filter((p) => p !== 0)
  if (new Set(taken).size !== taken.length) throw new UsageError('every port given must differ')
  return {
    dataDir: resolve(cwd, values['data-dir']),
    tls: values.tls,
    host: values.host,
    port,
    httpPort,
    build: !values['no-build'],
    reset: values.reset,
    backendPort,
    terminalPorts,
  }
}
