import type { ServerLog, ServerLogPage, ServerLogQuery } from '../../../shared/api/audit'
import type { ProvisioningLog } from '../../../shared/api/backend'
import { AppError } from '../../../shared/errors'
import type { ProvisioningLogQuery } from '../../backend/client'

/** The one backend call this needs, so tests may hand in the real client pointed at the simulator. */
export interface ProvisioningLogSource {
  schoolProvisioningLogs(query: ProvisioningLogQuery): Promise<{
    data: ProvisioningLog[]
    total: number
    page: number
    limit: number
  }>
}

/**
 * The school server's provisioning logs, passed through with the page's filters. No server, a server that
 * does not answer, or one that refuses, is an answer the page shows as such, never an error page.
 */
export async function serverLogs(
  source: ProvisioningLogSource | null,
  query: ServerLogQuery,
): Promise<ServerLogPage> {
  if (!source) {
    return {
      available: false,
      reason: 'not_configured',
      message: 'No school server is configured (LAN-only mode)',
    }
  }
  try {
    const page = await source.schoolProvisioningLogs({ ...query })
    return {
      available: true,
      data: page.data.map(toServerLog),
      total: page.total,
      page: page.page,
      limit: page.limit,
    }
  } catch (error) {
    if (error instanceof AppError && error.code === 'backend_rejected') {
      return { available: false, reason: 'rejected', message: error.message }
    }
    if (error instanceof AppError && error.code === 'backend_unavailable') {
      return { available: false, reason: 'unreachable', message: error.message }
    }
    throw error
  }
}

/** The server's log line as the audit page shows it: who and which device by name, not by id. */
function toServerLog(log: ProvisioningLog): ServerLog {
  const { id, createdAt, level, eventType, stage, status, message, student, device } = log
  return {
    id,
    createdAt,
    level,
    eventType,
    stage,
    status,
    message,
    studentName: student?.name ?? null,
    deviceStudentId: student?.deviceStudentId ?? null,
    deviceName: device?.name ?? null,
  }
}
