import QRCode from 'qrcode'

/** The address a new screen opens from the QR: the proxy's own address with `?pair=CODE`. */
export function pairingLink(url: string, code: string): string {
  const link = new URL(url)
  link.searchParams.set('pair', code)
  return link.toString()
}

/** The link as a QR image (SVG, so it stays sharp on any screen) ready for an `<img src>`. */
export async function qrDataUrl(text: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 })
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`
}
