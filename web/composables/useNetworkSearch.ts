import { reactive, ref, shallowRef } from 'vue'
import type { Device, FoundTerminal } from '../../shared/api'
import { devicePasswordProblems, type DevicePasswordProblem } from '../../shared/device-password'
import { activateTerminal, searchNetwork } from '../api/discovery'
import { useApi } from './useApi'

export type FoundStep = 'idle' | 'activating' | 'adding' | 'testing' | 'done'

/** One found terminal's row: the password typed for it, where its add is, and what went wrong. */
export interface FoundRow {
  password: string
  /** it was inactive and got its admin password here */
  activated: boolean
  step: FoundStep
  failure: unknown
  device: Device | null
}

/**
 * "Search the network" on the Devices page: the proxy's SADP search, then per terminal one flow that ends
 * with it in the registry and tested: an activated one is added with the password typed; an inactive one
 * first gets that password as its admin password (the rule checked here before anything is sent).
 */
export function useNetworkSearch(onAdded: (device: Device) => void) {
  const api = useApi()
  const searching = ref(false)
  const failure = shallowRef<unknown>(null)
  const found = shallowRef<FoundTerminal[] | null>(null)
  const rows = reactive<Record<string, FoundRow>>({})

  async function search(): Promise<void> {
    searching.value = true
    failure.value = null
    try {
      found.value = (await searchNetwork(api)).terminals
      for (const terminal of found.value) {
        rows[terminal.mac] ??= { password: '', activated: false, step: 'idle', failure: null, device: null }
      }
    } catch (error) {
      failure.value = error
    } finally {
      searching.value = false
    }
  }

  function problems(terminal: FoundTerminal): DevicePasswordProblem[] {
    return devicePasswordProblems(rows[terminal.mac]?.password ?? '')
  }

  /** Activates (when inactive), adds and tests the terminal. Resolves true when it is in the registry and answered. */
  async function add(terminal: FoundTerminal, name: string): Promise<boolean> {
    const row = rows[terminal.mac]
    if (!row || row.password === '') return false
    const activating = terminal.state === 'inactive' && !row.activated
    if (activating && problems(terminal).length > 0) return false
    row.failure = null
    try {
      if (activating) {
        row.step = 'activating'
        await activateTerminal(api, { host: terminal.host, port: terminal.port, password: row.password })
        row.activated = true
      }
      row.step = 'adding'
      // a second try after a refused test corrects the password of the entry the first try made
      row.device = row.device
        ? await api.updateDevice(row.device.id, { password: row.password })
        : await api.createDevice({
            name,
            host: terminal.host,
            port: terminal.port,
            username: 'admin',
            password: row.password,
          })
      row.step = 'testing'
      await api.testDevice(row.device.id)
      row.step = 'done'
      row.password = ''
      onAdded(row.device)
      return true
    } catch (error) {
      row.failure = error
      row.step = 'idle'
      return false
    }
  }

  return { searching, failure, found, rows, search, problems, add }
}
