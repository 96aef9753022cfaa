import type { Dispatcher } from 'undici'
import type { z } from 'zod'
import {
  BACKEND_PAGE_SIZE,
  BackendClass,
  BackendDevice,
  BackendStudent,
  DeviceDiagnostics,
  DeviceResultAnswer,
  ImportCommitAnswer,
  ImportJob,
  ImportPreview,
  Provisioning,
  ProvisioningLogPage,
  ProvisioningLogs,
  ProvisionAnswer,
  RetryAnswer,
  StudentPage,
  WebhookInfo,
  type BackendDeviceInput,
  type BackendUser,
  type ImportCommitInput,
  type ImportRow,
} from '../../shared/api/backend'
import {
  backendRejected,
  backendUnavailable,
  readAnswer,
  retryAfterSeconds,
  serverMessage,
} from './backend-errors'
import type { BackendConnections } from './backend-connections'
import { httpCall, resolveUrl, type BackendHttpOptions, type HttpAnswer, type HttpCall } from './backend-http'
import { BackendSession, type BackendCredentials } from './backend-session'
import type { DeviceResultBody, ProvisionBody, StudentUpdateBody } from './report-kinds'

export interface BackendClientOptions {
  baseUrl: string
  schoolId: string
  /** a JWT or the server's provisioning token (which opens only the provisioning routes) */
  token?: string
  email?: string
  password?: string
  /** an undici dispatcher (tests, proxies); the global one otherwise */
  dispatcher?: Dispatcher
  /** the proxy's pool of connections to the school server, closed when it stops */
  connections?: BackendConnections
  /** per request, answer included; the backend's "slow" is 30 s, so the default gives up before that */
  timeoutMs?: number
}

export interface CallOptions {
  /** sent as `Idempotency-Key`: the server ignores it, gateways honour it */
  idempotencyKey?: string
  signal?: AbortSignal
}

export interface StudentQuery {
  page?: number
  search?: string
  classId?: string
}

export interface ProvisioningLogQuery {
  page?: number
  limit?: number
  q?: string
  level?: string
  status?: string
  studentId?: string
  deviceId?: string
  from?: string
  to?: string
}

export interface Photo {
  bytes: Buffer
  contentType: string
}

const DEFAULT_TIMEOUT_MS = 15_000
const MAX_PHOTO_BYTES = 10 * 1024 * 1024

export type BackendClient = ReturnType<typeof createBackendClient>

/**
 * The one module that speaks to the school backend (BACKEND-CONTRACT.md). Every answer is validated here;
 * every failure is an AppError: `backend_unavailable` (no answer, 5xx, 429, or nonsense: try again later,
 * `details.retryAfterSec` when the server said) or `backend_rejected` (the server's own refusal, its message
 * as is, `details.status`). Paths the server hands out (photos, webhooks) come back as absolute URLs.
 */
