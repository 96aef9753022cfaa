import * as routes from '../../../shared/api/routes'
import { ROUTES, routeKey, type RouteDeclaration } from '../../../shared/api/routes'
import type { AuditRecord, AuditTargetRecord } from '../../store/audit-repo'
import type { AuditCall, AuditSeen, AuditSources, Describer, Description, RouteDescriber } from './describer'
import {
  clockSnapshot,
  deviceInputSnapshot,
  deviceSnapshot,
  deviceTestSnapshot,
  doorOpenSnapshot,
  expertDocumentSnapshot,
  ipv4Snapshot,
  isObject,
  networkWriteSnapshot,
  jobSnapshot,
  ntpSettingsSnapshot,
  ntpWriteSnapshot,
  pick,
  registrationSnapshot,
  settingValuesSnapshot,
  storedRegistrationSnapshot,
  studentSnapshot,
  tokenSnapshot,
  webhookApplyAllSnapshot,
  webhookSnapshot,
} from './snapshots'

const NEW_SCREEN = { name: 'new screen', role: 'none', tokenId: null }
const str = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null)
const field = (value: unknown, name: string): unknown => (isObject(value) ? value[name] : undefined)

function deviceTarget(id: string | null, sources: AuditSources, known?: unknown): AuditTargetRecord {
  const name = str(field(known, 'name')) ?? (id ? (sources.device(id)?.name ?? null) : null)
  return { type: 'device', id, label: name }
}

function studentName(student: unknown): string | null {
  const name = [field(student, 'lastName'), field(student, 'firstName')].filter((part) => str(part)).join(' ')
  return name || null
}

/** A failed registration answers its Registration under `details`; a successful one answers it whole. */
function registrationOf(seen: AuditSeen): unknown {
  return seen.ok ? seen.response : seen.error?.details
}

function registrationTarget(employeeNo: string | null, label: string | null): AuditTargetRecord {
  return { type: 'student', id: employeeNo, label }
}

/** A device-bound action whose only input is the device (test, clock, event host): retryable by id. */
function deviceAction(after: (response: unknown) => unknown): RouteDescriber {
  return {
    describe: (call, seen, sources) => ({
      target: deviceTarget(call.params.id ?? null, sources),
      after: seen.ok ? after(seen.response) : undefined,
      input: { deviceId: call.params.id },
    }),
  }
}

/**
 * A verified settings write: the snapshot before and the read-back after, from the answer or, when the
 * device did not keep it, from the error's details (`before`, `actual`).
 */
function verifiedWrite(
  snapshot: (state: unknown) => unknown,
  input: (body: unknown) => unknown,
): RouteDescriber {
  return {
    readsBody: true,
    describe: (call, seen, sources) => {
      const details = seen.ok ? seen.response : seen.error?.details
      return {
        target: deviceTarget(call.params.id ?? null, sources),
        before: snapshot(field(details, 'before')) ?? undefined,
        after: snapshot(field(details, seen.ok ? 'after' : 'actual')) ?? undefined,
        input: { deviceId: call.params.id, ...(input(call.body) as object | null) },
      }
    },
  }
}

/** The values a door, face or events write asked for. */
const valuesInput = (body: unknown) => ({ values: settingValuesSnapshot(field(body, 'values')) })

/** The name of every declared route that records an audit entry (shared/api/routes). */
type AuditedRoute = {
  [Name in keyof typeof routes]: (typeof routes)[Name] extends { audit: string } ? Name : never
}[keyof typeof routes]

/**
 * How the entry of each audited route is described, by the name of its declaration, which names the action:
 * a declared route with an action and no describer here does not compile.
 */
