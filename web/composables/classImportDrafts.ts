import type { DraftRepository } from '../db/drafts'
import type { DraftStudent, PhotoBytes } from '../db/types'
import type { ImportPhoto, ImportRow } from '../import'
import { MAX_LONG_SIDE, prepareFile } from '../components/enroll/preparePhoto'

/** The photo's bytes as the draft store holds them: the reader's own buffer when the view covers it all. */
export function photoBytesOf(photo: ImportPhoto): PhotoBytes {
  const { bytes } = photo
  const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
  return { bytes: (whole ? bytes.buffer : bytes.slice().buffer) as ArrayBuffer, type: photo.type }
}

/** A row's photo as a draft keeps it: a JPEG already small enough goes as it is, any other is redrawn. */
export async function photoForDraft(
  photo: ImportPhoto,
  prepare: (file: Blob) => Promise<PhotoBytes> = prepareFile,
): Promise<PhotoBytes> {
  if (photo.type === 'image/jpeg' && Math.max(photo.width, photo.height) <= MAX_LONG_SIDE) {
    return photoBytesOf(photo)
  }
  const original = photoBytesOf(photo)
  const prepared = await prepare(new Blob([original.bytes], { type: original.type }))
  return { bytes: prepared.bytes, type: prepared.type }
}

/** The student a good row becomes, as the Enroll form would have made it. */
export function draftStudentFrom(row: ImportRow, className: string | undefined): DraftStudent {
  const student: DraftStudent = { firstName: row.firstName.trim(), lastName: row.lastName.trim() }
  const fatherName = row.fatherName?.trim()
  if (fatherName) student.fatherName = fatherName
  if (row.gender) student.gender = row.gender
  if (row.classId) student.classId = row.classId
  if (className) student.className = className
  const phone = row.phone?.trim()
  if (phone) student.parentPhone = phone
  return student
}

export interface QueuedRow {
  student: DraftStudent
  photo: PhotoBytes
}

/**
 * Every row becomes a waiting draft in ONE transaction: the file goes into the queue whole or not at all
 * (a full disk or a closed tab halfway leaves nothing behind). The sender cannot claim a draft before the
 * transaction ends, so none goes out while the rest is still being written.
 */
export async function queueRows(
  repo: DraftRepository,
  rows: readonly QueuedRow[],
  deviceIds: readonly string[],
): Promise<number> {
  const { db } = repo
  await db.transaction('rw', db.drafts, db.photos, async () => {
    for (const row of rows)
      await repo.add({ student: row.student, deviceIds: [...deviceIds], photo: row.photo })
  })
  return rows.length
}
