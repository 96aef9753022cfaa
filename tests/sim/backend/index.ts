export { startBackend } from './server'
export type {
  BackendMode,
  ModeOptions,
  RecordedCall,
  SimBackend,
  SimUser,
  StartBackendOptions,
} from './server'
export type { SeedOptions, SeedResult } from './seed'
export type { BackendState } from './state'
export { faceJpeg } from './faces'
export { AttendanceBook, applyScan, eventKey, replayInTimeOrder } from './attendance'
export type { DayRecord, ScanEvent } from './attendance'
