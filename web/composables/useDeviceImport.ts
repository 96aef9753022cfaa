import { computed, ref, shallowRef } from 'vue'
import {
  deviceImportReportCsv,
  type DeviceImportCommitResult,
  type DeviceImportReportWords,
} from '../../shared/api'
import type { DeviceImportApi } from '../api/device-import'
import {
  batches,
  editableRow,
  isDone,
  isFailed,
  missingFields,
  requestRow,
  type EditableRow,
} from './deviceImportRows'

/** rows per commit request: each batch is one request, and the progress bar moves between them */
export const COMMIT_BATCH = 10

export type ImportPhase = 'loading' | 'ready' | 'previewing' | 'committing' | 'failed-to-load'

export interface DeviceImportOptions {
  api: DeviceImportApi
  deviceId: string
  /** a new idempotency key (crypto.randomUUID in the browser) */
  newKey?: () => string
}

/**
 * The device → school import page's state: the device's people the school lacks, edited by the operator,
 * previewed by the school server, committed in batches of {@link COMMIT_BATCH} with a progress count, and
 * the failed rows retried alone. A batch keeps its idempotency key until it succeeds, so pressing
 * "import" again after a lost answer imports nothing twice.
 */
export function createDeviceImport(options: DeviceImportOptions) {
  const { api, deviceId } = options
  const newKey = options.newKey ?? (() => crypto.randomUUID())
  const rows = ref<EditableRow[]>([])
  const phase = ref<ImportPhase>('loading')
  const error = shallowRef<unknown>(null)
  const progress = ref({ done: 0, total: 0 })
  const counts = ref({ onDevice: 0, inSchool: 0 })
  /** idempotency keys of batches sent without an answer, by the batch's employeeNos */
  const pendingKeys = new Map<string, string>()

  const selected = computed(() => rows.value.filter((row) => row.selected))
  const toImport = computed(() =>
    selected.value.filter((row) => !isDone(row) && !isFailed(row) && row.preview?.action !== 'INVALID'),
  )
  const failed = computed(() => rows.value.filter(isFailed))
  const done = computed(() => rows.value.filter(isDone))
  const incomplete = computed(() => selected.value.filter((row) => missingFields(row).length > 0))
  const busy = computed(() => phase.value === 'previewing' || phase.value === 'committing')

  async function load(): Promise<void> {
    phase.value = 'loading'
    error.value = null
    try {
      const list = await api.candidates(deviceId)
      counts.value = { onDevice: list.onDevice, inSchool: list.inSchool }
      rows.value = list.candidates.map(editableRow)
      phase.value = 'ready'
    } catch (failure) {
      error.value = failure
      phase.value = 'failed-to-load'
    }
  }

  /** Gives every selected row without a class this one. */
  function setClassForSelected(classId: string): void {
    for (const row of selected.value) if (!row.classId) row.classId = classId
  }

  function selectAll(value: boolean): void {
    for (const row of rows.value) if (!isDone(row)) row.selected = value
  }

  /** A changed row must be previewed again: the old verdict no longer holds (a failed row stays for retry). */
  function edited(row: EditableRow): void {
    row.preview = null
  }

  async function preview(): Promise<boolean> {
    const sent = selected.value.filter((row) => !isDone(row))
    if (sent.length === 0 || incomplete.value.length > 0) return false
    phase.value = 'previewing'
    error.value = null
    try {
      const answer = await api.preview(
        deviceId,
        sent.map((row) => requestRow(row)),
      )
      sent.forEach((row, i) => (row.preview = answer.rows[i] ?? null))
      return true
    } catch (failure) {
      error.value = failure
      return false
    } finally {
      phase.value = 'ready'
    }
  }

  /** Imports the selected rows the preview let through, batch by batch. */
  async function commit(): Promise<void> {
    if (incomplete.value.length > 0) return
    await send(toImport.value, (row) => requestRow(row), 'commit')
  }

  /** Sends the failed rows again: a student already imported gets only the photo. */
  async function retryFailed(): Promise<void> {
    const again = failed.value.filter((row) => missingFields(row).length === 0)
    await send(again, (row) => requestRow(row, row.result?.result === 'photo_failed'), 'retry')
  }

  async function send(
    list: EditableRow[],
    toRequest: (row: EditableRow) => ReturnType<typeof requestRow>,
    route: 'commit' | 'retry',
  ): Promise<void> {
    if (list.length === 0) return
    phase.value = 'committing'
    error.value = null
    progress.value = { done: 0, total: list.length }
    try {
      for (const batch of batches(list, COMMIT_BATCH)) {
        const id = batch.map((row) => row.employeeNo).join(',')
        const idempotencyKey = pendingKeys.get(id) ?? newKey()
        pendingKeys.set(id, idempotencyKey)
        const answer = await api[route]({ deviceId, idempotencyKey, rows: batch.map(toRequest) })
        pendingKeys.delete(id)
        apply(batch, answer)
        progress.value = { ...progress.value, done: progress.value.done + batch.length }
      }
    } catch (failure) {
      error.value = failure
    } finally {
      phase.value = 'ready'
    }
  }

  function apply(batch: EditableRow[], answer: DeviceImportCommitResult): void {
    batch.forEach((row, i) => {
      const result = answer.rows[i]
      if (!result) return
      row.result = result
      if (isDone(row)) row.selected = false
    })
  }

  /** The rows' outcomes as CSV, headed and worded in the reader's language when `words` are given. */
  function reportCsv(words?: DeviceImportReportWords): string {
    return deviceImportReportCsv(
      rows.value.flatMap((row) => (row.result ? [row.result] : [])),
      words,
    )
  }

  return {
    rows,
    phase,
    error,
    progress,
    counts,
    selected,
    toImport,
    failed,
    done,
    incomplete,
    busy,
    load,
    setClassForSelected,
    selectAll,
    edited,
    preview,
    commit,
    retryFailed,
    reportCsv,
  }
}

export type DeviceImportState = ReturnType<typeof createDeviceImport>
