// `npm start`: the proxy as plain JavaScript, without a TypeScript loader in the process (faster start,
// less memory). The bundle is made again whenever the proxy's sources are newer than it.
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { BUNDLE_DIR, BUNDLE_ENTRY, bundleIsStale, bundleProxy } from './bundle.mjs'

const root = fileURLToPath(new URL('..', import.meta.url))

if (bundleIsStale(root)) {
  process.stdout.write(`Building the proxy (${BUNDLE_DIR}/ is missing or older than its sources)…\n`)
  try {
    await bundleProxy(root)
  } catch (error) {
    process.stderr.write(`Cannot build the proxy: ${String(error?.message ?? error).split('\n')[0]}\n`)
    process.exit(1)
  }
}
const { start } = await import(pathToFileURL(join(root, BUNDLE_DIR, BUNDLE_ENTRY)).href)
await start()
