// `npm start`: the proxy as plain JavaScript, without a TypeScript loader in the process, from the code V8
// compiled for it at an earlier start (faster start, less memory). The bundle is made again whenever the proxy's sources are newer than it.
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { BUNDLE_DIR, BUNDLE_ENTRY, bundleIsStale, bundleProxy } from './bundle.mjs'
import { runBundle } from './code-cache.mjs'

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
const proxy = runBundle(join(root, BUNDLE_DIR, BUNDLE_ENTRY))
await proxy.exports.start()
// once the proxy serves: the cache then holds what a start compiles, and making it delays no one
setTimeout(() => proxy.keepCompiledCode(), 1000).unref()
