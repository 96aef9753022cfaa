/** What the first bytes of a file say it is, before any parser is trusted with it. */
export type FileKind = 'zip' | 'cfb' | 'pdf' | 'image' | 'text' | 'binary' | 'empty'

export function sniffKind(bytes: Uint8Array): FileKind {
  if (bytes.length === 0) return 'empty'
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) return 'zip'
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'cfb'
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) return 'pdf'
  if (
    startsWith(bytes, [0xff, 0xd8, 0xff]) ||
    startsWith(bytes, [0x89, 0x50, 0x4e, 0x47]) ||
    startsWith(bytes, [0x47, 0x49, 0x46, 0x38]) ||
    (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && bytes[8] === 0x57)
  ) {
    return 'image'
  }
  return looksLikeText(bytes) ? 'text' : 'binary'
}

/**
 * Excel saves a password-protected .xlsx as an OLE compound file holding EncryptionInfo and EncryptedPackage
 * streams; an old .xls is the same container holding a Workbook stream. The stream names sit in the
 * directory as UTF-16LE.
 */
export function isEncryptedOoxml(bytes: Uint8Array): boolean {
  return containsUtf16(bytes, 'EncryptedPackage')
}

// A CSV is UTF-8 text: no NUL bytes and it decodes strictly (the first 64 KB decide).
function looksLikeText(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 65536)
  if (head.includes(0)) return false
  try {
    // a multi-byte character cut at the 64 KB boundary is not a decoding error
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: head.length < bytes.length })
    return true
  } catch {
    return false
  }
}

function containsUtf16(bytes: Uint8Array, text: string): boolean {
  const needle = new Uint8Array(text.length * 2)
  for (let i = 0; i < text.length; i += 1) needle[i * 2] = text.charCodeAt(i)
  outer: for (let at = 0; at + needle.length <= bytes.length; at += 1) {
    for (let i = 0; i < needle.length; i += 1) if (bytes[at + i] !== needle[i]) continue outer
    return true
  }
  return false
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((value, index) => bytes[index] === value)
}
