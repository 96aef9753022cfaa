import { unzipSync } from 'fflate'
import type { ImportRow, RowProblem } from './types'
import { readImageInfo } from './imageInfo'
import { compareKey } from './text'

const IMAGE_NAME = /\.(jpe?g|png|webp)$/i

/** Photos of a ZIP by the name they were saved under (without folder or extension, compared as compareKey
 *  writes it; "_" counts as a space, as in "Karimov_Aziz.jpg"). */
export class ZipPhotos {
  private constructor(private readonly byName: Map<string, Uint8Array>) {}

  /** Throws when the bytes are no readable ZIP. */
  static read(zip: Uint8Array): ZipPhotos {
    const files = unzipSync(zip, {
      filter: (file) => IMAGE_NAME.test(file.name) && !file.name.startsWith('__MACOSX/'),
    })
    const byName = new Map<string, Uint8Array>()
    for (const [path, bytes] of Object.entries(files)) {
      const base = path.split('/').pop() ?? path
      byName.set(photoKey(base.replace(IMAGE_NAME, '')), bytes)
    }
    return new ZipPhotos(byName)
  }

  get size(): number {
    return this.byName.size
  }

  /** The row's photo, looked up by its deviceStudentId, then its row number ("12.jpg"), then "Familiya Ism". */
  attach(row: ImportRow): void {
    const names = [row.deviceStudentId, String(row.rowNumber), `${row.lastName} ${row.firstName}`]
    const bytes = names
      .filter((name): name is string => Boolean(name?.trim()))
      .map((name) => this.byName.get(photoKey(name)))
      .find((found) => found !== undefined)
    if (!bytes) return
    const info = readImageInfo(bytes)
    if (info) row.photo = { bytes: new Uint8Array(bytes), ...info }
    else row.problems.push(unreadable())
  }
}

function unreadable(): RowProblem {
  return { code: 'photo_unreadable', detail: 'zip' }
}

function photoKey(name: string): string {
  return compareKey(name.replace(/_/g, ' '))
}
