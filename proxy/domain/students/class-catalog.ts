import { z } from 'zod'
import { ClassListResponse, type ClassListItem } from '../../../shared/api/backend'
import type { ClassCreate } from '../../../shared/api/students'
import { classList } from '../../backend/student-list'
import type { SettingsRepo } from '../../store/settings-repo'
import { isUnavailable, type BackendAccess } from './backend-access'

export const CLASSES_SETTING = 'backend.classes'

const Saved = z.object({ classes: ClassListResponse, savedAt: z.string() })

/**
 * The school's classes. Every successful read is kept in the settings table, so the Enroll page still
 * offers the classes while the school server is away: then the kept list is served, each item marked
 * `stale: true`.
 */
export class ClassCatalog {
  constructor(
    private readonly backend: BackendAccess,
    private readonly settings: SettingsRepo,
  ) {}

  async list(): Promise<{ classes: ClassListItem[]; stale: boolean }> {
    const client = this.backend.require()
    try {
      const classes = classList(await client.listClasses())
      this.save(classes)
      return { classes, stale: false }
    } catch (error) {
      const saved = isUnavailable(error) ? this.saved() : null
      if (!saved) throw error
      return { classes: saved.map((item) => ({ ...item, stale: true })), stale: true }
    }
  }

  async create(input: ClassCreate): Promise<ClassListItem> {
    const created = classList([await this.backend.require().createClass(input)])[0] as ClassListItem
    const saved = this.saved()
    if (saved) this.save([...saved.filter((item) => item.id !== created.id), created])
    return created
  }

  private save(classes: ClassListItem[]): void {
    this.settings.set(CLASSES_SETTING, JSON.stringify({ classes, savedAt: new Date().toISOString() }))
  }

  private saved(): ClassListItem[] | null {
    const raw = this.settings.get(CLASSES_SETTING)
    if (!raw) return null
    try {
      const parsed = Saved.safeParse(JSON.parse(raw))
      return parsed.success ? parsed.data.classes : null
    } catch {
      return null
    }
  }
}