const BY_ROUTE: { [Name in AuditedRoute]: RouteDescriber } = {
  createDevice: {
    readsBody: true,
    describe: (call, seen, sources) => ({
      target: deviceTarget(str(field(seen.response, 'id')), sources, seen.ok ? seen.response : call.body),
      after: seen.ok ? deviceSnapshot(seen.response) : deviceInputSnapshot(call.body),
    }),
  },
  updateDevice: {
    readsBody: true,
    look: (call, sources) => sources.device(call.params.id ?? ''),
    describe: (call, seen, sources) => ({
      target: deviceTarget(call.params.id ?? null, sources, seen.looked),
      before: deviceSnapshot(seen.looked),
      after: seen.ok ? deviceSnapshot(seen.response) : deviceInputSnapshot(call.body),
    }),
  },
  deleteDevice: {
    look: (call, sources) => sources.device(call.params.id ?? ''),
    describe: (call, seen, sources) => ({
      target: deviceTarget(call.params.id ?? null, sources, seen.looked),
      before: deviceSnapshot(seen.looked),
    }),
  },
  testDevice: deviceAction(deviceTestSnapshot),
  linkToSchool: {
    readsBody: true,
    look: (call, sources) => sources.device(call.params.id ?? ''),
    describe: (call, seen, sources) => ({
      target: deviceTarget(call.params.id ?? null, sources, seen.looked),
      before: { backendId: field(seen.looked, 'backendId') ?? null },
      after: seen.ok ? { backendId: field(seen.response, 'backendId') ?? null } : undefined,
      input: { deviceId: call.params.id, ...(isObject(call.body) ? call.body : {}) },
    }),
  },
  activateTerminal: {
    readsBody: true,
    describe: (call) => {
      // the new admin password is never recorded: only where it was set
      const address = { host: str(field(call.body, 'host')), port: field(call.body, 'port') }
      return {
        target: {
          type: 'device',
          id: null,
          label: address.host ? `${address.host}:${String(address.port)}` : null,
        },
        after: address,
      }
    },
  },
  syncDeviceClock: deviceAction(clockSnapshot),
  applyDeviceWebhook: deviceAction(webhookSnapshot),
  writeNtpSettings: {
    readsBody: true,
    describe: (call, seen, sources) => {
      // a write the device did not keep answers its snapshot and read-back under the error's details
      const result = seen.ok ? seen.response : field(seen.error?.details, 'actual') && seen.error?.details
      return {
        target: deviceTarget(call.params.id ?? null, sources),
        before: ntpSettingsSnapshot(field(result, 'before')) ?? undefined,
        after: seen.ok
          ? ntpSettingsSnapshot(field(result, 'after'))
          : ntpSettingsSnapshot(field(result, 'actual')),
        input: { deviceId: call.params.id, ...ntpWriteSnapshot(call.body) },
      }
    },
  },
  openDoor: deviceAction(doorOpenSnapshot),
  writeNetworkSettings: {
    readsBody: true,
    describe: (call, seen, sources) => {
      // the old address stays in the trail whatever happened: it is how an admin finds a lost terminal
      const details = seen.ok ? seen.response : seen.error?.details
      const previous =
        field(details, 'previousAddress') ?? pick(sources.device(call.params.id ?? ''), ['host', 'port'])
      const after = seen.ok
        ? ipv4Snapshot(field(details, 'after'), field(details, 'address'))
        : (ipv4Snapshot(field(details, 'actual')) ??
          ipv4Snapshot(field(details, 'expected'), field(details, 'newAddress')))
      return {
        target: deviceTarget(call.params.id ?? null, sources),
        before: ipv4Snapshot(field(details, 'before'), previous) ?? {
          address: pick(previous, ['host', 'port']),
        },
        after: after ?? undefined,
        input: { deviceId: call.params.id, ...networkWriteSnapshot(call.body) },
      }
    },
  },
  writeDoorSettings: verifiedWrite(settingValuesSnapshot, valuesInput),
  writeFaceSettings: verifiedWrite(settingValuesSnapshot, valuesInput),
  writeEventSettings: verifiedWrite(settingValuesSnapshot, valuesInput),
  writeExpertDocument: verifiedWrite(expertDocumentSnapshot, (body) => ({
    path: typeof field(body, 'path') === 'string' ? field(body, 'path') : null,
  })),
  applyAllWebhooks: {
    describe: (_call, seen) => ({
      target: { type: 'devices', id: null, label: null },
      after: seen.ok ? webhookApplyAllSnapshot(seen.response) : undefined,
      input: {},
    }),
  },
  deleteDeviceUser: {
    look: (call, sources) => sources.registration(call.params.employeeNo ?? ''),
    describe: (call, seen, sources) => {
      const device = sources.device(call.params.id ?? '')
      const registered = seen.looked as { student: unknown } | undefined
      return {
        target: {
          type: 'device-user',
          id: call.params.employeeNo ?? null,
          label: [studentName(registered?.student), device?.name].filter(Boolean).join(' — ') || null,
        },
        before: {
          deviceId: call.params.id,
          deviceName: device?.name ?? null,
          employeeNo: call.params.employeeNo,
        },
        input: { deviceId: call.params.id, employeeNo: call.params.employeeNo },
      }
    },
  },
  register: {
    readsBody: true,
    describe: (call, seen) => {
      const registration = registrationOf(seen)
      const student = field(call.body, 'student')
      const employeeNo = str(field(registration, 'employeeNo')) ?? str(field(student, 'employeeNo'))
      const label = studentName(student) ?? str(field(registration, 'name'))
      return {
        target: registrationTarget(employeeNo, label),
        after: {
          ...(student ? { student: studentSnapshot(student) } : {}),
          ...registrationSnapshot(registration),
          deviceIds: field(call.body, 'deviceIds') ?? null,
          // the tablet's face check: passed, overridden by the operator (and which check), or off
          ...(field(call.body, 'faceCheck') ? { faceCheck: field(call.body, 'faceCheck') } : {}),
        },
      }
    },
  },
  editRegistration: {
    readsBody: true,
    look: (call, sources) => sources.registration(call.params.employeeNo ?? ''),
    describe: (call, seen, sources) => {
      const employeeNo = call.params.employeeNo ?? null
      const stored = seen.looked as Parameters<typeof storedRegistrationSnapshot>[0]
      const now = employeeNo ? sources.registration(employeeNo) : undefined
      const photoChanged = isObject(call.body) ? typeof call.body.face === 'string' : undefined
      return {
        target: registrationTarget(employeeNo, studentName(now?.student ?? stored?.student)),
        before: storedRegistrationSnapshot(stored),
        after: {
          ...storedRegistrationSnapshot(now),
          ...registrationSnapshot(registrationOf(seen)),
          ...(photoChanged ? { photoChanged } : {}),
        },
      }
    },
  },
  removeRegistration: {
    look: (call, sources) => sources.registration(call.params.employeeNo ?? ''),
    describe: (call, seen, sources) => {
      const employeeNo = call.params.employeeNo ?? null
      const stored = seen.looked as Parameters<typeof storedRegistrationSnapshot>[0]
      const deviceIds = call.query.deviceIds
      return {
        target: registrationTarget(employeeNo, studentName(stored?.student)),
        before: storedRegistrationSnapshot(stored),
        after: {
          ...storedRegistrationSnapshot(employeeNo ? sources.registration(employeeNo) : undefined),
          ...registrationSnapshot(registrationOf(seen)),
        },
        input: { employeeNo, ...(deviceIds ? { deviceIds: deviceIds.split(',').filter(Boolean) } : {}) },
      }
    },
  },
  runLiveCheck: {
    describe: () => ({ target: null, skip: true }),
  },
  fixLiveCheck: {
    readsBody: true,
    describe: (call, seen) => {
      const student = field(seen.response, 'student')
      const actions = field(seen.response, 'actions')
      return {
        target: registrationTarget(
          str(field(call.body, 'employeeNo')) ?? str(field(student, 'employeeNo')),
          str(field(student, 'name')),
        ),
        after: seen.ok
          ? {
              actions: Array.isArray(actions)
                ? actions.map((action) => ({
                    ...pick(action, ['deviceId', 'wrote']),
                    ...(isObject(action) && action.error
                      ? { error: pick(action.error, ['code', 'message']) }
                      : {}),
                  }))
                : [],
            }
          : pick(call.body, ['employeeNo', 'deviceIds']),
        input: pick(call.body, ['employeeNo', 'deviceIds', 'studentId']),
        ...partialFrom(
          Array.isArray(actions) ? actions.filter((action) => isObject(action) && action.error) : [],
          (failed) => `${failed} device(s) still lack what was written`,
        ),
      }
    },
  },
  previewDeviceImport: {
    describe: () => ({ target: null, skip: true }),
  },
  deviceImportReport: {
    describe: () => ({ target: null, skip: true }),
  },
  commitDeviceImport: importCommit(),
  retryDeviceImport: importCommit(),
  uploadStudentPhoto: {
    describe: (call, seen) => ({
      target: {
        type: 'student',
        id: str(field(seen.response, 'employeeNo')) ?? call.params.id ?? null,
        label: null,
      },
      after: seen.ok ? pick(seen.response, ['studentId', 'employeeNo', 'devices', 'status']) : undefined,
    }),
  },
  saveStudent: {
    readsBody: true,
    describe: (call, seen) => {
      const student = field(call.body, 'student')
      return {
        target: registrationTarget(str(field(seen.response, 'employeeNo')), studentName(student)),
        after: {
          ...(student ? { student: studentSnapshot(student) } : {}),
          ...pick(seen.response, ['employeeNo', 'backend']),
        },
      }
    },
  },
  createClass: {
    readsBody: true,
    describe: (call, seen) => ({
      target: { type: 'class', id: str(field(seen.response, 'id')), label: str(field(call.body, 'name')) },
      after: pick(seen.ok ? seen.response : call.body, ['id', 'name', 'gradeLevel']),
    }),
  },
  startJob: {
    readsBody: true,
    describe: (call, seen, sources) => {
      const targetDeviceId =
        str(field(seen.response, 'targetDeviceId')) ?? str(field(call.body, 'targetDeviceId'))
      return {
        target: {
          type: 'job',
          id: str(field(seen.response, 'id')),
          label: deviceTarget(targetDeviceId, sources).label,
        },
        after: seen.ok
          ? jobSnapshot(seen.response)
          : pick(call.body, ['type', 'sourceDeviceId', 'targetDeviceId']),
      }
    },
  },
  cancelJob: {
    look: (call, sources) => sources.job(call.params.id ?? ''),
    describe: (call, seen, sources) => ({
      target: jobTarget(call.params.id ?? null, seen.looked, sources),
      before: jobSnapshot(seen.looked),
      after: seen.ok ? jobSnapshot(seen.response) : undefined,
    }),
  },
  setEventRelayMode: {
    readsBody: true,
    describe: (call, seen) => ({
      target: { type: 'devices', id: null, label: null },
      input: pick(call.body, ['mode']),
      after: seen.ok ? webhookApplyAllSnapshot(field(seen.response, 'devices')) : undefined,
    }),
  },
  searchEventRelay: {
    describe: (_call, seen) => ({
      target: { type: 'devices', id: null, label: null },
      after: seen.ok ? seen.response : undefined,
    }),
  },
  retryEventRelay: {
    describe: (_call, seen) => ({
      target: { type: 'events', id: null, label: null },
      after: seen.ok ? pick(seen.response, ['requeued']) : undefined,
    }),
  },
  flushOutbox: {
    describe: (_call, seen) => ({
      target: { type: 'outbox', id: null, label: null },
      after: seen.ok ? pick(seen.response, ['pending']) : undefined,
    }),
  },
  retryOutboxItem: {
    describe: (call, seen) => ({
      target: { type: 'report', id: call.params.id ?? null, label: null },
      after: seen.ok ? pick(seen.response, ['id', 'kind', 'state', 'attempts']) : undefined,
    }),
  },
  createPairingCode: {
    readsBody: true,
    describe: (call, seen) => ({
      target: { type: 'pairing-code', id: null, label: str(field(seen.response, 'role')) },
      // the code itself is a secret until used: only its role and expiry are kept
      after: pick(seen.ok ? seen.response : call.body, ['role', 'expiresAt']),
    }),
  },
  pair: {
    readsBody: true,
    describe: (call, seen) => {
      // The caller has no token yet: its name is its own words. A refused pairing keeps none of them; a
      // paired screen's name is kept marked as claimed, so the admin never takes it for a checked name.
      if (!seen.ok) {
        return { target: { type: 'token', id: null, label: null }, actor: NEW_SCREEN }
      }
      const name = str(field(call.body, 'name'))
      const tokenId = str(field(seen.response, 'tokenId'))
      const role = str(field(seen.response, 'role')) ?? 'unknown'
      return {
        target: { type: 'token', id: tokenId, label: name },
        actor: name ? { name, role, tokenId, claimed: true } : { ...NEW_SCREEN, role, tokenId },
        after: { tokenId, role, name },
      }
    },
  },
  renameToken: {
    readsBody: true,
    look: (call, sources) => sources.token(call.params.id ?? ''),
    describe: (call, seen, sources) => ({
      target: tokenTarget(call.params.id ?? null, seen.looked),
      before: tokenSnapshot(seen.looked),
      after: seen.ok ? tokenSnapshot(seen.response) : tokenSnapshot(sources.token(call.params.id ?? '')),
    }),
  },
  revokeToken: {
    look: (call, sources) => sources.token(call.params.id ?? ''),
    describe: (call, seen, sources) => ({
      target: tokenTarget(call.params.id ?? null, seen.looked),
      before: tokenSnapshot(seen.looked),
      after: tokenSnapshot(sources.token(call.params.id ?? '')),
    }),
  },
  // the password is never recorded: the body is not read, and the answer names only the account
  signInToSchool: {
    describe: (call, seen) => ({
      target: { type: 'token', id: call.caller?.tokenId ?? null, label: call.caller?.name ?? null },
      after: seen.ok ? { account: field(field(seen.response, 'account'), 'email') ?? null } : undefined,
    }),
  },
  signOutOfSchool: {
    describe: (call) => ({
      target: { type: 'token', id: call.caller?.tokenId ?? null, label: call.caller?.name ?? null },
      before: call.caller?.schoolAccount ? { account: call.caller.schoolAccount } : undefined,
    }),
  },
  updateSettings: {
    look: (_call, sources) => sources.settings(),
    describe: (_call, seen, sources) => ({
      target: { type: 'settings', id: null, label: null },
      before: pick(seen.looked, ['auditRetentionDays']),
      after: pick(sources.settings(), ['auditRetentionDays']),
    }),
  },
  retryAuditEntry: {
    // recorded as the action it repeated, on the same target, linked to the entry it retried
    look: (call, sources) => sources.entry(Number(call.params.id)),
    describe: (call, seen) => describeRetry(call, seen),
  },
}

