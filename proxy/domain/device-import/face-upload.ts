import type { DeviceImportRow, DeviceImportRowResult } from '../../../shared/api/device-import'
import { AppError } from '../../../shared/errors'
import type { DeviceImportDeps } from './deps'

/**
 * Copies one imported person's face from the terminal into the student's photo (`PUT /students/:id` with
 * the row's fields, so the record stays as imported). No face on the device is `no_photo`, not a failure;
 * any other trouble is `photo_failed` with its code, and the row can be retried with its `studentId`.
 */
export async function uploadFace(
  deps: DeviceImportDeps,
  deviceId: string,
  row: DeviceImportRow,
  imported: DeviceImportRowResult,
): Promise<DeviceImportRowResult> {
  const studentId = imported.studentId as string
  let face: Buffer
  try {
    face = await deps.deviceUsers.face(deviceId, row.employeeNo)
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found') return { ...imported, result: 'no_photo' }
    return failed(deps, imported, error)
  }
  if (!isJpeg(face)) {
    return {
      ...imported,
      result: 'photo_failed',
      code: 'image_invalid',
      reasons: ['The device face is not a JPEG'],
    }
  }
  try {
    await deps.backend.require().updateStudent(studentId, {
      firstName: row.firstName,
      lastName: row.lastName,
      classId: row.classId,
      deviceStudentId: row.employeeNo,
      ...(row.fatherName ? { fatherName: row.fatherName } : {}),
      ...(row.gender ? { gender: row.gender } : {}),
      ...(row.parentPhone ? { parentPhone: row.parentPhone } : {}),
      faceImageBase64: face.toString('base64'),
    })
    return imported
  } catch (error) {
    return failed(deps, imported, error)
  }
}

function failed(
  deps: DeviceImportDeps,
  imported: DeviceImportRowResult,
  error: unknown,
): DeviceImportRowResult {
  const code = error instanceof AppError ? error.code : 'internal'
  const reason = error instanceof Error ? error.message : String(error)
  deps.logger.warn({ employeeNo: imported.employeeNo, code }, 'imported student photo not uploaded')
  return { ...imported, result: 'photo_failed', code, reasons: [reason] }
}

function isJpeg(bytes: Buffer): boolean {
  return bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff
}
