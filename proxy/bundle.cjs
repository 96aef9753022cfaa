// Plain CommonJS on purpose: `npm start` runs this before any TypeScript can be loaded, and a start that
// loads no ES module never starts Node's ES module loader.
'use strict'
const { createHash } = require('node:crypto')
const { mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } = require('node:fs')
const { join } = require('node:path')
const { isCodeCacheOf } = require('./code-cache.cjs')

/** Where the bundled proxy goes (git-ignored): one CommonJS file, its source map and its code cache. */
const BUNDLE_DIR = 'dist-proxy'
const BUNDLE_ENTRY = 'proxy.cjs'

/** What each build `npm start` runs is made from, by the file that says when it was built. */
const BUILDS = {
  proxy: {
    built: join(BUNDLE_DIR, BUNDLE_ENTRY),
    sources: ['proxy', 'shared', 'package.json', 'package-lock.json'],
  },
  app: {
    built: join('dist', 'index.html'),
    sources: ['web', 'index.html', 'vite.config.ts', 'public', 'shared'],
  },
}

/** The newest modification time under `path` (a file or a directory tree), 0 when it does not exist. */
function newestMtime(path) {
  const info = statSync(path, { throwIfNoEntry: false })
  if (!info) return 0
  return info.isDirectory() ? newestInTree(path, info.mtimeMs) : info.mtimeMs
}

// by hand rather than with readdirSync's `recursive`, which in Node 20 takes about twice as long, at
// every start
function newestInTree(dir, newest) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) newest = newestInTree(path, newest)
    else if (entry.isFile()) newest = Math.max(newest, statSync(path).mtimeMs)
  }
  return newest
}

/**
 * Which builds are missing or older than any of their sources: the proxy bundle and the app in dist/.
 * Each source tree is read once (both builds are made from shared/).
 */
function staleBuilds(root, names = Object.keys(BUILDS)) {
  const newest = new Map()
  const newestOf = (source) => {
    if (!newest.has(source)) newest.set(source, newestMtime(join(root, source)))
    return newest.get(source)
  }
  const stale = {}
  for (const name of names) {
    const built = newestMtime(join(root, BUILDS[name].built))
    stale[name] = built === 0 || BUILDS[name].sources.some((source) => newestOf(source) > built)
  }
  return stale
}

/** True when the proxy bundle is missing or older than any of its sources. */
function bundleIsStale(root) {
  return staleBuilds(root, ['proxy']).proxy
}

/** True when the built app (dist/) is missing or older than any of its sources. */
function appIsStale(root) {
  return staleBuilds(root, ['app']).app
}

/**
 * Pure-JavaScript packages the proxy needs at every start, made part of the bundle (with the packages they
 * import): their code is then compiled once and kept in the code cache with ours, where Node would resolve,
 * read and compile each of their files at every start (zod alone is dozens, pino a dozen). Every other
 * package stays outside the bundle. pino's transports (worker threads loading files by path) would not work
 * from the bundle; the proxy logs to stdout through pino's own destination (proxy/log.ts) and uses none.
 */
const BUNDLED_PACKAGES = new Set(['zod', 'hono', '@hono/node-server', 'pino', 'ipaddr.js'])

/**
 * Leaves every package import (`name` or `name/sub/path`) of our sources to Node, except those of
 * BUNDLED_PACKAGES; what a bundled package imports is bundled with it.
 */
const otherPackagesOutside = {
  name: 'other-packages-outside',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, ({ path, kind, importer }) => {
      if (kind === 'entry-point' || /[\\/]node_modules[\\/]/.test(importer)) return undefined
      const name = path.split('/', path.startsWith('@') ? 2 : 1).join('/')
      return BUNDLED_PACKAGES.has(name) ? undefined : { path, external: true }
    })
  },
}

/**
 * zod's error messages in some forty languages, none of which the proxy uses (its messages are English,
 * zod's default, which zod imports on its own): left out of the bundle, they are ~300 KB less to compile
 * at every start. zod's `locales` export is then empty in the bundled proxy;
 * tests/unit/proxy/start-bundle.test.ts keeps the proxy's sources from reaching for it.
 */
const zodWithoutLocales = {
  name: 'zod-without-locales',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, ({ importer }) =>
      /[\\/]zod[\\/]/.test(importer) ? { path: 'zod-locales', namespace: 'zod-without-locales' } : undefined,
    )
    build.onLoad({ filter: /.*/, namespace: 'zod-without-locales' }, () => ({ contents: 'export {}' }))
  },
}

/**
 * Bundles proxy/start.ts and everything of ours it imports into one CommonJS file. Packages other than
 * BUNDLED_PACKAGES stay outside the bundle and are loaded by Node as usual (native ones like better-sqlite3
 * and sharp cannot be bundled at all) and are `require`d where the sources import them, so what the proxy
 * loads lazily stays lazy.
 *
 * One CommonJS file rather than ES modules because Node 20 can reuse V8's compiled code only for a script
 * (proxy/code-cache.cjs). The file is that script: a function of CommonJS's five module variables, which
 * code-cache.cjs calls; its last line names its build, and the code cache carries that name.
 * `import.meta.url` reads as the bundle's own URL, which sits at the same depth as the sources.
 *
 * The file is written under a temporary name and renamed into place: a proxy started at the same moment, or
 * still running from the previous build, never reads half a file. Code caches of other builds are removed.
 */
async function bundleProxy(root) {
  const { build } = require('esbuild')
  const result = await build({
    absWorkingDir: root,
    entryPoints: ['proxy/start.ts'],
    outfile: join(BUNDLE_DIR, BUNDLE_ENTRY),
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    plugins: [zodWithoutLocales, otherPackagesOutside],
    // `import()` of a package becomes `require` too: every package the proxy uses has a CommonJS entry, and a
    // script's `import()` would need Node's experimental module hook for vm scripts
    supported: { 'dynamic-import': false },
    define: { 'import.meta.url': 'import_meta_url' },
    banner: {
      js: `(function (exports, require, module, __filename, __dirname) {var import_meta_url = require("node:url").pathToFileURL(__filename).href;`,
    },
    footer: { js: '})' },
    // less for Node to read and compile at every start, and ASCII only (one comment with a non-ASCII
    // character would make V8 hold the whole source at two bytes a character); names stay as written,
    // so stack traces in the log still read
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: 'none',
    sourcemap: 'linked',
    logLevel: 'silent',
    write: false,
  })
  const outDir = join(root, BUNDLE_DIR)
  mkdirSync(outDir, { recursive: true })
  const entry = result.outputFiles.find((file) => file.path.endsWith(BUNDLE_ENTRY))
  const id = createHash('sha256').update(entry.contents).digest('hex').slice(0, 16)
  for (const file of result.outputFiles) {
    const contents = file === entry ? `${file.text}${buildLine(id)}\n` : file.contents
    const temporary = `${file.path}.${process.pid}.tmp`
    writeFileSync(temporary, contents)
    renameSync(temporary, file.path)
  }
  for (const name of readdirSync(outDir)) {
    if (/\.v8cache$/.test(name) && !isCodeCacheOf(name, id)) rmSync(join(outDir, name), { force: true })
  }
}

/** The bundle's last line (after the source map's, which leaves the map's lines as they are): the build it
 * is, read back by proxy/code-cache.cjs. */
function buildLine(id) {
  return `// build ${id}`
}

module.exports = {
  BUNDLE_DIR,
  BUNDLE_ENTRY,
  newestMtime,
  staleBuilds,
  bundleIsStale,
  appIsStale,
  bundleProxy,
}
