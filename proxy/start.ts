import { join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { buildAppInChild } from './build-app'
import { newestMtime } from './bundle.mjs'
import { configFromEnv, runFromCommandLine } from './main'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
/** What the built app is made from; a change in any of them means dist/ is stale. */
const SOURCES = ['web', 'index.html', 'vite.config.ts', 'public', 'shared']

export function distIsStale(root = ROOT): boolean {
  const built = newestMtime(join(root, 'dist', 'index.html'))
  if (built === 0) return true
  return SOURCES.some((source) => newestMtime(join(root, source)) > built)
}

/** `npm start`: build the PWA when its sources changed since the last build, then run the proxy. */
export async function start(): Promise<void> {
  // a bad setting is reported at once, not after a build that may take a minute
  configFromEnv()
  if (distIsStale()) {
    process.stdout.write('Building the app (dist/ is missing or older than its sources)…\n')
    try {
      await buildAppInChild(ROOT)
    } catch (error) {
      process.stderr.write(`Cannot build the app: ${String((error as Error).message).split('\n')[0]}\n`)
      process.exit(1)
    }
  }
  await runFromCommandLine()
}

const invokedDirectly = process.argv[1] && pathToFileURL(resolve(process.argv[1])).href === import.meta.url
if (invokedDirectly) void start()
