// The page the import benchmark builds with vite and opens in Chromium: the real readClassList (and its
// worker) on one side, exceljs's bare load of the same bytes on the other, as the same-run baseline.
import { photoBytesOf } from '../../web/composables/classImportDrafts'
import { PREVIEW_PAGE_SIZE } from '../../web/composables/classImportPreview'
import { checkRows } from '../../web/import/checkRows'
import { readClassList } from '../../web/import/readClassList'
import { loadExcel } from '../../web/import/excel'

interface ImportBenchResult {
  /** read, checked and the first preview page drawn with its thumbnails decoded */
  ms: number
  /** the read alone (readClassList: the worker's parse and the photos' checks) */
  readMs: number
  rows: number
  photos: number
  problems: string[]
  progressEvents: number
}

async function fetchBlob(url: string): Promise<Blob> {
  const answer = await fetch(url)
  if (!answer.ok) throw new Error(`${url}: ${answer.status}`)
  return answer.blob()
}

/** The first page of the preview as the Import page shows it: a row per student with its photo's thumbnail. */
async function drawPreviewPage(rows: ReturnType<typeof checkRows>): Promise<void> {
  const list = document.createElement('ul')
  const thumbs: HTMLImageElement[] = []
  for (const row of rows) {
    const item = document.createElement('li')
    item.textContent = `${row.lastName ?? ''} ${row.firstName ?? ''} · ${row.problems.length}`
    if (row.photo) {
      const { bytes, type } = photoBytesOf(row.photo)
      const img = document.createElement('img')
      img.width = 64
      img.src = URL.createObjectURL(new Blob([bytes], { type }))
      thumbs.push(img)
      item.prepend(img)
    }
    list.append(item)
  }
  document.body.append(list)
  await Promise.all(thumbs.map((img) => img.decode()))
  for (const img of thumbs) URL.revokeObjectURL(img.src)
}

const bench = {
  async parse(url: string): Promise<ImportBenchResult> {
    const file = Object.assign(await fetchBlob(url), { name: 'sinflar.xlsx' })
    let progressEvents = 0
    const started = performance.now()
    const parsed = await readClassList(file, undefined, () => (progressEvents += 1))
    const readMs = performance.now() - started
    // every class label mapped to a class of that name, as a person confirms the mapping step
    const labels = [...new Set(parsed.rows.map((row) => row.classLabel))]
    const rows = checkRows(parsed, {
      classes: labels.map((label) => ({ id: label, name: label })),
      classFor: Object.fromEntries(labels.map((label) => [label, label])),
      serverStudents: [],
    })
    await drawPreviewPage(rows.slice(0, PREVIEW_PAGE_SIZE))
    const ms = performance.now() - started
    return {
      ms,
      readMs,
      rows: parsed.rows.length,
      photos: parsed.rows.filter((row) => row.photo).length,
      problems: parsed.problems.map((problem) => problem.code),
      progressEvents,
    }
  },
  async rawLoad(url: string): Promise<{ ms: number }> {
    const bytes = await (await fetchBlob(url)).arrayBuffer()
    const Excel = await loadExcel()
    const started = performance.now()
    await new Excel.Workbook().xlsx.load(bytes)
    return { ms: performance.now() - started }
  },
}

Object.assign(window, { importBench: bench })
