import { backendClientFor } from '../../backend/for-config'
import type { Config } from '../../config'
import { BackendAccess } from '../students/backend-access'

/** The school server for the import and export use cases: a client, or none in LAN-only mode. */
export function schoolServerFor(config: Pick<Config, 'backend'>): BackendAccess {
  return new BackendAccess(backendClientFor(config))
}
