export type {
  CheckContext,
  FileProblem,
  FileProblemCode,
  ImportGender,
  ImportPhoto,
  ImportProgress,
  ImportRow,
  ParsedImport,
  ParsedSheet,
  RowProblem,
  RowProblemCode,
} from './types'
export { readClassList } from './readClassList'
export { checkRows, MIN_PHOTO_SIDE } from './checkRows'
export { suggestClassFor } from './suggestClassFor'
export { makeTemplate } from './template'
