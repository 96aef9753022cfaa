import { Hono, type Context } from 'hono'
import { secureHeaders } from 'hono/secure-headers'
import { httpsOriginFor } from '../net/origin'
import { caDownloadRoutes } from './ca-download'
import { trustPageHtml } from './trust-page-html'

export interface TrustPageOptions {
  caPem: string
  fingerprint256: string
  httpsPort: number
}

/**
 * The plain-HTTP side port: a screen that does not trust the proxy yet can still load this page, install
 * the CA and then open the app over HTTPS. Nothing else is served here; every other path goes to HTTPS.
 */
export function trustPageApp(options: TrustPageOptions): Hono {
  const qrCache = new Map<string, string>()
  const qrFor = async (text: string): Promise<string> => {
    const cached = qrCache.get(text)
    if (cached) return cached
    const { default: QRCode } = await import('qrcode')
    const svg = await QRCode.toString(text, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' })
    // The Host header decides the text, so keep only a few: a handful of real addresses exist.
    if (qrCache.size >= 16) qrCache.clear()
    qrCache.set(text, svg)
    return svg
  }
  const page = async (c: Context) => {
    const appUrl = `${httpsOriginFor(c.req.url, options.httpsPort)}/`
    return c.html(
      trustPageHtml({ appUrl, qrSvg: await qrFor(appUrl), fingerprint256: options.fingerprint256 }),
    )
  }
  return new Hono()
    .use(
      secureHeaders({
        strictTransportSecurity: false,
        contentSecurityPolicy: {
          defaultSrc: ["'none'"],
          styleSrc: ["'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          frameAncestors: ["'none'"],
        },
      }),
    )
    .get('/', page)
    .get('/index.html', page)
    .route('/', caDownloadRoutes(options.caPem))
    .all('*', (c) => {
      const target = new URL(c.req.url)
      return c.redirect(
        `${httpsOriginFor(c.req.url, options.httpsPort)}${target.pathname}${target.search}`,
        302,
      )
    })
}
