import { ClassListItem, ClassListResponse, type ClassCreate } from '../../shared/api'
import type { ApiClient } from './client'

/** `GET /api/classes`: the school's classes as the school server holds them. */
export function listClasses(api: ApiClient): Promise<ClassListResponse> {
  return api.request('GET', '/api/classes', { schema: ClassListResponse })
}

/** `POST /api/classes`: a new class on the school server. */
export function createClass(api: ApiClient, body: ClassCreate): Promise<ClassListItem> {
  return api.request('POST', '/api/classes', { schema: ClassListItem, body })
}
