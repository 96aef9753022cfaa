import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { tmpdir } from 'node:os'
import { extname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import ExcelJS from 'exceljs'
import sharp from 'sharp'
import { build } from 'vite'
import type { Page } from 'playwright-core'
import { launchChromium } from '../e2e/browser'
import type { BenchRow } from './row'

const ROWS = 500
/** the most rows an import takes (web/import/limits.ts): reading them must stay linear */
const LONG_ROWS = 5000
/** distinct photos, each embedded many times over as its own image (exceljs stores every addImage apart) */
const DISTINCT_PHOTOS = 25
const HEADER = ['#', 'Familiya', 'Ism', 'Otasining ismi', 'Jinsi', 'Telefon', 'Photo']
const PAGE = fileURLToPath(new URL('./import-page.ts', import.meta.url))
const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.xlsx': 'application/octet-stream',
}

/**
 * The class-list import's target: a 500-row workbook with 500 embedded ~60 KB photos, read in real Chromium by the
 * page's readClassList (the parse runs in its Web Worker), checked by checkRows, and the preview's first page
 * drawn with its thumbnails decoded. Baselines from the same run: exceljs's bare
 * load of the same file on the page (the floor any reader pays), and the tab's memory before the import.
 */
export async function bench(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'sr-bench-import-'))
  const browser = await launchChromium()
  let server: Server | undefined
  try {
    const { bytes, photoKb } = await classWorkbook()
    await buildPage(dir)
    writeFileSync(join(dir, 'dist', 'sinflar.xlsx'), bytes)
    writeFileSync(join(dir, 'dist', 'uzun.xlsx'), await longWorkbook())
    server = await serve(join(dir, 'dist'))
    const origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`
    const page = await browser.newPage()
    let crashed = false
    page.on('crash', () => (crashed = true))
    await page.goto(`${origin}/index.html`)
    await page.waitForFunction(() => 'importBench' in window)
    const memory = await memorySampler(page)
    const idle = await memory.sample()
    const raw = await page.evaluate(
      (url) => (window as unknown as BenchWindow).importBench.rawLoad(url),
      '/sinflar.xlsx',
    )
    await page.reload()
    await page.waitForFunction(() => 'importBench' in window)
    memory.start()
    const parsed = await page.evaluate(
      (url) => (window as unknown as BenchWindow).importBench.parse(url),
      '/sinflar.xlsx',
    )
    const peak = await memory.stop()
    if (crashed) throw new Error('the tab crashed while importing')
    if (parsed.rows !== ROWS || parsed.photos !== ROWS || parsed.problems.length > 0)
      throw new Error(`import read ${parsed.rows} rows, ${parsed.photos} photos, problems ${parsed.problems}`)
    const size = `${(bytes.length / 1024 ** 2).toFixed(1)} MB, photos ~${photoKb} KB`
    const long = await readLong(page)
    return [
      {
        name: `import: ${ROWS}-row workbook with ${ROWS} embedded photos (${size}) read in Chromium's worker, checked and the first preview page drawn`,
        value: Math.round(parsed.ms),
        unit: 'ms',
        baseline: {
          name: "exceljs's bare xlsx.load of the same file on the page",
          value: Math.round(raw.ms),
        },
        ratio: parsed.ms / raw.ms,
        target: '≤ 15000 ms, no tab crash',
      },
      {
        name: 'import: of which the read alone (readClassList)',
        value: Math.round(parsed.readMs),
        unit: 'ms',
        baseline: { name: 'the whole import to the preview above', value: Math.round(parsed.ms) },
        ratio: parsed.readMs / parsed.ms,
      },
      {
        name: 'import: peak memory of the tab (renderer process, page + worker) while reading it',
        value: Math.round(peak.rendererMb),
        unit: 'MB',
        baseline: { name: 'the same tab before the import', value: Math.round(idle.rendererMb) },
        ratio: peak.rendererMb / idle.rendererMb,
        target: 'no tab crash',
      },
      {
        name: "import: peak JS heap of the page's main thread while the worker reads it",
        value: round(peak.heapMb),
        unit: 'MB',
        baseline: { name: 'the same page before the import', value: round(idle.heapMb) },
        ratio: peak.heapMb / idle.heapMb,
      },
      {
        name: `import: ${LONG_ROWS}-row workbook without photos read in Chromium's worker (readClassList)`,
        value: Math.round(long.readMs),
        unit: 'ms',
        baseline: {
          name: "exceljs's bare xlsx.load of the same file on the page",
          value: Math.round(long.rawMs),
        },
        ratio: long.readMs / long.rawMs,
        target: '≤ 3000 ms',
      },
    ]
  } finally {
    server?.close()
    await browser.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

interface BenchWindow {
  importBench: {
    parse(
      url: string,
    ): Promise<{ ms: number; readMs: number; rows: number; photos: number; problems: string[] }>
    rawLoad(url: string): Promise<{ ms: number }>
  }
}

/** One sheet per class (20 classes of 25), a title row, each row with its own embedded photo. */
async function classWorkbook(): Promise<{ bytes: Buffer; photoKb: number }> {
  const photos = await Promise.all(Array.from({ length: DISTINCT_PHOTOS }, (_, seed) => facePhoto(seed)))
  const book = new ExcelJS.Workbook()
  const perClass = 25
  for (let index = 0; index < ROWS; index += 1) {
    const label = `${5 + Math.floor(index / perClass / 4)}-${'ABCD'[Math.floor(index / perClass) % 4]}`
    const sheet = book.getWorksheet(label) ?? addClassSheet(book, label)
    const row = sheet.addRow([
      index + 1,
      `Familiya${index}`,
      `Ism${index}`,
      'Otasining',
      index % 2 ? 'Ayol' : 'Erkak',
      '+998901234567',
    ])
    const photo = photos[index % DISTINCT_PHOTOS] as Buffer
    const imageId = book.addImage({ buffer: photo as unknown as ExcelJS.Buffer, extension: 'jpeg' })
    sheet.addImage(imageId, { tl: { col: 6, row: row.number - 1 }, ext: { width: 60, height: 80 } })
  }
  const bytes = Buffer.from(await book.xlsx.writeBuffer())
  const photoKb = Math.round(photos.reduce((sum, photo) => sum + photo.length, 0) / DISTINCT_PHOTOS / 1024)
  return { bytes, photoKb }
}

/** One class sheet of LONG_ROWS students, no photos: what makes reading rows, not pictures, the cost. */
async function longWorkbook(): Promise<Buffer> {
  const book = new ExcelJS.Workbook()
  const sheet = addClassSheet(book, '5-A')
  for (let index = 0; index < LONG_ROWS; index += 1) {
    sheet.addRow([index + 1, `Familiya${index}`, `Ism${index}`, 'Otasining', index % 2 ? 'Ayol' : 'Erkak'])
  }
  return Buffer.from(await book.xlsx.writeBuffer())
}

/** The long workbook read by the page's importer, and loaded bare by exceljs, each on a fresh page. */
async function readLong(page: Page): Promise<{ readMs: number; rawMs: number }> {
  await page.reload()
  await page.waitForFunction(() => 'importBench' in window)
  const raw = await page.evaluate(
    (url) => (window as unknown as BenchWindow).importBench.rawLoad(url),
    '/uzun.xlsx',
  )
  await page.reload()
  await page.waitForFunction(() => 'importBench' in window)
  const parsed = await page.evaluate(
    (url) => (window as unknown as BenchWindow).importBench.parse(url),
    '/uzun.xlsx',
  )
  if (parsed.rows !== LONG_ROWS) throw new Error(`the long workbook read as ${parsed.rows} rows`)
  return { readMs: parsed.readMs, rawMs: raw.ms }
}

function addClassSheet(book: ExcelJS.Workbook, label: string): ExcelJS.Worksheet {
  const sheet = book.addWorksheet(label)
  sheet.addRow([`${label} sinf o'quvchilari`])
  sheet.addRow(HEADER)
  return sheet
}

/** A 480×640 JPEG of about 60 KB: grain keeps the encoder from squeezing it as small as a flat colour. */
async function facePhoto(seed: number): Promise<Buffer> {
  const noise = { type: 'gaussian' as const, mean: 90 + seed * 4, sigma: 30 }
  return sharp({ create: { width: 480, height: 640, channels: 3, background: '#000', noise } })
    .blur(0.8)
    .jpeg({ quality: 85 })
    .toBuffer()
}

async function buildPage(dir: string): Promise<void> {
  writeFileSync(join(dir, 'main.js'), `import ${JSON.stringify(PAGE)}\n`)
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html><html><body><script type="module" src="./main.js"></script></body></html>',
  )
  await build({
    root: dir,
    configFile: false,
    logLevel: 'warn',
    // the app's own worker settings (vite's defaults), so the figure is for what ships
    build: { outDir: join(dir, 'dist'), emptyOutDir: true, minify: true },
  })
}

