import { computed, ref, shallowRef, watch, type Ref } from 'vue'
import type { ClassListItem } from '../../shared/api'
import type { DraftRepository } from '../db/drafts'
import {
  checkRows,
  readClassList,
  suggestClassFor,
  type CheckContext,
  type FileProblem,
  type ImportProgress,
  type ImportRow,
  type ParsedImport,
} from '../import'
import { useApi } from './useApi'
import { initialMapping, labelsOf } from './classImportMapping'
import { countRows, isGood } from './classImportPreview'
import { draftStudentFrom, photoForDraft, queueRows, type QueuedRow } from './classImportDrafts'
import { buildReport, keepReport, type ImportReport } from './classImportReport'
import { fetchClassStudents } from './classImportStudents'

export type ImportStep = 'choose' | 'reading' | 'problem' | 'mapping' | 'preview' | 'importing'
export type ServerCheck = 'idle' | 'checking' | 'checked' | 'unavailable'

type ChosenFile = Blob & { name?: string }

/** Why a file without a single row cannot go on: its own problems, its sheets' problems, or plain emptiness. */
function nothingToImport(result: ParsedImport): FileProblem[] {
  if (result.problems.length > 0) return result.problems
  const sheets = result.sheets.flatMap((sheet) =>
    sheet.problems.map((problem) => ({ ...problem, sheet: problem.sheet ?? sheet.name })),
  )
  return sheets.length > 0 ? sheets : [{ code: 'empty' }]
}

export interface ClassImportOptions {
  classes: Ref<ClassListItem[] | null>
  repository: () => DraftRepository
  /** called once the drafts are saved, so the sender looks at the queue at once */
  queued?: () => void
}

/**
 * The Import page's state, step by step: a file is read (never throwing: its problems come back), its class
 * labels are mapped to classes, every row is checked (again whenever the mapping changes), and the good rows
 * go into the queue together.
 */
export function useClassImport(options: ClassImportOptions) {
  const api = useApi()
  const step = ref<ImportStep>('choose')
  const fileName = ref('')
  const progress = shallowRef<ImportProgress | null>(null)
  const parsed = shallowRef<ParsedImport | null>(null)
  const fileProblems = shallowRef<FileProblem[]>([])
  const mapping = ref<Record<string, string>>({})
  const serverStudents = shallowRef<CheckContext['serverStudents']>([])
  const serverCheck = ref<ServerCheck>('idle')
  const importProgress = shallowRef<{ done: number; total: number } | null>(null)
  const importFailed = ref(false)
  let reading = 0
  let checking: AbortController | null = null

  const classList = computed(() => options.classes.value ?? [])
  const labels = computed(() => (parsed.value ? labelsOf(parsed.value) : []))
  /** sheet-level problems (a sheet without a header): the rest of the file still imports */
  const sheetProblems = computed(() =>
    (parsed.value?.sheets ?? []).flatMap((sheet) =>
      sheet.problems.map((problem) => ({ ...problem, sheet: problem.sheet ?? sheet.name })),
    ),
  )
  const rows = computed<ImportRow[]>(() =>
    parsed.value
      ? checkRows(parsed.value, {
          classes: classList.value.map(({ id, name }) => ({ id, name })),
          classFor: { ...mapping.value },
          serverStudents: serverStudents.value,
        })
      : [],
  )
  const counts = computed(() => countRows(rows.value))
  const className = (id: string | undefined) => classList.value.find((item) => item.id === id)?.name ?? ''

  async function read(file: ChosenFile, photosZip?: Blob): Promise<void> {
    const attempt = ++reading
    fileName.value = file.name ?? ''
    step.value = 'reading'
    progress.value = null
    parsed.value = null
    serverStudents.value = []
    serverCheck.value = 'idle'
    let result: ParsedImport
    try {
      result = await readClassList(file, photosZip, (p: ImportProgress) => {
        if (attempt === reading) progress.value = p
      })
    } catch (error) {
      // the reader reports bad input as problems; anything it throws is still the file's fault to the person
      console.error('reading the class list failed', error)
      result = { kind: 'xlsx', sheets: [], rows: [], problems: [{ code: 'corrupt' }] }
    }
    if (attempt !== reading) return
    const problems = result.rows.length > 0 ? result.problems : nothingToImport(result)
    if (problems.length > 0) {
      fileProblems.value = problems
      step.value = 'problem'
      return
    }
    fileProblems.value = []
    parsed.value = result
    suggestMapping()
    step.value = 'mapping'
  }

  function suggestMapping(): void {
    const names = labels.value.map((item) => item.label)
    const all = classList.value.map(({ id, name }) => ({ id, name }))
    mapping.value = initialMapping(names, all, suggestClassFor(names, all), mapping.value)
  }

  // the class list can arrive (or grow by a created class) while the mapping is on screen
  watch(classList, () => {
    if (step.value === 'mapping') suggestMapping()
  })

  function chooseAnother(): void {
    reading += 1
    checking?.abort()
    step.value = 'choose'
    parsed.value = null
    fileProblems.value = []
    progress.value = null
    mapping.value = {}
    importFailed.value = false
  }

  /** On to the preview; the students the server has in the chosen classes are fetched for the duplicate check. */
  async function confirmMapping(): Promise<void> {
    step.value = 'preview'
    checking?.abort()
    const controller = new AbortController()
    checking = controller
    const classIds = [...new Set(Object.values(mapping.value))]
    serverStudents.value = []
    if (classIds.length === 0) {
      serverCheck.value = 'checked'
      return
    }
    serverCheck.value = 'checking'
    try {
      const found = await fetchClassStudents(api, classIds, controller.signal)
      if (controller.signal.aborted) return
      serverStudents.value = found
      serverCheck.value = 'checked'
    } catch {
      if (controller.signal.aborted) return
      serverCheck.value = 'unavailable'
    }
  }

  function backToMapping(): void {
    checking?.abort()
    step.value = 'mapping'
  }

  /**
   * The good rows into the queue (their photos prepared first: nothing but Dexie may wait inside its
   * transaction), then the report is kept. Null when saving failed: then nothing was queued.
   */
  async function importGood(deviceIds: readonly string[]): Promise<ImportReport | null> {
    const all = rows.value
    const good = all.filter(isGood)
    step.value = 'importing'
    importFailed.value = false
    importProgress.value = { done: 0, total: good.length }
    try {
      const queued: QueuedRow[] = []
      for (const row of good) {
        if (!row.photo) throw new Error(`row ${row.key} is good but has no photo`)
        queued.push({
          student: draftStudentFrom(row, className(row.classId) || undefined),
          photo: await photoForDraft(row.photo),
        })
        importProgress.value = { done: queued.length, total: good.length }
      }
      await queueRows(options.repository(), queued, deviceIds)
    } catch (error) {
      console.error('queueing the class list failed', error)
      importFailed.value = true
      step.value = 'preview'
      return null
    }
    options.queued?.()
    const report = buildReport(fileName.value, all, className)
    keepReport(report)
    return report
  }

  return {
    step,
    fileName,
    progress,
    parsed,
    fileProblems,
    sheetProblems,
    labels,
    mapping,
    rows,
    counts,
    serverCheck,
    importProgress,
    importFailed,
    className,
    read,
    chooseAnother,
    confirmMapping,
    backToMapping,
    importGood,
  }
}
