import type { FileProblem, ParsedImport } from './types'

/** A file that cannot be imported at all: nothing of it is returned, only why. */
export function fileProblem(kind: ParsedImport['kind'], problem: FileProblem): ParsedImport {
  return { kind, sheets: [], rows: [], problems: [problem] }
}