/** The describers by declaration: the audit middleware finds a request's declaration by its route pattern. */
export const DESCRIBERS: ReadonlyMap<RouteDeclaration, RouteDescriber> = new Map(
  Object.entries(BY_ROUTE).map(([name, describer]) => [routes[name as AuditedRoute], describer]),
)

const IMPORT_ROW: readonly string[] = [
  'employeeNo',
  'firstName',
  'lastName',
  'fatherName',
  'classId',
  'gender',
  'parentPhone',
  'studentId',
]
const NOT_IMPORTED = new Set(['failed', 'photo_failed'])

/**
 * A device → school import: how many rows, what became of each (number, name, outcome; no phone). When
 * rows were not imported the entry counts as failed and keeps those rows (as typed, for the retry only:
 * `input` is never shown), with the school's student id for a row whose photo alone is missing.
 */
function importCommit(): RouteDescriber {
  return {
    readsBody: true,
    describe: (call, seen, sources) => {
      const deviceId = str(field(call.body, 'deviceId'))
      const sent = Array.isArray(field(call.body, 'rows')) ? (field(call.body, 'rows') as unknown[]) : []
      const results = Array.isArray(field(seen.response, 'rows'))
        ? (field(seen.response, 'rows') as unknown[])
        : []
      const outcome = new Map(results.map((row) => [str(field(row, 'employeeNo')), row]))
      const retryRows = sent
        .filter(
          (row) =>
            !seen.ok || NOT_IMPORTED.has(String(field(outcome.get(str(field(row, 'employeeNo'))), 'result'))),
        )
        .map((row) => {
          const studentId = str(field(outcome.get(str(field(row, 'employeeNo'))), 'studentId'))
          return { ...pick(row, IMPORT_ROW), ...(studentId ? { studentId } : {}) }
        })
      const notImported = results.filter((row) => NOT_IMPORTED.has(String(field(row, 'result'))))
      return {
        target: {
          type: 'import',
          id: str(field(seen.response, 'jobId')),
          label: deviceTarget(deviceId, sources).label,
        },
        after: {
          rows: sent.length,
          ...pick(seen.response, ['jobId', 'idempotent', 'importedCount', 'failedCount']),
          results: results
            .slice(0, 100)
            .map((row) => pick(row, ['employeeNo', 'name', 'action', 'result', 'code'])),
        },
        input: { deviceId, rows: retryRows },
        ...(seen.ok
          ? partialFrom(notImported, (failed) => `${failed} of ${sent.length} rows were not imported`)
          : {}),
      }
    },
  }
}

