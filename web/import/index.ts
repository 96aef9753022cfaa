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
