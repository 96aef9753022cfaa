// Plain JavaScript on purpose: `npm start` runs this before any TypeScript can be loaded.
import { existsSync, mkdirSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs'
import { basename, join } from 'node:path'

/** Where the bundled proxy goes (git-ignored); `start.js` is its entry. */
export const BUNDLE_DIR = 'dist-proxy'
export const BUNDLE_ENTRY = 'start.js'

/** What the bundle is made from; a change in any of them means it is stale. */
const SOURCES = ['proxy', 'shared', 'package.json', 'package-lock.json']

/** The newest modification time under `path` (a file or a directory tree), 0 when it does not exist. */
export function newestMtime(path) {
  if (!existsSync(path)) return 0
  const info = statSync(path)
  if (!info.isDirectory()) return info.mtimeMs
  let newest = info.mtimeMs
  for (const entry of readdirSync(path, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue
    newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs)
  }
  return newest
}

/** True when the bundle is missing or older than any of its sources. */
export function bundleIsStale(root) {
  const built = newestMtime(join(root, BUNDLE_DIR, BUNDLE_ENTRY))
  if (built === 0) return true
  return SOURCES.some((source) => newestMtime(join(root, source)) > built)
}

/**
 * Pure-JavaScript packages the proxy needs at every start, made part of the bundle: Node's ESM loader
 * resolves, reads and links each of their files one by one (zod alone is dozens), which costs more at start
 * than compiling the same code inside one file. Every other package stays outside the bundle.
 */
const BUNDLED_PACKAGES = new Set(['zod', 'hono', '@hono/node-server'])

/** Leaves every package import (`name` or `name/sub/path`) to Node, except those of BUNDLED_PACKAGES. */
const otherPackagesOutside = {
  name: 'other-packages-outside',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, ({ path, kind }) => {
      if (kind === 'entry-point') return undefined
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
 * Bundles proxy/start.ts and everything of ours it imports into plain ESM. Packages other than
 * BUNDLED_PACKAGES stay outside the bundle and are loaded by Node as usual (native ones like better-sqlite3
 * and sharp cannot be bundled at all);
 * dynamic imports become chunks of their own, so what the proxy loads lazily stays lazy.
 *
 * Each file is written under a temporary name and renamed into place, the entry last, and chunks of an
 * earlier build are left alone (their names carry a content hash): a proxy started at the same moment,
 * or still running from the previous build, never reads half a file or misses a chunk it loads later.
 */
export async function bundleProxy(root) {
  const { build } = await import('esbuild')
  const result = await build({
    absWorkingDir: root,
    entryPoints: ['proxy/start.ts'],
    outdir: BUNDLE_DIR,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    plugins: [zodWithoutLocales, otherPackagesOutside],
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
  const isEntry = (file) => basename(file.path) === BUNDLE_ENTRY
  for (const file of [
    ...result.outputFiles.filter((f) => !isEntry(f)),
    ...result.outputFiles.filter(isEntry),
  ]) {
    const temporary = `${file.path}.${process.pid}.tmp`
    writeFileSync(temporary, file.contents)
    renameSync(temporary, file.path)
  }
}
