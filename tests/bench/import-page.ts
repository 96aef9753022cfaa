// The page the import benchmark builds with vite and opens in Chromium: the real readClassList (and its
// worker) on one side, exceljs's bare load of the same bytes on the other, as the same-run baseline.
import { readClassList } from '../../web/import/readClassList'
import { loadExcel } from '../../web/import/excel'

interface ImportBenchResult {
  ms: number
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

const bench = {
  async parse(url: string): Promise<ImportBenchResult> {
    const file = Object.assign(await fetchBlob(url), { name: 'sinflar.xlsx' })
    let progressEvents = 0
    const started = performance.now()
    const parsed = await readClassList(file, undefined, () => (progressEvents += 1))
    const ms = performance.now() - started
    return {
      ms,
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
