import { secureHeaders } from 'hono/secure-headers'

/**
 * A strict policy the PWA still works under: its own scripts, styles and workers; photos as data: and
 * blob: URLs; the camera needs no CSP entry (getUserMedia is governed by Permissions-Policy).
 * HSTS is off on purpose: the same host also serves the plain-HTTP trust page on another port, and
 * HSTS would send browsers that once opened the app to https on that port too.
 */
export const securityHeaders = () =>
  secureHeaders({
    strictTransportSecurity: false,
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      // 'wasm-unsafe-eval' lets the face check compile TensorFlow's WebAssembly; it allows no JavaScript eval
      scriptSrc: ["'self'", "'wasm-unsafe-eval'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:', 'blob:'],
      mediaSrc: ["'self'", 'blob:'],
      fontSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      workerSrc: ["'self'"],
      manifestSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
    permissionsPolicy: { camera: ['self'], microphone: [], geolocation: [] },
  })
