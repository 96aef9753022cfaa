import type { LookupFunction } from 'node:net'
import * as probes from './capabilities'
import type { CallOptions, Channel, OpKind, Send } from './channel'
import * as counts from './counts'
import * as door from './door'
import * as events from './events'
import * as faces from './faces'
import * as hosts from './hosts'
import * as network from './network'
import * as ntp from './ntp'
import { SerialQueue } from './queue'
import * as resource from './resource'
import * as system from './system'
import {
  DEFAULT_TRANSPORT_OPTIONS,
  Transport,
  type AuthScheme,
  type Deadline,
  type LoginBudget,
  type TransportStats,
  type TransportTarget,
} from './transport'
import * as users from './users'

export interface IsapiTimeouts {
  /** TCP (and TLS) connect; a device that is off answers nothing, so keep this short */
  connectMs: number
  /** reads: deviceInfo, searches, counts */
  readMs: number
  /** writes: person records, settings */
  writeMs: number
  /** face uploads: the device models the face before it answers */
  faceMs: number
}

export const DEFAULT_TIMEOUTS: IsapiTimeouts = {
  connectMs: 3_000,
  readMs: 10_000,
  writeMs: 15_000,
  faceMs: 60_000,
}

export interface IsapiTarget extends TransportTarget {
  timeouts?: Partial<IsapiTimeouts>
}

export interface IsapiClientOptions {
  /** re-checks the device address right before each operation (the SSRF fence lives outside isapi) */
  beforeConnect?: (host: string) => Promise<void>
  /** resolves the hostname for the socket itself, so it connects only to an address the fence allows */
  lookup?: LookupFunction
  /** requests signed with one nonce; default 2 (a DS-K1T342MWX refuses the 3rd use) */
  nonceUses?: number
  /** a nonce older than this is not reused; default 15 s */
  nonceMaxAgeMs?: number
  /** a clock, for tests */
  now?: () => number
  /** told once the device has asked for Digest (the registry then refuses Basic for it until allowed again) */
  onDigest?: () => void
  /** the terminal's queue, when several clients reach one terminal (one queue per physical terminal) */
  queue?: SerialQueue
  /** the device's login budget as stored, and where to tell changes to it (see LoginBudget) */
  budget?: LoginBudget
  onLoginRefused?: () => void
  onLocked?: (untilMs: number) => void
  onUnlocked?: () => void
}

