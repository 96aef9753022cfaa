import type { StudentDeviceStatus } from '../../../shared/api/backend'
import type { Device } from '../../../shared/api/devices'
import type { TerminalColumn, TerminalState, TerminalStateSource } from '../../../shared/api/terminal-state'
import type { TerminalFact, TerminalStatesRepo, StoredPresence } from '../../store/terminal-states-repo'

/** What the book needs of the device registry: the proxy's terminals, in their one order. */
export interface TerminalList {
  list(): Device[]
}

/** One fact as a source reports it; the time defaults to now. */
export interface Sighting {
  employeeNo: string
  deviceId: string
  state: StoredPresence
  name?: string | null
  error?: { code: string; message: string } | null
  at?: string
}

/**
 * The proxy's memory of who is on which terminal. Every source that learns something from a terminal
 * writes it here (`note`); every screen that shows a student's state reads it here (`view`), in the one
 * terminal order of the registry. The school server's provisioning records fill in only where the proxy
 * has never heard anything.
 */
export class TerminalBook {
  constructor(
    private readonly repo: TerminalStatesRepo,
    private readonly terminals: TerminalList,
    private readonly now: () => Date = () => new Date(),
  ) {}

  note(source: TerminalStateSource, sightings: readonly Sighting[]): void {
    const at = this.now().toISOString()
    this.repo.record(
      sightings.map((s): TerminalFact => ({
        employeeNo: s.employeeNo,
        deviceId: s.deviceId,
        state: s.state,
        source,
        at: s.at ?? at,
        name: s.name ?? null,
        error: s.error ?? null,
      })),
    )
  }

  /** Every proxy terminal, in the one order the app shows them. */
  columns(): TerminalColumn[] {
    return this.terminals.list().map((device) => ({ id: device.id, name: device.name }))
  }

  /**
   * The state of each person on every terminal. `school` gives, per person, the school server's records:
   * used for a terminal the proxy knows nothing about (matched by the terminal's backend id or serial).
   */
  view(
    employeeNos: readonly string[],
    school?: (employeeNo: string) => readonly StudentDeviceStatus[] | undefined,
  ): Map<string, TerminalState[]> {
    const devices = this.terminals.list()
    const facts = new Map<string, Map<string, TerminalFact>>()
    for (const fact of this.repo.forPeople([...new Set(employeeNos)])) {
      const byDevice = facts.get(fact.employeeNo) ?? new Map<string, TerminalFact>()
      byDevice.set(fact.deviceId, fact)
      facts.set(fact.employeeNo, byDevice)
    }
    const nowMs = this.now().getTime()
    const result = new Map<string, TerminalState[]>()
    for (const employeeNo of employeeNos) {
      const known = facts.get(employeeNo)
      const records = school?.(employeeNo)
      result.set(
        employeeNo,
        devices.map((device) => {
          const fact = known?.get(device.id)
          if (fact) return fromFact(device, fact, nowMs)
          const record = records && schoolRecordFor(device, records)
          return record ? fromSchool(device, record, nowMs) : unknown(device)
        }),
      )
    }
    return result
  }

  /** The name a terminal last held for this person, if any source saw one. */
  nameOf(employeeNo: string): string | null {
    return this.repo.forPerson(employeeNo).find((fact) => fact.name)?.name ?? null
  }

  /** The terminals last known to hold the person (with or without a face). */
  holding(employeeNo: string): string[] {
    return this.repo
      .forPerson(employeeNo)
      .filter((fact) => fact.state === 'present' || fact.state === 'no_face')
      .map((fact) => fact.deviceId)
  }

  forgetDevice(deviceId: string): void {
    this.repo.forgetDevice(deviceId)
  }
}

function ageSec(at: string, nowMs: number): number | null {
  const ms = Date.parse(at)
  return Number.isNaN(ms) ? null : Math.max(0, Math.round((nowMs - ms) / 1000))
}

function fromFact(device: Device, fact: TerminalFact, nowMs: number): TerminalState {
  return {
    deviceId: device.id,
    deviceName: device.name,
    state: fact.state,
    source: fact.source,
    at: fact.at,
    ageSec: ageSec(fact.at, nowMs),
    ...(fact.error ? { error: fact.error } : {}),
  }
}

function schoolRecordFor(
  device: Device,
  records: readonly StudentDeviceStatus[],
): StudentDeviceStatus | undefined {
  return records.find(
    (r) =>
      (device.backendId !== null && r.backendDeviceId === device.backendId) ||
      (device.deviceId !== null && r.serial === device.deviceId),
  )
}

/** SUCCESS is on the terminal; FAILED was refused; PENDING and MISSING are not there (yet). */
function fromSchool(device: Device, record: StudentDeviceStatus, nowMs: number): TerminalState {
  const state = record.status === 'SUCCESS' ? 'present' : record.status === 'FAILED' ? 'failed' : 'absent'
  if (record.status === 'MISSING' && !record.updatedAt) return unknown(device)
  return {
    deviceId: device.id,
    deviceName: device.name,
    state,
    source: 'school-server',
    at: record.updatedAt,
    ageSec: record.updatedAt ? ageSec(record.updatedAt, nowMs) : null,
    ...(state === 'failed' && record.lastError
      ? { error: { code: 'school_server', message: record.lastError } }
      : {}),
  }
}

function unknown(device: Device): TerminalState {
  return {
    deviceId: device.id,
    deviceName: device.name,
    state: 'unknown',
    source: null,
    at: null,
    ageSec: null,
  }
}
