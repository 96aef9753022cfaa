import type { NtpServerView, NtpSettingsState } from '../../../shared/api/device-settings'
import { AppError } from '../../../shared/errors'
import type { CallOptions, IsapiClient, NtpServer } from '../../isapi'
import { writeVerified } from '../device-settings/verified-write'

type NtpClient = Pick<IsapiClient, 'getNtpServers' | 'putNtpServer' | 'getTime' | 'setTime'>

/** What the device should end up with. */
export interface NtpTarget {
  server: string
  portNo: number
  synchronizeIntervalMin: number
  timeMode: 'NTP' | 'manual'
  /** POSIX zone to set with the mode; the device's own is kept when absent */
  timeZone?: string
}

export interface NtpApplied {
  before: NtpSettingsState
  after: NtpSettingsState
}

export function serverView(server: NtpServer): NtpServerView {
  return {
    id: server.id,
    server: server.server,
    addressingFormatType: server.addressingFormatType,
    portNo: server.portNo,
    synchronizeIntervalMin: server.synchronizeInterval,
  }
}

/** The device's NTP slot and time mode now; throws `device_rejected` on a model without NTP. */
export async function readNtpState(client: NtpClient, call?: CallOptions): Promise<NtpSettingsState> {
  const servers = await client.getNtpServers(call)
  if (servers === null) {
    throw new AppError('device_rejected', 'This device model has no NTP client', {
      subStatusCode: 'notSupport',
      details: { reason: 'not_supported' },
    })
  }
  const time = await client.getTime(call)
  const first = servers[0]
  return {
    server: first
      ? serverView(first)
      : { id: '1', server: '', addressingFormatType: 'hostname', portNo: null, synchronizeIntervalMin: null },
    timeMode: time.timeMode,
    timeZone: time.timeZone,
  }
}

/**
 * Writes the NTP server and time mode with a safety net (writeVerified): a snapshot first, then the writes,
 * then a read-back. Firmware is known to answer OK and keep nothing, so a read-back that differs from what
 * was written puts the snapshot back (and checks that too) and fails with `device_not_applied`; a write the
 * device refuses half-way also puts the snapshot back before the refusal is passed on.
 */
export async function applyNtp(
  client: NtpClient,
  target: NtpTarget,
  call?: CallOptions,
): Promise<NtpApplied> {
  return writeVerified<NtpSettingsState>(
    {
      what: 'NTP settings',
      read: () => readNtpState(client, call),
      write: (before) => writeState(client, before, target, call),
      restore: (before) => restore(client, before, call),
      kept: (after) => matches(after, target),
      same: (a, b) =>
        sameServer(a.server, b.server) && a.timeMode === b.timeMode && a.timeZone === b.timeZone,
      mismatch: (after) =>
        `kept its old NTP settings (${describe(after)} instead of ${target.server}, ${target.timeMode})`,
    },
    target,
  )
}

async function writeState(
  client: NtpClient,
  current: NtpSettingsState,
  target: NtpTarget,
  call?: CallOptions,
): Promise<void> {
  await client.putNtpServer(
    {
      id: current.server.id,
      server: target.server,
      portNo: target.portNo,
      synchronizeInterval: target.synchronizeIntervalMin,
    },
    call,
  )
  const zone = target.timeZone ?? current.timeZone
  if (current.timeMode === target.timeMode && zone === current.timeZone) return
  await setMode(client, target.timeMode, zone, call)
}

/** Manual mode needs a clock reading: the device's own, so switching modes never moves its clock. */
async function setMode(
  client: NtpClient,
  mode: 'NTP' | 'manual',
  timeZone: string,
  call?: CallOptions,
): Promise<void> {
  if (mode === 'NTP') return client.setTime({ timeMode: 'NTP', ...(timeZone ? { timeZone } : {}) }, call)
  const now = await client.getTime(call)
  await client.setTime(
    { timeMode: 'manual', localTime: now.localTime, ...(timeZone ? { timeZone } : {}) },
    call,
  )
}

/** Puts the snapshot back: the server slot and the time mode, each only when it differs now. */
async function restore(client: NtpClient, before: NtpSettingsState, call?: CallOptions): Promise<void> {
  const now = await readNtpState(client, call)
  if (!sameServer(now.server, before.server) && before.server.server !== '') {
    await client.putNtpServer(
      {
        id: before.server.id,
        server: before.server.server,
        ...(before.server.portNo !== null ? { portNo: before.server.portNo } : {}),
        ...(before.server.synchronizeIntervalMin !== null
          ? { synchronizeInterval: before.server.synchronizeIntervalMin }
          : {}),
      },
      call,
    )
  }
  const mode = before.timeMode === 'NTP' || before.timeMode === 'manual' ? before.timeMode : null
  if (mode && (now.timeMode !== before.timeMode || now.timeZone !== before.timeZone)) {
    await setMode(client, mode, before.timeZone, call)
  }
}

function sameServer(a: NtpServerView, b: NtpServerView): boolean {
  return (
    a.server.toLowerCase() === b.server.toLowerCase() &&
    a.portNo === b.portNo &&
    a.synchronizeIntervalMin === b.synchronizeIntervalMin
  )
}

/** Host names compare without case; a port or interval the device does not print is not held against it. */
export function matches(state: NtpSettingsState, target: NtpTarget): boolean {
  const server = state.server
  return (
    server.server.toLowerCase() === target.server.trim().toLowerCase() &&
    (server.portNo === null || server.portNo === target.portNo) &&
    (server.synchronizeIntervalMin === null ||
      server.synchronizeIntervalMin === target.synchronizeIntervalMin) &&
    state.timeMode === target.timeMode &&
    (target.timeZone === undefined || state.timeZone === target.timeZone)
  )
}

function describe(state: NtpSettingsState): string {
  return `${state.server.server || 'no server'}, ${state.timeMode}`
}
