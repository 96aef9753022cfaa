import type { BackendClient } from '../../backend/client'
import type { Config } from '../../config'
import type { Logger } from '../../log'
import { PhotoCache } from '../../store/photo-cache'
import type { SettingsRepo } from '../../store/settings-repo'
import type { TerminalBook } from '../terminal-states/terminal-book'
import { BackendAccess } from './backend-access'
import { ClassCatalog } from './class-catalog'
import { StudentDirectory } from './student-directory'
import { StudentPhotos } from './student-photos'

export { notConfigured } from './backend-access'
export { ClassCatalog, CLASSES_SETTING } from './class-catalog'
export { photoPathOf, StudentDirectory } from './student-directory'
export { StudentPhotos, type ServedPhoto } from './student-photos'

/** The school's students, their photos and the classes: what the students and classes routes call. */
export interface Students {
  directory: StudentDirectory
  photos: StudentPhotos
  classes: ClassCatalog
}

export interface StudentsOptions {
  config: Pick<Config, 'dataDir'>
  settings: SettingsRepo
  logger: Logger
  /** the school server's client, null in LAN-only mode */
  client: BackendClient | null
  photoFreshForMs?: number
  /** who is on which terminal, as the proxy knows it: the list shows it beside each student */
  book?: TerminalBook
  /** told of every student a list shows (their ids and numbers), for enrollments by backendStudentId */
  seen?: (students: Array<{ id: string; deviceStudentId: string | null }>) => void
}

export function createStudents(options: StudentsOptions): Students {
  const backend = new BackendAccess(options.client)
  const directory = new StudentDirectory(backend, options.book, options.seen)
  return {
    directory,
    photos: new StudentPhotos({
      backend,
      directory,
      cache: new PhotoCache(options.config.dataDir),
      logger: options.logger,
      ...(options.photoFreshForMs === undefined ? {} : { freshForMs: options.photoFreshForMs }),
    }),
    classes: new ClassCatalog(backend, options.settings),
  }
}
