import type { DeviceUser } from '../../../shared/api/devices'
import type { Device } from '../../../shared/api/devices'
import type { Logger } from '../../log'
import type { BackendAccess } from '../students/backend-access'
import type { TerminalBook } from '../terminal-states/terminal-book'

/** What the device → school import needs: the school server, the terminals' people and faces, the devices. */
export interface DeviceImportDeps {
  backend: BackendAccess
  deviceUsers: {
    list(
      deviceId: string,
      query: { offset: number; limit: number },
    ): Promise<{ total: number; users: DeviceUser[] }>
    face(deviceId: string, employeeNo: string): Promise<Buffer>
  }
  registry: { get(id: string): Device }
  logger: Pick<Logger, 'info' | 'warn'>
  /** who an import found on its terminal, remembered per (person, terminal) */
  book?: Pick<TerminalBook, 'note'>
}
