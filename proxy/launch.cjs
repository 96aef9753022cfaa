// `npm start`: the proxy as plain JavaScript, without a TypeScript loader in the process, from the code V8
// compiled for it at an earlier start (faster start, less memory). The proxy bundle and the app are made
// again whenever their sources are newer than them; their sources are read once, here.
'use strict'
const { join } = require('node:path')
const { BUNDLE_DIR, BUNDLE_ENTRY, bundleProxy, staleBuilds } = require('./bundle.cjs')
const { runBundle } = require('./code-cache.cjs')

const root = join(__dirname, '..')

async function launch() {
  const stale = staleBuilds(root)
  if (stale.proxy) {
    process.stdout.write(`Building the proxy (${BUNDLE_DIR}/ is missing or older than its sources)…\n`)
    try {
      await bundleProxy(root)
    } catch (error) {
      fail(`Cannot build the proxy: ${String(error?.message ?? error).split('\n')[0]}`)
    }
  }
  const proxy = runBundle(join(root, BUNDLE_DIR, BUNDLE_ENTRY))
  await proxy.exports.start({ appIsStale: stale.app })
  // once the proxy serves: the cache then holds what a start compiles, and making it delays no one
  setTimeout(() => proxy.keepCompiledCode(), 1000).unref()
}

function fail(line) {
  process.stderr.write(`${line}\n`)
  process.exit(1)
}

launch().catch((error) => fail(`Cannot start: ${String(error?.message ?? error).split('\n')[0]}`))
