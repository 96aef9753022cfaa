import type { ApiClient, ApiClientOptions } from './api/client'

/** Every method of the client; the type check keeps this list equal to the interface's. */
const METHODS = {
  request: true,
  stream: true,
  health: true,
  pair: true,
  createPairingCode: true,
  listTokens: true,
  revokeToken: true,
  listDevices: true,
  deviceStatus: true,
  createDevice: true,
  updateDevice: true,
  deleteDevice: true,
  testDevice: true,
  listDeviceUsers: true,
  deleteDeviceUser: true,
  fetchImage: true,
  download: true,
} as const satisfies Record<keyof ApiClient, true>

type AnyMethod = (...args: unknown[]) => Promise<unknown>

/**
 * The proxy client, with its code (and the answer schemas it validates with) loaded on its first call
 * rather than before the first paint. Every method already answers with a promise, so callers cannot tell.
 * A failed load is tried again on the next call.
 */
export function createLazyApiClient(options: ApiClientOptions): ApiClient {
  let loading: Promise<ApiClient> | null = null
  const client = (): Promise<ApiClient> =>
    (loading ??= import('./api/client').then(
      ({ createApiClient }) => createApiClient(options),
      (error: unknown) => {
        loading = null
        throw error
      },
    ))
  const forward =
    (name: keyof ApiClient): AnyMethod =>
    async (...args) => {
      const loaded = await client()
      return (loaded[name] as AnyMethod).apply(loaded, args)
    }
  const methods = Object.keys(METHODS) as (keyof ApiClient)[]
  return Object.fromEntries(methods.map((name) => [name, forward(name)])) as unknown as ApiClient
}
