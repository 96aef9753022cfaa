import type { ServerResponse } from 'node:http'
import type { HandlerContext } from './context'
import { refuse } from './context'
import { fixtureText } from './fixture-files'
import type { SimResponse } from './format'
import type { OpName } from './routes'

/** Something going wrong on the device, injected per operation. */
export type Fault =
  /** a real device error body (statusCode etc. from the official table) */
  | { kind: 'error'; subStatusCode: string; errorMsg?: string; httpStatus?: number }
  /** random bytes labelled text/plain */
  | { kind: 'garbage' }
  /** the embedded web server's HTML error page, with HTTP 200 */
  | { kind: 'html' }
  /** a JSON answer cut in the middle (with a matching Content-Length) */
  | { kind: 'truncated-json' }
  /** an answer of `bytes` (default 8 MiB) that never becomes a document */
  | { kind: 'huge'; bytes?: number }
  /** the right body under the wrong Content-Type (XML labelled JSON and the other way round) */
  | { kind: 'wrong-content-type' }
  /** bytes on the socket that are not HTTP at all */
  | { kind: 'not-http' }
  /** never answers; the request keeps the device's only slot until the client gives up */
  | { kind: 'hang' }
  /** closes the connection without answering */
  | { kind: 'drop' }
  /** does the work, sends the headers and half of the body, then vanishes */
  | { kind: 'drop-mid-body' }
  /** answers OK and changes nothing */
  | { kind: 'not-applied' }

/** Before the login check (a device that fails even the challenge) or after it (the default). */
export type FaultStage = 'before-auth' | 'after-auth'

export interface FaultOptions {
  /** how many requests it hits; default: until cleared */
  times?: number
  stage?: FaultStage
  /** only requests with this HTTP method (a settings write, not the read before it); default any */
  method?: string
}

interface ActiveFault {
  op: OpName | '*'
  fault: Fault
  stage: FaultStage
  remaining: number
  method?: string
}

export class FaultBook {
  private faults: ActiveFault[] = []

  set(op: OpName | '*', fault: Fault, opts: FaultOptions = {}): void {
    this.faults = this.faults.filter((f) => !(f.op === op && f.stage === (opts.stage ?? 'after-auth')))
    this.faults.push({
      op,
      fault,
      stage: opts.stage ?? 'after-auth',
      remaining: opts.times ?? Number.POSITIVE_INFINITY,
      ...(opts.method ? { method: opts.method.toUpperCase() } : {}),
    })
  }

  clear(): void {
    this.faults = []
  }

  /** The fault for this request, if any, counting it down. */
  take(op: OpName, stage: FaultStage, method?: string): Fault | undefined {
    const active = this.faults.find(
      (f) =>
        (f.op === op || f.op === '*') &&
        f.stage === stage &&
        f.remaining > 0 &&
        (!f.method || f.method === method),
    )
    if (!active) return undefined
    active.remaining--
    return active.fault
  }
}

const HTML_ERROR =
  '<!DOCTYPE html>\n<html><head><title>Document Error: Page not found</title></head>\n' +
  '<body><h2>Access Error: Page not found</h2><p>Bad request type</p></body></html>\n'

/** The answer body a fault replaces the real one with; undefined for the faults that act on the socket. */
export function faultResponse(fault: Fault, ctx: HandlerContext): SimResponse | undefined {
  switch (fault.kind) {
    case 'error':
      return refuse(ctx, fault.subStatusCode, fault.errorMsg, fault.httpStatus)
    case 'garbage':
      return {
        status: 200,
        contentType: 'text/plain',
        body: Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 97 + 13) % 256)),
      }
    case 'html':
      return { status: 200, contentType: 'text/html', body: Buffer.from(HTML_ERROR) }
    case 'truncated-json': {
      const full = fixtureText('access-terminals/ds-k1t342mwx_v3.16.1/UserInfo.Search.MORE.json')
      return {
        status: 200,
        contentType: 'application/json',
        body: Buffer.from(full.slice(0, Math.floor(full.length * 0.4))),
      }
    }
    default:
      return undefined
  }
}

/** Writes a never-ending document of `bytes`, honouring back-pressure. */
export async function writeHuge(res: ServerResponse, bytes: number): Promise<void> {
  res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': String(bytes) })
  const chunk = Buffer.alloc(64 * 1024, 'a')
  chunk.write('{"UserInfoSearch":{"searchID":"')
  let sent = 0
  while (sent < bytes && !res.destroyed) {
    const piece = chunk.subarray(0, Math.min(chunk.length, bytes - sent))
    sent += piece.length
    if (!res.write(piece)) await new Promise((resolve) => res.once('drain', resolve).once('close', resolve))
  }
  res.end()
}

/** Swaps the label: JSON says XML, XML says JSON, anything else says HTML. */
export function mislabel(response: SimResponse): SimResponse {
  const type = response.contentType.includes('json')
    ? 'application/xml'
    : response.contentType.includes('xml')
      ? 'application/json'
      : 'text/html'
  return { ...response, contentType: type }
}