export function createBackendClient(options: BackendClientOptions) {
  const baseUrl = options.baseUrl.replace(/\/+$/, '')
  const { schoolId } = options
  const http: BackendHttpOptions = {
    baseUrl,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    dispatcher: options.dispatcher,
    ...(options.connections ? { connections: options.connections } : {}),
  }
  const session = new BackendSession(http, credentialsOf(options), schoolId)
  const school = `/schools/${encodeURIComponent(schoolId)}`
  const absolute = (path: string | null) => (path ? resolveUrl(baseUrl, path) : null)
  const withPhoto = <T extends { photoUrl: string | null }>(row: T): T => ({
    ...row,
    photoUrl: absolute(row.photoUrl),
  })

  /** Sends with the session's token; one new login and one more try when the server says 401. */
  async function exchange(call: HttpCall): Promise<HttpAnswer> {
    const token = await session.token(call.signal)
    const answer = await httpCall(http, { ...call, token })
    if (answer.status !== 401) return answer
    const renewed = await session.renew(token, call.signal)
    return renewed === null ? answer : httpCall(http, { ...call, token: renewed })
  }

  async function send<S extends z.ZodType>(schema: S, call: HttpCall): Promise<z.output<S>> {
    const answer = await exchange(call)
    failUnlessOk(answer)
    return readAnswer(schema, answer, `${call.method} ${call.url}`)
  }

  const get = <S extends z.ZodType>(
    schema: S,
    url: string,
    query?: HttpCall['query'],
    opts: CallOptions = {},
  ) => send(schema, { method: 'GET', url, query, ...opts })
  const post = <S extends z.ZodType>(schema: S, url: string, body: unknown, opts: CallOptions = {}) =>
    send(schema, { method: 'POST', url, body, ...opts })
  const put = <S extends z.ZodType>(schema: S, url: string, body: unknown, opts: CallOptions = {}) =>
    send(schema, { method: 'PUT', url, body, ...opts })

  async function listStudents(query: StudentQuery = {}, opts: CallOptions = {}) {
    const page = await get(StudentPage, `${school}/students`, pageQuery(query), opts)
    return { ...page, data: page.data.map(withPhoto), pages: pagesOf(page.total) }
  }

  async function studentByDeviceStudentId(deviceStudentId: string, opts: CallOptions = {}) {
    const url = `${school}/students/by-device-student-id/${encodeURIComponent(deviceStudentId)}`
    const answer = await exchange({ method: 'GET', url, ...opts })
    if (answer.status === 404) return null
    failUnlessOk(answer)
    return withPhoto(readAnswer(BackendStudent, answer, 'the student lookup'))
  }

  async function updateStudent(studentId: string, body: StudentUpdateBody, opts: CallOptions = {}) {
    const student = await put(BackendStudent, `/students/${encodeURIComponent(studentId)}`, body, opts)
    return withPhoto(student)
  }

  return {
    baseUrl,
    schoolId,

    /** Logs in with the configured email and password; refuses accounts that may not register students. */
    login: (signal?: AbortSignal): Promise<BackendUser> => session.login(signal),
    get user(): BackendUser | null {
      return session.user
    },

    listClasses: (opts?: CallOptions) => get(BackendClass.array(), `${school}/classes`, undefined, opts),
    createClass: (input: { name: string; gradeLevel: number }, opts?: CallOptions) =>
      post(BackendClass, `${school}/classes`, input, opts),

    listDevices: (opts?: CallOptions) => get(BackendDevice.array(), `${school}/devices`, undefined, opts),
    createDevice: (input: BackendDeviceInput, opts?: CallOptions) =>
      post(BackendDevice, `${school}/devices`, input, opts),
    updateDevice: (
      id: string,
      input: Partial<BackendDeviceInput> & { isActive?: boolean },
      opts?: CallOptions,
    ) => put(BackendDevice, `/devices/${encodeURIComponent(id)}`, input, opts),
    deleteDevice: (id: string, opts: CallOptions = {}) =>
      send(BackendDevice, { method: 'DELETE', url: `/devices/${encodeURIComponent(id)}`, ...opts }),

    /** The webhook URLs with the base URL in front: what devices must post attendance to. */
    async webhookInfo(opts?: CallOptions) {
      const info = await get(WebhookInfo, `${school}/webhook-info`, undefined, opts)
      return {
        ...info,
        inUrl: resolveUrl(baseUrl, info.inUrl),
        outUrl: resolveUrl(baseUrl, info.outUrl),
        inUrlWithSecret: resolveUrl(baseUrl, info.inUrlWithSecret),
        outUrlWithSecret: resolveUrl(baseUrl, info.outUrlWithSecret),
      }
    },

    /** A repeated `requestId` gets the first provisioning back; the key also goes out as Idempotency-Key. */
    async provision(body: ProvisionBody, opts: CallOptions = {}) {
      const answer = await post(ProvisionAnswer, `${school}/students/provision`, body, {
        idempotencyKey: body.requestId,
        ...opts,
      })
      return { ...answer, student: withPhoto(answer.student) }
    },
    deviceResult: (provisioningId: string, body: DeviceResultBody, opts?: CallOptions) =>
      post(
        DeviceResultAnswer,
        `/provisioning/${encodeURIComponent(provisioningId)}/device-result`,
        body,
        opts,
      ),
    getProvisioning: (id: string, opts?: CallOptions) =>
      get(Provisioning, `/provisioning/${encodeURIComponent(id)}`, undefined, opts),
    provisioningLogs: (id: string, opts?: CallOptions) =>
      get(ProvisioningLogs, `/provisioning/${encodeURIComponent(id)}/logs`, undefined, opts),
    retryProvisioning: (id: string, deviceIds: string[], opts?: CallOptions) =>
      post(RetryAnswer, `/provisioning/${encodeURIComponent(id)}/retry`, { deviceIds }, opts),

    /** One page of 50 (the server's fixed size), pages counted from 1; `pages` = ceil(total / 50). */
    listStudents,

    /** Every student, page by page. */
    async *listAllStudents(query: Omit<StudentQuery, 'page'> = {}, opts: CallOptions = {}) {
      for (let page = 1, pages = 1; page <= pages; page += 1) {
        const answer = await listStudents({ ...query, page }, opts)
        if (answer.data.length === 0) return
        pages = answer.pages
        yield* answer.data
      }
    },

    async deviceDiagnostics(query: StudentQuery = {}, opts: CallOptions = {}) {
      const answer = await get(
        DeviceDiagnostics,
        `${school}/students/device-diagnostics`,
        pageQuery(query),
        opts,
      )
      return { ...answer, data: answer.data.map(withPhoto), pages: pagesOf(answer.total) }
    },

    /** The student holding this deviceStudentId, or null when it is free. */
    studentByDeviceStudentId,
    async isDeviceStudentIdFree(deviceStudentId: string, opts?: CallOptions): Promise<boolean> {
      return (await studentByDeviceStudentId(deviceStudentId, opts)) === null
    },

    /** `PUT /students/:id`: sets the student's fields (SCHOOL_ADMIN), the photo too when given. */
    updateStudent,

    /** `DELETE /students/:id` (SCHOOL_ADMIN): the server keeps the student, inactive, out of every list. */
    async deleteStudent(studentId: string, opts: CallOptions = {}) {
      const url = `/students/${encodeURIComponent(studentId)}`
      return withPhoto(await send(BackendStudent, { method: 'DELETE', url, ...opts }))
    },

    /** Uploads a new photo for a student the server already has, keeping every other field as it is. */
    replaceStudentPhoto(student: BackendStudent, jpeg: Uint8Array, opts?: CallOptions) {
      if (!student.classId || !student.firstName || !student.lastName) {
        throw backendRejected(
          'This student has no class or name on the school server; fix the student there before adding a photo.',
          { status: 400, reason: 'incomplete_student' },
        )
      }
      return updateStudent(
        student.id,
        {
          firstName: student.firstName,
          lastName: student.lastName,
          fatherName: student.fatherName ?? undefined,
          gender: student.gender === 'FEMALE' ? 'female' : student.gender === 'MALE' ? 'male' : undefined,
          classId: student.classId,
          parentPhone: student.parentPhone ?? undefined,
          deviceStudentId: student.deviceStudentId ?? undefined,
          faceImageBase64: Buffer.from(jpeg).toString('base64'),
        },
        opts,
      )
    },

    importPreview: (rows: ImportRow[], opts?: CallOptions) =>
      post(ImportPreview, `${school}/device-import/preview`, { rows }, opts),
    importCommit: (input: ImportCommitInput, opts: CallOptions = {}) =>
      post(ImportCommitAnswer, `${school}/device-import/commit`, input, {
        idempotencyKey: input.idempotencyKey,
        ...opts,
      }),
    getImportJob: (jobId: string, opts?: CallOptions) =>
      get(ImportJob, `${school}/import-jobs/${encodeURIComponent(jobId)}`, undefined, opts),
    retryImportJob: (jobId: string, opts?: CallOptions) =>
      post(ImportJob, `${school}/import-jobs/${encodeURIComponent(jobId)}/retry`, {}, opts),

    schoolProvisioningLogs: (query: ProvisioningLogQuery = {}, opts?: CallOptions) =>
      get(ProvisioningLogPage, `${school}/provisioning-logs`, { ...query }, opts),

    /**
     * A student's photo file. Photos are served without auth, so no token goes with the request:
     * a photo URL may point at another host, and the token must not travel there.
     */
    async fetchPhoto(photoUrl: string, opts: CallOptions = {}): Promise<Photo> {
      const answer = await httpCall(http, {
        method: 'GET',
        url: photoUrl,
        expect: 'bytes',
        maxBytes: MAX_PHOTO_BYTES,
        signal: opts.signal,
      })
      failUnlessOk(answer)
      if (answer.bytes.length === 0) {
        throw backendRejected('The school server sent an empty photo file.', {
          status: answer.status,
          reason: 'empty_photo',
        })
      }
      return {
        bytes: answer.bytes,
        contentType: answer.contentType.split(';')[0]?.trim() || 'application/octet-stream',
      }
    },
  }
}

