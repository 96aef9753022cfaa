import {
  LiveCheckFixResponse,
  LiveCheckResponse,
  type LiveCheckFixRequest,
  type LiveCheckRequest,
} from '../../shared/api'
import type { ApiClient } from './client'

/** `POST /api/live-check`: what each terminal holds for the students asked about, read live. */
export function liveCheck(
  api: ApiClient,
  body: LiveCheckRequest,
  timeoutMs = 60_000,
): Promise<LiveCheckResponse> {
  return api.request('POST', '/api/live-check', { schema: LiveCheckResponse, body, timeoutMs })
}

/** `POST /api/live-check/fix`: a face upload, a read-back and a second check on every device named. */
export function fixOnDevices(api: ApiClient, body: LiveCheckFixRequest): Promise<LiveCheckFixResponse> {
  return api.request('POST', '/api/live-check/fix', {
    schema: LiveCheckFixResponse,
    body,
    timeoutMs: 120_000,
  })
}
