import type { ImportRow } from './types'
import { photoOf } from './imageInfo'
import { MAX_UNPACKED_BYTES } from './limits'
import { compareKey } from './text'
import { unzipBounded } from './unzipBounded'

const IMAGE_NAME = /\.(jpe?g|png|webp)$/i

/** Photos of a ZIP by the name they were saved under (without folder or extension, compared as compareKey
 *  writes it; "_" counts as a space, as in "Karimov_Aziz.jpg"). */
export class ZipPhotos {
  private constructor(private readonly byName: Map<string, Uint8Array>) {}

  /** Throws when the bytes are no readable ZIP, or UnpackedTooLarge when they unpack to too much. */
  static read(zip: Uint8Array): ZipPhotos {
    const files = unzipBounded(
      zip,
      MAX_UNPACKED_BYTES,
      (name) => IMAGE_NAME.test(name) && !name.startsWith('__MACOSX/'),
    )
    const byName = new Map<string, Uint8Array>()
    for (const [path, bytes] of files) {
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
    const checked = photoOf(new Uint8Array(bytes), 'zip')
    if ('photo' in checked) row.photo = checked.photo
    else row.problems.push(checked.problem)
  }
}

function photoKey(name: string): string {
  return compareKey(name.replace(/_/g, ' '))
}
