import type { Server } from 'node:http'
import type { Server as HttpsServer } from 'node:https'
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { ConfigError, PROXY_VERSION, loadConfig, type Config } from './config'
import { createApp } from './http/app'
import { eventIntakeRoutes } from './http/routes/event-intake'
import type { AppContext } from './http/context'
import { createLogger, type Logger } from './log'
import type { Task } from './lifecycle'
import { createServices } from './services'
import { keepPrivate, latestSchemaVersion, openDatabase, schemaVersionOf, type Db } from './store/db'
import { lanAddresses } from './net/lan-addresses'
import { prepareTls, type TlsMaterial } from './tls/material'
import { watchServerCert } from './tls/renewal'

/** A startup failure the operator can fix; printed as its one line, never with a stack. */
export class StartupError extends Error {
  override name = 'StartupError'
}

export interface RunningServer {
  /** the app's addresses, first the LAN ones, then loopback */
  urls: string[]
  trustPageUrls: string[]
  /** printed once, at a start while no screen has paired yet */
  pairingCode: string | null
  close(): Promise<void>
}

export interface StartOptions {
  logger?: Logger
  /** where the built PWA is; defaults to the repository's dist/ */
  distDir?: string | null
  /** where the start-up lines go (the pairing code among them) */
  print?: (line: string) => void
}

const DEFAULT_DIST = fileURLToPath(new URL('../dist', import.meta.url))

/** config → storage → TLS → services → HTTP(S) servers; resolves once both ports listen. */
export async function startProxy(config: Config, options: StartOptions = {}): Promise<RunningServer> {
  const logger = options.logger ?? createLogger(config.logLevel)
  const print = options.print ?? ((line: string) => process.stdout.write(line + '\n'))
  const db = await openStore(config.dataDir, logger)
  try {
    return await startOnDatabase(config, db, logger, print, options.distDir ?? DEFAULT_DIST)
  } catch (error) {
    db.close()
    throw error
  }
}

async function startOnDatabase(
  config: Config,
  db: Db,
  logger: Logger,
  print: (line: string) => void,
  distDir: string | null,
): Promise<RunningServer> {
  const tls = await prepareTls(config.tls, config.dataDir).catch((error: Error) => {
    throw new StartupError(`Cannot prepare TLS in ${config.dataDir}: ${error.message}`)
  })
  const services = createServices(config, db, logger)
  const ctx: AppContext = {
    config,
    db,
    logger,
    version: PROXY_VERSION,
    distDir,
    caPem: tls?.ca?.pem ?? null,
    services,
  }
  const app = createApp(ctx)
  const { createAdaptorServer } = await import('@hono/node-server')
  const server = createAdaptorServer({
    fetch: app.fetch,
    overrideGlobalObjects: false,
    ...(tls
      ? {
          createServer: (await import('node:https')).createServer,
          serverOptions: { key: tls.keyPem, cert: tls.certPem },
        }
      : {}),
  }) as Server
  const { lifecycle } = services
  // the servers go last: stopped first, they take no new request while the work behind them winds down
  lifecycle.add(serving(server, config.host, config.port, 'SR_PORT'))
  lifecycle.add(certificateRenewal(server, config, logger))

  const trustPageUrls: string[] = []
  if (tls?.ca && config.httpPort !== null) {
    const { trustPageApp } = await import('./tls/trust-page')
    const trustPage = trustPageApp({
      caPem: tls.ca.pem,
      fingerprint256: tls.ca.fingerprint256,
      httpsPort: config.port,
    })
    // terminals post their events over plain HTTP: they do not know the proxy's own CA
    const events = eventIntakeRoutes(ctx)
    const side = createAdaptorServer({
      fetch: (request: Request) =>
        new URL(request.url).pathname.startsWith('/events/')
          ? events.fetch(request)
          : trustPage.fetch(request),
      overrideGlobalObjects: false,
    }) as Server
    lifecycle.add(serving(side, config.host, config.httpPort, 'SR_HTTP_PORT'))
    trustPageUrls.push(...hostsToShow(config.host).map((host) => `http://${host}:${config.httpPort}/`))
  }

  await lifecycle.start()
  const scheme = tls ? 'https' : 'http'
  const urls = hostsToShow(config.host).map((host) => `${scheme}://${host}:${config.port}/`)
  const pairingCode = await announce({ config, services: ctx.services, urls, trustPageUrls, tls, print })
  logger.info(
    { port: config.port, httpPort: trustPageUrls.length ? config.httpPort : null, tls: config.tls.mode },
    'listening',
  )

  return {
    urls,
    trustPageUrls,
    pairingCode,
    close: async () => {
      await lifecycle.stop()
      db.close()
      logger.info('stopped')
    },
  }
}

