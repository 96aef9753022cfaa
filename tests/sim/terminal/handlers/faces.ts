import { asInt, asRecord, asString, refuse, type Handler, type HandlerContext } from '../context'
import { jsonOk, jsonResponse, parseJsonBody, type SimResponse } from '../format'
import { inspectJpeg } from '../jpeg'
import { parseMultipart, type Part } from '../multipart'
import { facePicturePath, storeFace } from '../state'
import { notFound } from './system'

const MIN_FACE_BYTES = 1024

interface FaceUpload {
  meta: Record<string, unknown>
  image?: Part
}

function readUpload(ctx: HandlerContext): FaceUpload | SimResponse {
  const parts = parseMultipart(ctx.req.body, ctx.req.headers['content-type'])
  if (!parts) {
    // the faceURL variant: JSON only, the device downloads the picture itself
    const meta = parseJsonBody(ctx.req.body)
    return meta ? { meta } : refuse(ctx, 'MessageParametersLack', 'FaceDataRecord')
  }
  // found by content, not by name: clients name it FaceDataRecord, faceURL or nothing
  const json = parts.find(
    (p) => p.contentType?.includes('json') || /^\s*\{/.test(p.data.subarray(0, 16).toString()),
  )
  const meta = json ? parseJsonBody(json.data) : undefined
  if (!meta) return refuse(ctx, 'MessageParametersLack', 'FaceDataRecord')
  const image = parts.find((p) => p !== json && (p.contentType?.startsWith('image/') || p.filename))
  return { meta, ...(image ? { image } : {}) }
}

function isResponse(value: FaceUpload | SimResponse): value is SimResponse {
  return 'status' in value
}

/** The picture rules of the terminals: JPEG, baseline, 4:2:0, 1 KB to the size limit, sane shape. */
function checkPicture(ctx: HandlerContext, image: Part): SimResponse | undefined {
  if (image.data.length < MIN_FACE_BYTES) return refuse(ctx, 'faceDataLenShort', 'img')
  if (image.data.length > ctx.maxFaceBytes) return refuse(ctx, 'picSizeExceedError', 'img')
  const info = inspectJpeg(image.data)
  if (!info) return refuse(ctx, 'picFormatError', 'img')
  // progressive and 4:4:4 JPEGs fail modelling as PicFeaturePoints (TIZIM's field report)
  if (info.progressive || info.subsampling !== '4:2:0')
    return refuse(ctx, 'SubpicAnalysisModelingError', 'PicFeaturePoints')
  if (Math.min(info.width, info.height) < 80) return refuse(ctx, 'picResolutionInvalidError', 'img')
  const ratio = info.width / info.height
  if (ratio < 0.5 || ratio > 2) return refuse(ctx, 'faceResolutionOrRatioError', 'img')
  return undefined
}

function writeFace(ctx: HandlerContext, mode: 'record' | 'setUp'): SimResponse {
  if (!ctx.profile.supportsFaces) return refuse(ctx, 'notSupport')
  const upload = readUpload(ctx)
  if (isResponse(upload)) return upload
  const { meta, image } = upload
  if (asString(meta.faceLibType) !== 'blackFD' || asString(meta.FDID) !== '1') {
    return refuse(ctx, 'faceLibraryIDError', 'FDID')
  }
  const fpid = asString(meta.FPID)
  if (!fpid) return refuse(ctx, 'MessageParametersLack', 'FPID')
  if (mode === 'setUp' && meta.deleteFP === true) {
    ctx.state.faces.delete(fpid)
    return jsonOk()
  }
  if (!ctx.state.users.has(fpid)) return refuse(ctx, 'deviceUserNotExist', 'FPID')
  if (!image) {
    // no LAN server is reachable from a simulated device
    return asString(meta.faceURL)
      ? refuse(ctx, 'urlDownloadFail', 'faceURL')
      : refuse(ctx, 'MessageParametersLack', 'img')
  }
  const bad = checkPicture(ctx, image)
  if (bad) return bad
  const exists = ctx.state.faces.has(fpid)
  if (mode === 'record' && exists) return refuse(ctx, 'deviceUserAlreadyExistFace', 'FPID')
  if (!exists && ctx.state.faces.size >= ctx.capacity.faces) return refuse(ctx, 'deviceFaceFull', 'FPID')
  storeFace(ctx.state, fpid, Buffer.from(image.data))
  return jsonOk({ FPID: fpid })
}

export const recordFace: Handler = (ctx) => writeFace(ctx, 'record')
export const setUpFace: Handler = (ctx) => writeFace(ctx, 'setUp')

export const searchFaces: Handler = (ctx) => {
  if (!ctx.profile.supportsFaces) return refuse(ctx, 'notSupport')
  const cond = parseJsonBody(ctx.req.body)
  if (!cond) return refuse(ctx, 'badJsonFormat', 'FDSearch')
  if (asString(cond.faceLibType) !== 'blackFD' || asString(cond.FDID) !== '1')
    return refuse(ctx, 'faceLibraryIDError', 'FDID')
  const maxResults = asInt(cond.maxResults)
  if (maxResults === undefined) return refuse(ctx, 'MessageParametersLack', 'maxResults')
  const position = asInt(cond.searchResultPosition) ?? 0
  const fpid = asString(cond.FPID)
  const all = [...ctx.state.faces.values()].filter((f) => !fpid || f.fpid === fpid)
  const page = all.slice(position, position + Math.min(30, Math.max(1, maxResults)))
  const status = page.length === 0 ? 'NO MATCH' : position + page.length < all.length ? 'MORE' : 'OK'
  return jsonResponse({
    statusCode: 1,
    statusString: 'OK',
    subStatusCode: 'ok',
    responseStatusStrg: status,
    numOfMatches: page.length,
    totalMatches: all.length,
    ...(page.length > 0
      ? {
          MatchList: page.map((f) => ({
            FDID: '1',
            FPID: f.fpid,
            faceURL: `${ctx.origin}${facePicturePath(f)}`,
            name: ctx.state.users.get(f.fpid)?.name ?? '',
          })),
        }
      : {}),
  })
}

/** "The device will not report an error if the face picture to be deleted is not added." */
export const deleteFaces: Handler = (ctx) => {
  if (!ctx.profile.supportsFaces) return refuse(ctx, 'notSupport')
  const doc = parseJsonBody(ctx.req.body)
  if (!doc) return refuse(ctx, 'badJsonFormat', 'FPID')
  const byValue = Array.isArray(doc.FPID) ? doc.FPID.map((item) => asString(asRecord(item)?.value)) : []
  const byMode = Array.isArray(doc.FaceModeList)
    ? doc.FaceModeList.map((item) => asString(asRecord(asRecord(item)?.faceMode)?.FPID))
    : []
  const ids = [...byValue, ...byMode].filter((id): id is string => !!id)
  if (ids.length === 0) return refuse(ctx, 'MessageParametersLack', 'FPID')
  for (const id of ids) ctx.state.faces.delete(id)
  return jsonOk()
}

export const countFaces: Handler = (ctx) => {
  if (!ctx.profile.supportsFaces) return refuse(ctx, 'notSupport')
  return jsonResponse({
    statusCode: 1,
    statusString: 'OK',
    subStatusCode: 'ok',
    FDID: '1',
    faceLibType: 'blackFD',
    recordDataNumber: ctx.state.faces.size,
  })
}

/** `GET /LOCALS/pic/enrlFace/0/000000000N.jpg@WEB…`: the enrolment photo, behind the same login. */
export const facePicture: Handler = (ctx) => {
  const no = /\/LOCALS\/pic\/enrlFace\/0\/(\d+)\.jpg/.exec(ctx.req.path)?.[1]
  const face = [...ctx.state.faces.values()].find((f) => f.pictureNo === Number(no))
  if (!face) return notFound
  return { status: 200, contentType: 'image/jpeg', body: face.jpeg }
}
