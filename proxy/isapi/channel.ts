import type { Deadline, HttpAnswer, HttpRequest } from './transport'

export interface CallOptions {
  /** the caller's own cancel; the operation's timeout still applies */
  signal?: AbortSignal
  /** overrides the operation's default time budget */
  timeoutMs?: number
}

/** Picks the time budget: reads are quick, writes slower, face uploads slowest (the device models the face). */
export type OpKind = 'read' | 'write' | 'face'

export type Send = (req: Omit<HttpRequest, 'maxBytes'> & { maxBytes?: number }) => Promise<HttpAnswer>

/**
 * One device, seen by the operation modules: `run` takes the device's queue slot for the whole operation
 * (several requests if it needs them) under one deadline.
 */
export interface Channel {
  run<T>(
    kind: OpKind,
    call: CallOptions | undefined,
    work: (send: Send, deadline: Deadline) => Promise<T>,
  ): Promise<T>
}

/** A JSON document as a request body (most ISAPI writes and searches take `?format=json`). */
export function jsonBody(document: unknown): { body: Buffer; contentType: string } {
  return { body: Buffer.from(JSON.stringify(document)), contentType: 'application/json' }
}