/** An answer of 200 whose parts failed: the entry counts as failed, with the first part's error code. */
function partialFrom(
  failed: unknown[],
  message: (count: number) => string,
): Pick<Description, 'partialFailure'> {
  if (failed.length === 0) return {}
  const first = failed[0]
  const code = str(field(first, 'code')) ?? str(field(field(first, 'error'), 'code')) ?? 'internal'
  return { partialFailure: { code, message: message(failed.length) } }
}

function jobTarget(id: string | null, job: unknown, sources: AuditSources): AuditTargetRecord {
  return { type: 'job', id, label: deviceTarget(str(field(job, 'targetDeviceId')), sources).label }
}

function tokenTarget(id: string | null, token: unknown): AuditTargetRecord {
  return { type: 'token', id, label: str(field(token, 'name')) }
}

function describeRetry(call: AuditCall, seen: AuditSeen): Description {
  const original = seen.looked as AuditRecord | undefined
  const id = Number(call.params.id)
  if (!original) return { target: { type: 'audit', id: call.params.id ?? null, label: null } }
  const repeated = actionDescribers().get(original.action)
  const result = field(seen.response, 'result')
  const after = seen.ok && repeated ? describeRepeated(repeated, original, result) : undefined
  return {
    action: original.action,
    target: original.target,
    after,
    input: original.input,
    retryOf: Number.isInteger(id) ? id : undefined,
  }
}

