import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs'

/** Writes via a temporary file and a rename, so a crash never leaves half a key or certificate behind. */
export function writeFileAtomic(path: string, content: string, mode: number): void {
  const temporary = `${path}.tmp-${process.pid}`
  writeFileSync(temporary, content, { mode })
  chmodSync(temporary, mode)
  renameSync(temporary, path)
}

export function readIfExists(path: string): string | undefined {
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined
}
