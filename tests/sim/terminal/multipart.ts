export interface Part {
  name?: string
  filename?: string
  contentType?: string
  data: Buffer
}

/**
 * Splits a multipart/form-data body on its boundary. Per-part Content-Length is ignored on purpose: the
 * captured streams show it cannot be trusted, and a real terminal finds parts by the boundary too.
 */
export function parseMultipart(body: Buffer, contentType: string | undefined): Part[] | undefined {
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType ?? '')?.[1]
  if (!boundary) return undefined
  const delimiter = Buffer.from(`--${boundary}`)
  const parts: Part[] = []
  let start = body.indexOf(delimiter)
  while (start >= 0) {
    const after = start + delimiter.length
    if (body.subarray(after, after + 2).toString() === '--') break
    const next = body.indexOf(delimiter, after)
    if (next < 0) break
    const raw = body.subarray(after, next)
    const part = readPart(raw)
    if (part) parts.push(part)
    start = next
  }
  return parts
}

function readPart(raw: Buffer): Part | undefined {
  // CRLF on the wire; bare LF tolerated (captures saved with normalised line endings)
  const crlf = raw.indexOf('\r\n\r\n')
  const lf = raw.indexOf('\n\n')
  const useCrlf = crlf >= 0 && (lf < 0 || crlf <= lf)
  const headerEnd = useCrlf ? crlf : lf
  if (headerEnd < 0) return undefined
  const headers = raw.subarray(0, headerEnd).toString('utf8')
  let data = raw.subarray(headerEnd + (useCrlf ? 4 : 2))
  if (data.subarray(-2).toString() === '\r\n') data = data.subarray(0, -2)
  else if (data.subarray(-1).toString() === '\n') data = data.subarray(0, -1)
  const disposition = /content-disposition:([^\r\n]*)/i.exec(headers)?.[1] ?? ''
  const name = /\bname="?([^";\r\n]+)"?/i.exec(disposition)?.[1]?.trim()
  const filename = /\bfilename="?([^";\r\n]+)"?/i.exec(disposition)?.[1]?.trim()
  const contentType = /content-type:\s*([^\r\n]*)/i.exec(headers)?.[1]?.trim()
  return {
    ...(name ? { name } : {}),
    ...(filename ? { filename } : {}),
    ...(contentType ? { contentType } : {}),
    data,
  }
}
