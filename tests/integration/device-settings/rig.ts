import type { Device } from '../../../shared/api/devices'
import { startProxy, type RunningProxy } from '../../helpers/proxy-process'
import { startTerminal, type ModelId, type Terminal, type TerminalOptions } from '../../sim/terminal'
import { addDevice } from '../check/rig'

/** One proxy and one registered simulated terminal per model, as the settings suites use them. */
export interface SettingsRig {
  proxy: RunningProxy
  term(model: ModelId): Terminal
  /** the device id the proxy gave the model's terminal */
  id(model: ModelId): string
  stop(): Promise<void>
}

export async function settingsRig(
  models: readonly ModelId[],
  options: { env?: Record<string, string>; terminal?: TerminalOptions } = {},
): Promise<SettingsRig> {
  const proxy = await startProxy({ tls: 'off', ...(options.env ? { env: options.env } : {}) })
  const terminals = new Map<ModelId, Terminal>()
  const devices = new Map<ModelId, Device>()
  for (const model of models) {
    const t = await startTerminal({ ...options.terminal, model })
    terminals.set(model, t)
    devices.set(model, await addDevice(proxy, t, model))
  }
  return {
    proxy,
    term: (model) => terminals.get(model) as Terminal,
    id: (model) => devices.get(model)?.id as string,
    async stop() {
      await proxy.stop()
      await Promise.all([...terminals.values()].map((t) => t.close()))
    },
  }
}
