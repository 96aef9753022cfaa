import { resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { buildAppInChild } from './build-app'
import { appIsStale } from './bundle.cjs'
import { configFromEnv, runFromCommandLine } from './main'

const ROOT = fileURLToPath(new URL('..', import.meta.url))

export interface StartOptions {
  /** whether dist/ is older than its sources, when the caller has looked already (proxy/launch.cjs) */
  appIsStale?: boolean
}

/** `npm start`: build the PWA when its sources changed since the last build, then run the proxy. */
export async function start(options: StartOptions = {}): Promise<void> {
  // a bad setting is reported at once, not after a build that may take a minute
  const config = configFromEnv()
  if (options.appIsStale ?? appIsStale(ROOT)) {
    process.stdout.write('Building the app (dist/ is missing or older than its sources)…\n')
    try {
      await buildAppInChild(ROOT)
    } catch (error) {
      process.stderr.write(`Cannot build the app: ${String((error as Error).message).split('\n')[0]}\n`)
      process.exit(1)
    }
  }
  await runFromCommandLine(process.env, config)
}

const invokedDirectly = process.argv[1] && pathToFileURL(resolve(process.argv[1])).href === import.meta.url
if (invokedDirectly) void start()