/** Re-issues the server certificate while the proxy runs (SR_TLS=auto), from start to stop. */
function certificateRenewal(server: Server, config: Config, logger: Logger): Task {
  let stop = () => {}
  return {
    name: 'certificate renewal',
    start: () => {
      stop = watchServerCert(server as unknown as HttpsServer, config.tls, config.dataDir, logger)
    },
    stop: () => stop(),
  }
}

/** A server as a task of the proxy's lifecycle: listening when started, closed (connections too) when stopped. */
function serving(server: Server, host: string, port: number, variable: string): Task {
  return {
    name: `${variable} server`,
    start: () => listen(server, host, port, variable),
    stop: () => closeServer(server),
  }
}

interface Announcement {
  config: Config
  services: AppContext['services']
  urls: string[]
  trustPageUrls: string[]
  tls: TlsMaterial | null
  print: (line: string) => void
}

const ADMIN_TOKEN_MADE = 'admin_token_made_at'

/** The start-up lines for the person at the console; the pairing code only until the first pairing. */
async function announce({
  config,
  services,
  urls,
  trustPageUrls,
  tls,
  print,
}: Announcement): Promise<string | null> {
  print(`Student Registrator proxy ${PROXY_VERSION}`)
  for (const url of urls) print(`App: ${url}`)
  for (const url of trustPageUrls) print(`Trust page (install the certificate on each screen first): ${url}`)
  if (tls?.ca) print(`CA fingerprint (SHA-256): ${tls.ca.fingerprint256}`)
  if (!config.adminToken && services.settings.get(ADMIN_TOKEN_MADE) === undefined) {
    const made = services.tokens.create('Admin token (printed at first start)', 'admin')
    services.settings.set(ADMIN_TOKEN_MADE, made.info.createdAt)
    print(`Admin token: ${made.token}  (shown only now; keep it safe, or set SR_ADMIN_TOKEN)`)
  }
  if (services.pairing.isPaired()) return null
  const { code } = await services.pairing.issueFirstStartCode()
  print('Open the app on the first screen and enter this one-time code:')
  print(`Pairing code: ${code}`)
  return code
}

/** Wildcard listen addresses are shown as the LAN addresses screens can use, plus loopback. */
function hostsToShow(host: string): string[] {
  const wrap = (address: string) => (address.includes(':') ? `[${address}]` : address)
  if (host !== '0.0.0.0' && host !== '::') return [wrap(host)]
  const lan = lanAddresses().filter((address) => host === '::' || !address.includes(':'))
  return [...lan, '127.0.0.1'].map(wrap)
}

/**
 * Opens the database without ever replacing it: a file that cannot be opened is reported and left
 * exactly as it is, since it may hold the only record of what is on the devices. A start that is about
 * to upgrade the schema first makes a backup it can be rolled back to.
 */