function serve(root: string): Promise<Server> {
  const files = new Map<string, string>()
  const walk = (folder: string, prefix: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(folder, entry.name), `${prefix}${entry.name}/`)
      else files.set(`/${prefix}${entry.name}`, join(folder, entry.name))
    }
  }
  walk(root, '')
  const server = createServer((request, response) => {
    const path = files.get((request.url ?? '/').split('?')[0] as string)
    if (!path) return void response.writeHead(404).end()
    response.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' })
    response.end(readFileSync(path))
  })
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)))
}

interface MemorySample {
  rendererMb: number
  heapMb: number
}

/**
 * Samples every 100 ms: the resident memory of Chromium's renderer processes (the tab: its page and the
 * worker, which runs in the same process), read from /proc, and the page's JS heap from the DevTools
 * protocol (JSHeapUsedSize; the worker's heap is not in it, which is the point: the page stays light).
 */
async function memorySampler(page: Page) {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Performance.enable')
  const sample = async (): Promise<MemorySample> => {
    const { metrics } = await cdp.send('Performance.getMetrics')
    const heap = metrics.find((metric) => metric.name === 'JSHeapUsedSize')?.value ?? 0
    return { rendererMb: rendererRssKb() / 1024, heapMb: heap / 1024 ** 2 }
  }
  let peak: MemorySample = { rendererMb: 0, heapMb: 0 }
  let timer: NodeJS.Timeout | undefined
  const take = async () => {
    const now = await sample()
    peak = {
      rendererMb: Math.max(peak.rendererMb, now.rendererMb),
      heapMb: Math.max(peak.heapMb, now.heapMb),
    }
  }
  return {
    sample,
    start() {
      peak = { rendererMb: 0, heapMb: 0 }
      timer = setInterval(() => void take().catch(() => {}), 100)
    },
    async stop(): Promise<MemorySample> {
      clearInterval(timer)
      await take()
      return peak
    },
  }
}