/** The repeated action's own `after`, as if its route had answered with the retry's result. */
function describeRepeated(describer: RouteDescriber, original: AuditRecord, result: unknown): unknown {
  const input = isObject(original.input) ? original.input : {}
  const params = Object.fromEntries(
    Object.entries({ id: input.deviceId, employeeNo: input.employeeNo }).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string',
    ),
  )
  const call: AuditCall = {
    method: 'POST',
    route: original.route ?? '',
    params,
    query: {},
    body: undefined,
    caller: null,
  }
  const seen: AuditSeen = { looked: undefined, status: 200, ok: true, response: result, error: null }
  const noSources: AuditSources = {
    device: () => undefined,
    registration: () => undefined,
    token: () => undefined,
    job: () => undefined,
    settings: () => ({ auditRetentionDays: 0 }),
    entry: () => undefined,
  }
  return describer.describe(call, seen, noSources).after
}

let byAction: Map<string, RouteDescriber> | undefined
function actionDescribers(): Map<string, RouteDescriber> {
  byAction ??= new Map(
    [...DESCRIBERS].flatMap(([route, describer]) => (route.audit ? [[route.audit, describer] as const] : [])),
  )
  return byAction
}

const DECLARED = new Map(ROUTES.map((route) => [routeKey(route), route]))

