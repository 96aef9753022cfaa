import { randomBytes } from 'node:crypto'
import { z } from 'zod'
import { AppError } from '../../shared/errors'
import { jsonBody, type CallOptions, type Channel } from './channel'
import { deviceBadResponse, deviceRejected, invalidInput } from './errors'
import { findStatus, parseBody, readJson, readOk } from './parse'
import { list, str, type SearchStatus } from './schemas'
import { MAX_PAGE, pageCounts, pageRequest, searchCounts } from './search'
import { checkEmployeeNo } from './users'

const RECORD = '/ISAPI/Intelligent/FDLib/FaceDataRecord?format=json'
const SETUP = '/ISAPI/Intelligent/FDLib/FDSetUp?format=json'
const SEARCH = '/ISAPI/Intelligent/FDLib/FDSearch?format=json'
const DELETE = '/ISAPI/Intelligent/FDLib/FDSearch/Delete?format=json&FDID=1&faceLibType=blackFD'

/** Terminals keep faces in library 1, type `blackFD` (the "list" library; not a blacklist), FPID = employeeNo. */
const LIBRARY = { faceLibType: 'blackFD', FDID: '1' } as const

/** A face photo the device sends back; enrolment photos are ~40 KB, so this is generous. */
const MAX_FACE_BYTES = 4 * 1024 * 1024

export interface FaceOptions {
  /** optional face-record name (the device allows 96 bytes); most firmware does not need it */
  name?: string
}

export interface FaceRecord {
  fpid: string
  faceURL?: string
  name?: string
}

export interface FaceSearchQuery {
  position?: number
  max?: number
  /** one person's face only */
  employeeNo?: string
}

export interface FaceSearchPage {
  status: SearchStatus
  total: number
  matches: number
  faces: FaceRecord[]
}

function checkJpeg(jpeg: Uint8Array): Buffer {
  const bytes = Buffer.from(jpeg.buffer, jpeg.byteOffset, jpeg.byteLength)
  if (bytes.byteLength < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) {
    throw new AppError('image_invalid', 'The face photo must be a JPEG')
  }
  return bytes
}

/**
 * The multipart body, built by hand as one Buffer so it can be re-sent byte for byte after a 401. Every
 * part carries its own Content-Length: some firmware otherwise swallows the closing boundary into the JPEG
 * and then fails modelling (research/isapi.md §4.2).
 */
