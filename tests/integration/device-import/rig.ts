import { expect } from 'vitest'
import type { z } from 'zod'
import type { RunningProxy } from '../../helpers/proxy-process'

/** POSTs JSON with the admin token and returns the status and the parsed body. */
export async function postJson<S extends z.ZodType>(
  proxy: RunningProxy,
  path: string,
  body: unknown,
  schema: S,
): Promise<z.output<S>> {
  const response = await proxy.adminFetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  const text = await response.text()
  expect(response.status, text).toBe(200)
  return schema.parse(JSON.parse(text))
}

export function isJpeg(bytes: Buffer | undefined): boolean {
  return bytes !== undefined && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff
}