// Only this benchmark's browser runs renderers with --headless and our profile; other helpers' browsers may
// run too, so the renderers counted are the children of the browser launched here (the newest one).
let browserPid: number | undefined
function rendererRssKb(): number {
  browserPid ??= newestBrowserPid()
  let total = 0
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8')
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8')
      if (!cmdline.includes('--type=renderer')) continue
      if (!isDescendant(Number(pid), browserPid)) continue
      total += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0)
    } catch {
      // the process ended between listing and reading
    }
  }
  return total
}

function newestBrowserPid(): number {
  let newest = { pid: 0, start: -1 }
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8')
      if (!cmdline.startsWith('/usr/lib/chromium/chromium') || cmdline.includes('--type=')) continue
      if (parentOf(Number(pid)) !== process.pid) continue
      const start = Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ')[19] ?? 0)
      if (start > newest.start) newest = { pid: Number(pid), start }
    } catch {
      // gone
    }
  }
  if (newest.pid === 0) throw new Error('the benchmark browser process was not found')
  return newest.pid
}

function isDescendant(pid: number, ancestor: number): boolean {
  for (let current = pid; current > 1; current = parentOf(current)) if (current === ancestor) return true
  return false
}

function parentOf(pid: number): number {
  try {
    return Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ')[1] ?? 0)
  } catch {
    return 0
  }
}

function round(value: number): number {
  return Math.round(value * 10) / 10
}
