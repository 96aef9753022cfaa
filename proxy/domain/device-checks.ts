import type { Config } from '../config'
import { DeviceStatusBoard } from './device-status/status-board'
import type { ClientSource, DeviceSource } from './device-source'
import { DeviceClocks } from './device-time/device-clocks'
import { DeviceWebhooks, type RelayTarget } from './webhooks/device-webhooks'
import { WebhookDirectory, type SettingsStore, type WebhookInfoSource } from './webhooks/webhook-directory'

/** The phone check's use cases: device status, clocks and webhooks, sharing one status cache. */
export interface DeviceChecks {
  directory: WebhookDirectory
  webhooks: DeviceWebhooks
  clocks: DeviceClocks
  status: DeviceStatusBoard
}

export interface DeviceChecksOptions {
  config: Pick<Config, 'timeZone'> & { ntpServer?: string | null }
  devices: DeviceSource & { recordSeen?(id: string, seen: { model?: string; firmware?: string }): unknown }
  clients: ClientSource
  settings: SettingsStore
  /** where webhook-info comes from: the school server's client, null in LAN-only mode */
  backend: WebhookInfoSource | null
  /** relay mode's switch and addresses: with it on, devices post to the proxy */
  relay?: RelayTarget
  now?: () => number
  cacheMs?: number
  budgetMs?: number
  answerMs?: number
}

export function createDeviceChecks(options: DeviceChecksOptions): DeviceChecks {
  const { devices, clients, settings } = options
  const now = options.now ?? Date.now
  const clock = { timeZone: options.config.timeZone, now }
  const directory = new WebhookDirectory({ backend: options.backend, settings, now })
  const forget = (deviceId: string) => status.forget(deviceId)
  const webhooks = new DeviceWebhooks({
    devices,
    clients,
    directory,
    settings,
    onChanged: forget,
    ...(options.relay ? { relay: options.relay } : {}),
  })
  const status = new DeviceStatusBoard({
    devices,
    clients,
    webhooks,
    directory,
    clock,
    ...(options.cacheMs !== undefined ? { cacheMs: options.cacheMs } : {}),
    ...(options.budgetMs !== undefined ? { budgetMs: options.budgetMs } : {}),
    ...(options.answerMs !== undefined ? { answerMs: options.answerMs } : {}),
  })
  const clocks = new DeviceClocks({
    devices,
    clients,
    clock,
    ntpServer: options.config.ntpServer ?? null,
    onChanged: forget,
  })
  return { directory, webhooks, clocks, status }
}
