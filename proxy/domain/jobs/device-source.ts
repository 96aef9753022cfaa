import { randomUUID } from 'node:crypto'
import { NO_PHOTO } from '../../../shared/api/jobs'
import { AppError } from '../../../shared/errors'
import { MAX_PAGE, type DeviceUserRecord, type IsapiClient } from '../../isapi'
import { normalizeFace } from '../../images/normalize'
import type { CloneItem, CloneSource } from './clone-item'

/** Terminals refuse pictures above this; an enrolment photo from another model may be bigger. */
const TARGET_MAX_FACE_BYTES = 200 * 1024

/**
 * The people on a source terminal, 30 per page under one searchID (the device keeps its cursor). Each
 * face is fetched by the `faceURL` the search returned; firmware that does not return it is asked for
 * the face's URL by FDSearch, and only for people that may have a face.
 */
export function deviceSource(
  source: IsapiClient,
  /** each page's people as the source holds them: what the proxy now knows of that terminal */
  seen?: (users: readonly DeviceUserRecord[]) => void,
): CloneSource {
  return {
    async *pages(signal) {
      const searchId = randomUUID().replace(/-/g, '')
      for (let position = 0; ;) {
        const page = await source.searchUsers({ position, max: MAX_PAGE, searchId }, { signal })
        seen?.(page.users)
        yield { items: page.users.map((user) => itemOf(source, user)), total: page.total }
        position += page.users.length
        if (page.status !== 'MORE' || page.users.length === 0) return
      }
    },
  }
}

function itemOf(source: IsapiClient, user: DeviceUserRecord): CloneItem {
  const gender = user.gender === 'male' || user.gender === 'female' ? user.gender : undefined
  const item: CloneItem = {
    key: user.employeeNo,
    employeeNo: user.employeeNo,
    name: user.name,
    ...(gender ? { gender } : {}),
    face: (signal) => faceOf(source, user, signal),
  }
  if (user.numOfFace === 0 && !user.faceURL) {
    item.refusal = {
      employeeNo: user.employeeNo,
      name: user.name,
      code: NO_PHOTO,
      message: 'This person has no face photo on the source device',
    }
  }
  return item
}

async function faceOf(source: IsapiClient, user: DeviceUserRecord, signal: AbortSignal): Promise<Buffer> {
  const url = user.faceURL ?? (await faceUrlBySearch(source, user.employeeNo, signal))
  if (!url) throw new AppError('image_invalid', 'This person has no face photo on the source device')
  const jpeg = await source.fetchFace(url, { signal })
  return jpeg.byteLength <= TARGET_MAX_FACE_BYTES ? jpeg : (await normalizeFace(jpeg)).jpeg
}

async function faceUrlBySearch(
  source: IsapiClient,
  employeeNo: string,
  signal: AbortSignal,
): Promise<string | undefined> {
  const found = await source.searchFaces({ employeeNo, max: 1 }, { signal })
  return found.faces.find((face) => face.fpid === employeeNo)?.faceURL
}