export function faceMultipart(
  meta: Record<string, unknown>,
  jpeg: Uint8Array,
  boundary = `----isapi${randomBytes(12).toString('hex')}`,
): { body: Buffer; contentType: string } {
  const json = Buffer.from(JSON.stringify(meta))
  const image = checkJpeg(jpeg)
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\n` +
        'Content-Disposition: form-data; name="FaceDataRecord"\r\n' +
        'Content-Type: application/json\r\n' +
        `Content-Length: ${json.byteLength}\r\n\r\n`,
    ),
    json,
    Buffer.from(
      `\r\n--${boundary}\r\n` +
        'Content-Disposition: form-data; name="img"; filename="face.jpg"\r\n' +
        'Content-Type: image/jpeg\r\n' +
        `Content-Length: ${image.byteLength}\r\n\r\n`,
    ),
    image,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ])
  return { body, contentType: `multipart/form-data; boundary=${boundary}` }
}

function faceMeta(employeeNo: string, opts: FaceOptions): Record<string, unknown> {
  return { ...LIBRARY, FPID: checkEmployeeNo(employeeNo), ...(opts.name ? { name: opts.name } : {}) }
}

/** `POST FaceDataRecord`: adds the person's face; `deviceUserAlreadyExistFace` if one is there. */
export const addFace = faceWriter('POST', RECORD)

/** `PUT FDSetUp`: adds or replaces the face (PUT only: POST is `methodNotAllowed` on terminals). */
export const setUpFace = faceWriter('PUT', SETUP)

/** Both ways of writing a face send the same multipart (metadata + JPEG); only the method and path differ. */
function faceWriter(method: 'POST' | 'PUT', path: string) {
  return async (
    ch: Channel,
    employeeNo: string,
    jpeg: Uint8Array,
    opts: FaceOptions = {},
    call?: CallOptions,
  ): Promise<void> => {
    const { body, contentType } = faceMultipart(faceMeta(employeeNo, opts), jpeg)
    return ch.run('face', call, async (send) => {
      readOk(await send({ method, path, body, contentType }), path)
    })
  }
}

const SearchDoc = z.object({
  ...searchCounts,
  MatchList: list(z.object({ FPID: str.optional(), faceURL: str.optional(), name: str.optional() })),
})

/** `POST FDSearch` in library 1: whose face is on the device. */
export async function searchFaces(
  ch: Channel,
  query: FaceSearchQuery = {},
  call?: CallOptions,
): Promise<FaceSearchPage> {
  const cond = {
    ...pageRequest(query),
    ...LIBRARY,
    ...(query.employeeNo !== undefined ? { FPID: checkEmployeeNo(query.employeeNo) } : {}),
  }
  return ch.run('read', call, async (send) => {
    const answer = await send({ method: 'POST', path: SEARCH, ...jsonBody(cond) })
    const doc = readJson(answer, SEARCH, SearchDoc)
    const faces =
      doc.responseStatusStrg === 'NO MATCH'
        ? []
        : doc.MatchList.filter((m) => m.FPID !== undefined).map((m) => ({
            fpid: m.FPID as string,
            ...(m.faceURL ? { faceURL: m.faceURL } : {}),
            ...(m.name ? { name: m.name } : {}),
          }))
    return { ...pageCounts(doc, faces.length), faces }
  })
}

/** `PUT FDSearch/Delete`: removes these people's faces (the people stay). An empty list is refused. */
export async function deleteFaces(
  ch: Channel,
  employeeNos: readonly string[],
  call?: CallOptions,
): Promise<void> {
  if (!Array.isArray(employeeNos) || employeeNos.length === 0) {
    throw invalidInput('employeeNos', 'refusing to delete faces with an empty list')
  }
  const ids = [...new Set(employeeNos.map((no) => checkEmployeeNo(no, 'employeeNos')))]
  return ch.run('write', call, async (send) => {
    for (let i = 0; i < ids.length; i += MAX_PAGE) {
      const document = { FPID: ids.slice(i, i + MAX_PAGE).map((value) => ({ value })) }
      readOk(await send({ method: 'PUT', path: DELETE, ...jsonBody(document) }), DELETE)
    }
  })
}

/**
 * The path (and query) of a `faceURL`. Firmware builds the URL from its own idea of its address, sometimes
 * truncated, so only the path is kept and the request goes to the configured device.
 */
export function facePath(faceURL: string): string {
  const trimmed = faceURL.trim()
  const path = trimmed.startsWith('/') ? trimmed : /^[a-z][a-z0-9+.-]*:\/\/[^/]*(\/.*)?$/i.exec(trimmed)?.[1]
  if (!path || !/^\/[\x21-\x7e]*$/.test(path)) throw invalidInput('faceURL', 'faceURL has no usable path')
  return path
}

/** Downloads an enrolment photo by its `faceURL`, with the device's own Digest login. */
export async function fetchFace(ch: Channel, faceURL: string, call?: CallOptions): Promise<Buffer> {
  const path = facePath(faceURL)
  return ch.run('read', call, async (send) => {
    const answer = await send({ method: 'GET', path, maxBytes: MAX_FACE_BYTES })
    const bytes = Buffer.from(answer.body)
    const isJpeg = bytes[0] === 0xff && bytes[1] === 0xd8
    if (isJpeg && answer.status >= 200 && answer.status < 300) return bytes
    const parsed = isJpeg ? undefined : tryParse(bytes, path)
    const status = parsed ? findStatus(parsed) : undefined
    if (status && status.statusCode !== 1) throw deviceRejected(path, status, answer.status)
    throw deviceBadResponse(path, `expected a JPEG photo (HTTP ${answer.status})`, {
      httpStatus: answer.status,
    })
  })
}

function tryParse(bytes: Buffer, path: string) {
  try {
    return parseBody(bytes, path)
  } catch {
    return undefined
  }
}