function credentialsOf(options: BackendClientOptions): BackendCredentials {
  if (options.token) return { token: options.token }
  if (options.email && options.password) return { email: options.email, password: options.password }
  throw new Error('the backend client needs a token, or an email and a password')
}

/** 2xx passes; 5xx and 429 mean "later"; any other status is the server's final word. */
function failUnlessOk(answer: HttpAnswer): void {
  const { status } = answer
  if (status >= 200 && status < 300) return
  if (status === 429) {
    const retryAfterSec = retryAfterSeconds(answer.headers['retry-after'])
    const wait = retryAfterSec === undefined ? '' : ` Try again in ${retryAfterSec} s.`
    throw backendUnavailable(`The school server is busy (too many requests).${wait}`, {
      reason: 'rate_limited',
      status,
      ...(retryAfterSec === undefined ? {} : { retryAfterSec }),
    })
  }
  if (status >= 500) {
    throw backendUnavailable(
      `The school server is having trouble (HTTP ${status}); it will be tried again.`,
      {
        reason: 'server_error',
        status,
      },
    )
  }
  throw backendRejected(serverMessage(answer.json, status), { status })
}

function pageQuery(query: StudentQuery): HttpCall['query'] {
  return {
    page: Math.max(1, Math.floor(query.page ?? 1)),
    search: query.search?.trim(),
    classId: query.classId,
  }
}

function pagesOf(total: number): number {
  return Math.ceil(total / BACKEND_PAGE_SIZE)
}
