import { Hono, type Context } from 'hono'
import { readFile, stat } from 'node:fs/promises'
import { extname, join, normalize, sep } from 'node:path'
import { AppError } from '../../../shared/errors'
import type { AppEnv } from '../context'

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
}

/** Files a browser must re-check on every load, or an update of the app would never reach the tablets. */
const ALWAYS_REVALIDATE = new Set(['/index.html', '/sw.js', '/manifest.webmanifest', '/registerSW.js'])

export function cacheControlFor(path: string): string {
  if (ALWAYS_REVALIDATE.has(path)) return 'no-cache'
  // Vite and Workbox put a content hash in these names, so a changed file always has a new name.
  if (path.startsWith('/assets/') || /^\/workbox-[\w-]+\.js$/.test(path))
    return 'public, max-age=31536000, immutable'
  return 'no-cache'
}

/**
 * Serves the built PWA from `dist/`. Paths without a file extension are the app's own screens and get
 * `index.html` (the router takes it from there); a missing file with an extension is a plain 404.
 */
export function pwaRoutes(distDir: string | null): Hono<AppEnv> {
  return new Hono<AppEnv>().get('*', async (c, next) => {
    if (c.req.path === '/api' || c.req.path.startsWith('/api/')) return next()
    if (!distDir) throw new AppError('not_found', 'The app is not built into this proxy; run npm run build')
    const file = await findFile(distDir, c.req.path)
    if (file) return sendFile(c, file.path, file.urlPath)
    if (extname(c.req.path) !== '') return next()
    const index = await findFile(distDir, '/index.html')
    if (!index) throw new AppError('not_found', 'The app is not built yet; run npm run build')
    return sendFile(c, index.path, '/index.html')
  })
}

async function findFile(
  root: string,
  urlPath: string,
): Promise<{ path: string; urlPath: string } | undefined> {
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath)
  } catch {
    return undefined
  }
  const wanted = decoded === '/' ? '/index.html' : decoded
  const path = normalize(join(root, wanted))
  // `..` tricks must not leave dist/.
  if (path !== root && !path.startsWith(root.endsWith(sep) ? root : root + sep)) return undefined
  const info = await stat(path).catch(() => undefined)
  return info?.isFile() ? { path, urlPath: wanted } : undefined
}

async function sendFile(c: Context<AppEnv>, path: string, urlPath: string): Promise<Response> {
  const body = await readFile(path)
  return c.body(body, 200, {
    'Content-Type': CONTENT_TYPES[extname(path)] ?? 'application/octet-stream',
    'Cache-Control': cacheControlFor(urlPath),
  })
}