async function openStore(dataDir: string, logger: Logger): Promise<Db> {
  try {
    keepPrivate(dataDir)
  } catch (error) {
    throw new StartupError(`Cannot use the data directory ${dataDir} (SR_DATA_DIR): ${errnoText(error)}`)
  }
  const file = join(dataDir, 'proxy.sqlite')
  const existed = existsSync(file)
  if (existed) await backupIfMigrating(dataDir, file, logger)
  try {
    return openDatabase(dataDir)
  } catch (error) {
    const what = existed
      ? `It was left untouched; restore it from a backup, or move it away to start with an empty one.`
      : `Check that ${dataDir} (SR_DATA_DIR) is writable.`
    throw new StartupError(`Cannot open the database ${file}: ${errnoText(error)}. ${what}`)
  }
}

async function backupIfMigrating(dataDir: string, file: string, logger: Logger): Promise<void> {
  let version: number
  try {
    version = schemaVersionOf(file)
  } catch {
    return // openDatabase reports an unreadable file in its own words
  }
  if (version === 0 || version >= latestSchemaVersion()) return
  const { backupBeforeMigration } = await import('./backup/backup')
  try {
    const path = await backupBeforeMigration(dataDir, version)
    logger.info({ path, fromVersion: version }, 'database backed up before its upgrade')
  } catch (error) {
    throw new StartupError(
      `Cannot back up the database before upgrading it (${errnoText(error)}); it was left untouched.`,
    )
  }
}

function errnoText(error: unknown): string {
  const e = error as NodeJS.ErrnoException
  return (e.message ?? String(error)).split('\n')[0] as string
}

function listen(server: Server, host: string, port: number, variable: string): Promise<void> {
  return new Promise((resolveListen, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off('listening', onListening)
      if (error.code === 'EADDRINUSE') {
        reject(
          new StartupError(
            `Port ${port} (${variable}) is already in use on ${host}; stop the other program or choose another port`,
          ),
        )
      } else if (error.code === 'EACCES') {
        reject(
          new StartupError(`Not allowed to listen on port ${port} (${variable}); choose a port above 1023`),
        )
      } else if (error.code === 'EADDRNOTAVAIL') {
        reject(new StartupError(`${host} (SR_HOST) is not an address of this machine`))
      } else {
        reject(new StartupError(`Cannot listen on ${host}:${port} (${variable}): ${error.message}`))
      }
    }
    const onListening = () => {
      server.off('error', onError)
      resolveListen()
    }
    server.once('error', onError)
    server.once('listening', onListening)
    server.listen(port, host)
  })
}

/** Stops accepting, lets requests in flight finish, and cuts what is still open after a grace period. */
function closeServer(server: Server): Promise<void> {
  return new Promise((done) => {
    const force = setTimeout(() => server.closeAllConnections(), 3000)
    force.unref()
    server.close(() => {
      clearTimeout(force)
      done()
    })
    server.closeIdleConnections()
  })
}

/** The validated settings, or the one line naming the bad variable and exit code 1. */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): Config {
  try {
    return loadConfig(env)
  } catch (error) {
    fail(error instanceof ConfigError ? `Configuration error: ${error.message}` : String(error))
  }
}

/** The command-line entry: one clear line and exit code 1 for anything the operator must fix. */
export async function runFromCommandLine(
  env: NodeJS.ProcessEnv = process.env,
  config: Config = configFromEnv(env),
): Promise<void> {
  // everything the proxy writes (database, WAL, keys, photos) is for its own user only
  process.umask(0o077)
  let running: RunningServer
  try {
    running = await startProxy(config)
  } catch (error) {
    fail(error instanceof StartupError ? error.message : `Cannot start: ${errnoText(error)}`)
  }
  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    process.stdout.write(`Stopping (${signal})…\n`)
    running.close().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  }
  process.once('SIGINT', () => stop('SIGINT'))
  process.once('SIGTERM', () => stop('SIGTERM'))
}

function fail(line: string): never {
  process.stderr.write(line + '\n')
  process.exit(1)
}

const invokedDirectly = process.argv[1] && pathToFileURL(resolve(process.argv[1])).href === import.meta.url
if (invokedDirectly) void runFromCommandLine()
