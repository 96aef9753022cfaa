import type { PhotoBytes } from './types'

/** Blob → what the photos table stores. */
export async function photoFromBlob(blob: Blob): Promise<PhotoBytes> {
  return { bytes: await blob.arrayBuffer(), type: blob.type || 'image/jpeg' }
}

export function photoToBlob(photo: PhotoBytes): Blob {
  return new Blob([photo.bytes], { type: photo.type })
}

/** Base64 without a data: prefix, for the registration's `face`; in slices, so big photos do not blow the stack. */
export function bytesToBase64(bytes: ArrayBuffer): string {
  const view = new Uint8Array(bytes)
  const slice = 0x8000
  let binary = ''
  for (let offset = 0; offset < view.length; offset += slice) {
    binary += String.fromCharCode(...view.subarray(offset, offset + slice))
  }
  return btoa(binary)
}
