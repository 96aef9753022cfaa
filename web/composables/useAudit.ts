import { computed, onScopeDispose, reactive, ref, shallowRef } from 'vue'
import type { AuditEntry, AuditResult, AuditRetryRequest, ServerLogPage } from '../../shared/api'
import { auditPage, provisioningLogs, retryAuditEntry } from '../api/audit'
import { dayStartIn } from '../i18n/schoolTime'
import { useSchoolZoneStore } from '../stores/schoolZone'
import { saveCsv } from './saveFile'
import { useApi } from './useApi'

export const AUDIT_PAGE_SIZE = 25
/** the most the proxy gives in one page */
const EXPORT_PAGE_SIZE = 200
const SEARCH_DELAY_MS = 350

export interface AuditFilters {
  /** dates as the date inputs give them (`YYYY-MM-DD`), the school's calendar days */
  from: string
  to: string
  actor: string
  action: string
  result: '' | AuditResult
  q: string
}

const EMPTY: AuditFilters = { from: '', to: '', actor: '', action: '', result: '', q: '' }

/**
 * The audit trail a page at a time with its filters, the CSV of what the filters match, and the retry of a
 * failed entry. Dates are the school's calendar days (the times listed are its wall clock too), sent as
 * the UTC instants they start and end at.
 * A slower earlier answer never overwrites a newer one.
 */
export function useAudit(pageSize = AUDIT_PAGE_SIZE) {
  const api = useApi()
  const schoolZone = useSchoolZoneStore()
  const filters = reactive<AuditFilters>({ ...EMPTY })
  const entries = shallowRef<AuditEntry[]>([])
  const total = ref(0)
  const page = ref(1)
  const facets = shallowRef<{ actions: string[]; actors: string[] }>({ actions: [], actors: [] })
  const loading = ref(false)
  const loaded = ref(false)
  const error = shallowRef<unknown>(null)
  const exporting = ref(false)
  const exportError = shallowRef<unknown>(null)
  const retrying = ref<number | null>(null)
  const retryOutcome = shallowRef<{ id: number; ok: boolean; error?: unknown } | null>(null)
  let controller: AbortController | null = null
  let searchTimer: ReturnType<typeof setTimeout> | undefined

  const pages = computed(() => Math.max(1, Math.ceil(total.value / pageSize)))
  /** "from" after "to": nothing can match, so nothing is asked until the dates are put right */
  const rangeInverted = computed(() => !!filters.from && !!filters.to && filters.from > filters.to)

  function query(): Record<string, string> {
    const out: Record<string, string> = {}
    if (filters.from) out.from = dayStartIn(filters.from, schoolZone.zone).toISOString()
    if (filters.to) out.to = dayStartIn(filters.to, schoolZone.zone, 1).toISOString()
    if (filters.actor) out.actor = filters.actor
    if (filters.action) out.action = filters.action
    if (filters.result) out.result = filters.result
    if (filters.q.trim()) out.q = filters.q.trim()
    return out
  }

  async function load(): Promise<void> {
    if (rangeInverted.value) return
    controller?.abort()
    const mine = new AbortController()
    controller = mine
    loading.value = true
    error.value = null
    try {
      const answer = await auditPage(api, { ...query(), page: page.value, limit: pageSize }, mine.signal)
      if (controller !== mine) return
      entries.value = answer.data
      total.value = answer.total
      facets.value = answer.facets
      loaded.value = true
    } catch (failure) {
      if (controller !== mine) return
      error.value = failure
    } finally {
      if (controller === mine) loading.value = false
    }
  }

  function goTo(next: number): Promise<void> {
    page.value = Math.min(Math.max(1, next), pages.value)
    return load()
  }

  /** A filter changed: back to the first page. */
  function apply(): Promise<void> {
    page.value = 1
    return load()
  }

  /** The search text changed: asked once the typing pauses. */
  function search(text: string): void {
    filters.q = text
    clearTimeout(searchTimer)
    searchTimer = setTimeout(() => void apply(), SEARCH_DELAY_MS)
  }

  function clear(): Promise<void> {
    Object.assign(filters, EMPTY)
    return apply()
  }

  /**
   * Downloads what the filters match as a CSV that `write` puts in the screen's words (a page of entries
   * at a time, each entry once even if a new one shifts the pages meanwhile).
   */
  async function exportCsv(write: (entries: AuditEntry[]) => string, fileName: string): Promise<void> {
    exporting.value = true
    exportError.value = null
    try {
      const found = new Map<number, AuditEntry>()
      for (let next = 1; ; next += 1) {
        const answer = await auditPage(api, { ...query(), page: next, limit: EXPORT_PAGE_SIZE })
        for (const entry of answer.data) found.set(entry.id, entry)
        if (answer.data.length < EXPORT_PAGE_SIZE || next * EXPORT_PAGE_SIZE >= answer.total) break
      }
      const newestFirst = [...found.values()].sort((a, b) => b.id - a.id)
      saveCsv(write(newestFirst), fileName)
    } catch (failure) {
      exportError.value = failure
    } finally {
      exporting.value = false
    }
  }

  async function retry(entry: AuditEntry): Promise<void> {
    retrying.value = entry.id
    retryOutcome.value = null
    try {
      // the action and target the person confirmed: the proxy repeats the entry only if they are its own
      const body: AuditRetryRequest = {
        confirm: { action: entry.action, targetId: entry.target?.id ?? null },
      }
      await retryAuditEntry(api, entry.id, body)
      retryOutcome.value = { id: entry.id, ok: true }
    } catch (failure) {
      retryOutcome.value = { id: entry.id, ok: false, error: failure }
    } finally {
      retrying.value = null
    }
    await load()
  }

  onScopeDispose(() => {
    controller?.abort()
    clearTimeout(searchTimer)
  })

  return {
    rangeInverted,
    filters,
    entries,
    total,
    page,
    pages,
    facets,
    loading,
    loaded,
    error,
    exporting,
    exportError,
    retrying,
    retryOutcome,
    load,
    apply,
    search,
    clear,
    goTo,
    exportCsv,
    retry,
  }
}

/** The school server's provisioning logs, or why they cannot be shown. */
export function useServerLogs(pageSize = AUDIT_PAGE_SIZE) {
  const api = useApi()
  const answer = shallowRef<ServerLogPage | null>(null)
  const level = ref('')
  const q = ref('')
  const page = ref(1)
  const loading = ref(false)
  const error = shallowRef<unknown>(null)

  const pages = computed(() =>
    answer.value?.available ? Math.max(1, Math.ceil(answer.value.total / pageSize)) : 1,
  )

  async function load(): Promise<void> {
    loading.value = true
    error.value = null
    try {
      answer.value = await provisioningLogs(api, {
        page: page.value,
        limit: pageSize,
        level: level.value || undefined,
        q: q.value.trim() || undefined,
      })
    } catch (failure) {
      error.value = failure
    } finally {
      loading.value = false
    }
  }

  function goTo(next: number): Promise<void> {
    page.value = Math.min(Math.max(1, next), pages.value)
    return load()
  }

  return { answer, level, q, page, pages, loading, error, load, goTo }
}
