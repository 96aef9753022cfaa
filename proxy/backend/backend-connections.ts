import type { Dispatcher } from 'undici'

/**
 * The proxy's connections to the school server, shared by every client of it (the proxy's own and the
 * screens' accounts): made with the first call, so a LAN-only proxy never loads the HTTP client, and
 * closed when the proxy stops, so no kept-alive socket outlives it.
 */
export class BackendConnections {
  private agent: Promise<Dispatcher> | undefined

  dispatcher(): Promise<Dispatcher> {
    this.agent ??= import('undici').then(({ Agent }) => new Agent())
    return this.agent
  }

  async close(): Promise<void> {
    const agent = this.agent
    this.agent = undefined
    if (agent) await (await agent).close()
  }
}