/** Everything the proxy can ask one terminal. One client per device: it holds the nonce and the queue. */
export interface IsapiClient {
  /** learned from the first challenge: `digest`, `basic` (the device offers nothing else) or `none` */
  readonly authScheme: AuthScheme | null
  readonly stats: Readonly<TransportStats>
  /** operations waiting for this device, the running one included */
  readonly pending: number
  deviceInfo(call?: CallOptions): Promise<system.DeviceInfoResult>
  /** cached per client after the first success; `refresh` asks again */
  capabilities(call?: CallOptions & { refresh?: boolean }): Promise<system.DeviceCapabilities>
  getTime(call?: CallOptions): Promise<system.DeviceTime>
  setTime(input: system.SetTimeInput, call?: CallOptions): Promise<void>
  countUsers(call?: CallOptions): Promise<users.UserCount>
  searchUsers(query?: users.UserSearchQuery, call?: CallOptions): Promise<users.UserSearchPage>
  addUser(user: users.DeviceUserInput, call?: CallOptions): Promise<void>
  modifyUser(user: users.DeviceUserInput, call?: CallOptions): Promise<void>
  setUpUser(user: users.DeviceUserInput, call?: CallOptions): Promise<void>
  /** throws `validation_failed` on an empty list before anything is sent */
  deleteUsers(employeeNos: readonly string[], call?: CallOptions): Promise<void>
  addFace(employeeNo: string, jpeg: Uint8Array, opts?: faces.FaceOptions, call?: CallOptions): Promise<void>
  setUpFace(employeeNo: string, jpeg: Uint8Array, opts?: faces.FaceOptions, call?: CallOptions): Promise<void>
  searchFaces(query?: faces.FaceSearchQuery, call?: CallOptions): Promise<faces.FaceSearchPage>
  deleteFaces(employeeNos: readonly string[], call?: CallOptions): Promise<void>
  /** the photo behind a `faceURL`: its path is asked of the configured device, never of the URL's host */
  fetchFace(faceURL: string, call?: CallOptions): Promise<Buffer>
  getHttpHosts(call?: CallOptions): Promise<hosts.HttpHost[]>
  putHttpHosts(list: readonly hosts.HttpHostInput[], call?: CallOptions): Promise<void>
  putHttpHost(host: hosts.HttpHostInput, call?: CallOptions): Promise<void>
  searchEvents(query?: events.EventSearchQuery, call?: CallOptions): Promise<events.EventSearchPage>
  /** `System/capabilities`; null when the model does not answer it */
  systemCapabilities(call?: CallOptions): Promise<probes.SystemCapabilities | null>
  /** `System/time/capabilities`; null when the model does not answer it */
  timeCapabilities(call?: CallOptions): Promise<probes.TimeCapabilities | null>
  /** null: the model has no NTP client */
  getNtpServers(call?: CallOptions): Promise<ntp.NtpServer[] | null>
  putNtpServer(input: ntp.NtpServerInput, call?: CallOptions): Promise<void>
  /** read-only; null when the model does not report its interfaces */
  getNetworkInterfaces(call?: CallOptions): Promise<network.NetworkInterface[] | null>
  /** null: the model has no face library */
  countFaceLibrary(call?: CallOptions): Promise<counts.FaceLibraryCount | null>
  /** the `isSupport…` flags of the system and access-control capability documents; cached like `capabilities` */
  capabilityFlags(call?: CallOptions & { refresh?: boolean }): Promise<Record<string, boolean>>
  /** one settings document (`/ISAPI/…` only); null when the model does not have it */
  readResource(path: string, call?: CallOptions): Promise<resource.ResourceDoc | null>
  /** writes a whole settings document back; only the device's OK, read it back to know it was kept */
  writeResource(doc: resource.ResourceDoc, call?: CallOptions): Promise<void>
  /** `interfaces/<id>/ipAddress`; null when the model does not offer it */
  getIpv4(portId: string, call?: CallOptions): Promise<resource.ResourceDoc | null>
  ipv4Capabilities(portId: string, call?: CallOptions): Promise<{ addressingTypes: string[] } | null>
  /** the device only says OK; nothing about a door can be read back */
  remoteControlDoor(doorId: number, cmd: door.DoorCommand, call?: CallOptions): Promise<void>
  /** after a refused login nothing is sent until this (a person asking again) or new credentials */
  resetAuth(): void
  close(): Promise<void>
}

/**
 * A client for one device: its own socket, Digest state and FIFO queue, so that requests to one terminal
 * go one at a time while different terminals work in parallel. Keep one per device and reuse it.
 */
