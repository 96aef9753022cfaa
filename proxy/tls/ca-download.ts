import { X509Certificate } from 'node:crypto'
import { Hono } from 'hono'

/**
 * The local CA as files screens can install: `/ca.crt` in DER (what Android, iPadOS and Windows open
 * directly from a download) and `/ca.pem` for people who need the text form.
 */
export function caDownloadRoutes(caPem: string): Hono {
  const der = new X509Certificate(caPem).raw
  return new Hono()
    .get('/ca.crt', (c) =>
      c.body(new Uint8Array(der), 200, {
        'Content-Type': 'application/x-x509-ca-cert',
        'Content-Disposition': 'attachment; filename="student-registrator-ca.crt"',
        'Cache-Control': 'no-cache',
      }),
    )
    .get('/ca.pem', (c) =>
      c.body(caPem, 200, {
        'Content-Type': 'application/x-pem-file',
        'Content-Disposition': 'attachment; filename="student-registrator-ca.pem"',
        'Cache-Control': 'no-cache',
      }),
    )
}