/** The declaration of a mounted route pattern, e.g. `POST` `/api/devices`. */
export function declaredRoute(method: string, route: string): RouteDeclaration | undefined {
  return DECLARED.get(`${method} ${route}`)
}

/**
 * Imports (device → school and any later `/api/…import…` route) are described by the route alone: their
 * bodies hold rows of people typed in by hand, kept out of the trail but for how many there were.
 */
const IMPORT_ROUTE = /import/i
/** a preview or a report changes nothing */
const READ_ONLY_IMPORT_ROUTE = /(preview|\.csv)$/i

const importDescriber = (method: string, route: string): Describer => ({
  action: `import.${route
    .replace(/^\/api\//, '')
    .replace(/[/:]+/g, '.')
    .replace(/^\.|\.$/g, '')}`,
  readsBody: true,
  describe: (call, seen) => ({
    skip: READ_ONLY_IMPORT_ROUTE.test(route),
    target: {
      type: 'import',
      id: str(field(seen.response, 'jobId')) ?? str(field(seen.response, 'id')) ?? call.params.jobId ?? null,
      label: call.params.id ?? str(field(call.body, 'sourceDeviceId')),
    },
    after: {
      method,
      rows: Array.isArray(field(call.body, 'rows')) ? (field(call.body, 'rows') as unknown[]).length : null,
      ...pick(call.body, ['syncMode', 'sourceDeviceId', 'targetDeviceIds', 'classId']),
      ...pick(seen.response, [
        'ok',
        'idempotent',
        'jobId',
        'createdCount',
        'updatedCount',
        'total',
        'status',
      ]),
    },
  }),
})

/** A route nobody described yet is still recorded, by its pattern and its path ids. */
const fallbackDescriber = (method: string, route: string): Describer => ({
  action: `${method.toLowerCase()} ${route}`,
  describe: (call) => {
    const ids = Object.entries(call.params)
    return {
      target: ids.length ? { type: 'route', id: ids.map(([, value]) => value).join('/'), label: null } : null,
      after: ids.length ? Object.fromEntries(ids) : undefined,
    }
  },
})

/** The declared route's own describer, with the action its declaration names. */
function declaredDescriber(method: string, route: string): Describer | undefined {
  const declared = declaredRoute(method, route)
  const own = declared && DESCRIBERS.get(declared)
  return declared?.audit && own ? { action: declared.audit, ...own } : undefined
}

/** True when a route has a describer of its own (or is an import route, described by the import rule). */
export function isDescribed(method: string, route: string): boolean {
  return declaredDescriber(method, route) !== undefined || IMPORT_ROUTE.test(route)
}

export function describerFor(method: string, route: string): Describer {
  return (
    declaredDescriber(method, route) ??
    (IMPORT_ROUTE.test(route) ? importDescriber : fallbackDescriber)(method, route)
  )
}