export function createIsapiClient(target: IsapiTarget, opts: IsapiClientOptions = {}): IsapiClient {
  const timeouts = { ...DEFAULT_TIMEOUTS, ...target.timeouts }
  const transport = new Transport(target, {
    ...DEFAULT_TRANSPORT_OPTIONS,
    connectTimeoutMs: timeouts.connectMs,
    ...(opts.nonceUses !== undefined ? { nonceUses: opts.nonceUses } : {}),
    ...(opts.nonceMaxAgeMs !== undefined ? { nonceMaxAgeMs: opts.nonceMaxAgeMs } : {}),
    ...(opts.now ? { now: opts.now } : {}),
    ...(opts.lookup ? { lookup: opts.lookup } : {}),
    ...(opts.onDigest ? { onDigest: opts.onDigest } : {}),
    ...(opts.budget ? { budget: opts.budget } : {}),
    ...(opts.onLoginRefused ? { onLoginRefused: opts.onLoginRefused } : {}),
    ...(opts.onLocked ? { onLocked: opts.onLocked } : {}),
    ...(opts.onUnlocked ? { onUnlocked: opts.onUnlocked } : {}),
  })
  const queue = opts.queue ?? new SerialQueue()
  const budget: Record<OpKind, number> = {
    read: timeouts.readMs,
    write: timeouts.writeMs,
    face: timeouts.faceMs,
  }

  const channel: Channel = {
    run(kind, call, work) {
      return queue.run(async () => {
        // loading the HTTP client on first use is not the device's time
        await transport.ready()
        const deadline = startDeadline(call?.timeoutMs ?? budget[kind], call?.signal)
        await opts.beforeConnect?.(target.host)
        const send: Send = (req) => transport.send({ maxBytes: 2 * 1024 * 1024, ...req }, deadline)
        return work(send, deadline)
      }, call?.signal)
    },
  }

  const caps = cachedProbe((call) => system.capabilities(channel, call))
  const flags = cachedProbe((call) => probes.capabilityFlags(channel, call))

  return {
    get authScheme() {
      return transport.authScheme
    },
    get stats() {
      return { ...transport.stats }
    },
    get pending() {
      return queue.pending
    },
    deviceInfo: (call) => system.deviceInfo(channel, call),
    capabilities: caps,
    getTime: (call) => system.getTime(channel, call),
    setTime: (input, call) => system.setTime(channel, input, call),
    countUsers: (call) => users.countUsers(channel, call),
    searchUsers: (query, call) => users.searchUsers(channel, query, call),
    addUser: (user, call) => users.addUser(channel, user, call),
    modifyUser: (user, call) => users.modifyUser(channel, user, call),
    setUpUser: (user, call) => users.setUpUser(channel, user, call),
    deleteUsers: (employeeNos, call) => users.deleteUsers(channel, employeeNos, call),
    addFace: (employeeNo, jpeg, faceOpts, call) => faces.addFace(channel, employeeNo, jpeg, faceOpts, call),
    setUpFace: (employeeNo, jpeg, faceOpts, call) =>
      faces.setUpFace(channel, employeeNo, jpeg, faceOpts, call),
    searchFaces: (query, call) => faces.searchFaces(channel, query, call),
    deleteFaces: (employeeNos, call) => faces.deleteFaces(channel, employeeNos, call),
    fetchFace: (faceURL, call) => faces.fetchFace(channel, faceURL, call),
    getHttpHosts: (call) => hosts.getHttpHosts(channel, call),
    putHttpHosts: (list, call) => hosts.putHttpHosts(channel, list, call),
    putHttpHost: (host, call) => hosts.putHttpHost(channel, host, call),
    searchEvents: (query, call) => events.searchEvents(channel, query, call),
    systemCapabilities: (call) => probes.systemCapabilities(channel, call),
    timeCapabilities: (call) => probes.timeCapabilities(channel, call),
    getNtpServers: (call) => ntp.getNtpServers(channel, call),
    putNtpServer: (input, call) => ntp.putNtpServer(channel, input, call),
    getNetworkInterfaces: (call) => network.getNetworkInterfaces(channel, call),
    countFaceLibrary: (call) => counts.countFaceLibrary(channel, call),
    capabilityFlags: flags,
    readResource: (path, call) => resource.readResource(channel, path, call),
    writeResource: (doc, call) => resource.writeResource(channel, doc, call),
    getIpv4: (portId, call) => network.getIpv4(channel, portId, call),
    ipv4Capabilities: (portId, call) => network.ipv4Capabilities(channel, portId, call),
    remoteControlDoor: (doorId, cmd, call) => door.remoteControlDoor(channel, doorId, cmd, call),
    resetAuth: () => transport.resetAuth(),
    close: () => transport.close(),
  }
}

/** A capability read kept after its first success (a failure is asked again); `refresh` asks anew. */
function cachedProbe<T>(
  load: (call?: CallOptions) => Promise<T>,
): (call?: CallOptions & { refresh?: boolean }) => Promise<T> {
  let current: Promise<T> | undefined
  return (call) => {
    if (!current || call?.refresh) {
      const pending = load(call)
      current = pending
      pending.catch(() => {
        if (current === pending) current = undefined
      })
    }
    return current
  }
}

function startDeadline(timeoutMs: number, caller?: AbortSignal): Deadline {
  const timer = AbortSignal.timeout(timeoutMs)
  const signal = caller ? AbortSignal.any([caller, timer]) : timer
  return { signal, timeoutMs, timedOut: () => timer.aborted && !caller?.aborted }
}
