import type { CallOptions, IsapiClient, NtpServer } from '../../isapi'
import { isAbsent } from '../../isapi'

type ProbeClient = Pick<IsapiClient, 'systemCapabilities' | 'timeCapabilities' | 'getNtpServers'>

export type NtpSupport =
  | { supported: true; servers: NtpServer[]; timeModes: string[] }
  | { supported: false; detail: string; timeModes: string[] }

/**
 * Whether this model has an NTP client, capabilities first: `DeviceCap` saying `isSupportNtp false`, or time
 * capabilities without an `NTP` mode, settle it without touching the NTP endpoints; otherwise the servers are
 * read, and a model that refuses them as unsupported has none.
 */
export async function probeNtp(client: ProbeClient, call?: CallOptions): Promise<NtpSupport> {
  const system = await optional(() => client.systemCapabilities(call))
  const time = await optional(() => client.timeCapabilities(call))
  const timeModes = time?.timeModes ?? []
  if (system?.ntp === false) {
    return { supported: false, detail: 'System capabilities say isSupportNtp false', timeModes }
  }
  if (timeModes.length > 0 && !timeModes.some((mode) => mode.toUpperCase() === 'NTP')) {
    return { supported: false, detail: `Time modes offered: ${timeModes.join(', ')}`, timeModes }
  }
  const servers = await client.getNtpServers(call)
  if (servers === null)
    return { supported: false, detail: 'The device has no ntpServers endpoint', timeModes }
  return { supported: true, servers, timeModes }
}

/** A capability probe that fails for any reason says nothing; the next step decides. */
async function optional<T>(read: () => Promise<T | null>): Promise<T | null> {
  try {
    return await read()
  } catch (error) {
    if (isAbsent(error)) return null
    if (error instanceof Error && 'code' in error && error.code === 'device_bad_response') return null
    throw error
  }
}
