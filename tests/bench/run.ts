import { mkdirSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, platform, release, totalmem } from 'node:os'
import { fileURLToPath } from 'node:url'
import type { BenchModule, BenchRow } from './row'

/** Every benchmark module; add a line for a new `tests/bench/<area>.ts`. */
const MODULES: Record<string, () => Promise<BenchModule>> = {
  startup: () => import('./startup'),
  images: () => import('./images'),
  outbox: () => import('./outbox'),
  'isapi-requests': () => import('./isapi-requests'),
  registration: () => import('./registration'),
  'device-status': () => import('./device-status'),
  clone: () => import('./clone'),
  'offline-sync': () => import('./offline-sync'),
  'import-workbook': () => import('./import-workbook'),
  students: () => import('./students'),
}

const REPORT = fileURLToPath(new URL('../../docs/benchmarks.md', import.meta.url))

interface Section {
  module: string
  rows: BenchRow[]
  error?: string
}

/**
 * `npm run bench [-- module ...]`: runs the modules one after another (they share the machine), prints one
 * table, and when all of them ran writes docs/benchmarks.md with the machine the figures come from.
 */
async function main(): Promise<void> {
  const wanted = process.argv.slice(2)
  const unknown = wanted.filter((name) => !(name in MODULES))
  if (unknown.length > 0) {
    process.stderr.write(
      `Unknown benchmark module(s): ${unknown.join(', ')}; known: ${Object.keys(MODULES).join(', ')}\n`,
    )
    process.exit(1)
  }
  const names = wanted.length > 0 ? wanted : Object.keys(MODULES)
  const sections: Section[] = []
  for (const name of names) {
    process.stderr.write(`running ${name}…\n`)
    try {
      const module = await (MODULES[name] as () => Promise<BenchModule>)()
      sections.push({ module: name, rows: await module.bench() })
    } catch (error) {
      sections.push({ module: name, rows: [], error: String((error as Error).stack ?? error) })
    }
  }
  const table = renderTable(sections)
  process.stdout.write(`\n${machineLine()}\n\n${table}\n`)
  for (const failed of sections.filter((s) => s.error))
    process.stderr.write(`\n${failed.module} failed:\n${failed.error}\n`)
  if (wanted.length === 0) {
    mkdirSync(fileURLToPath(new URL('../../docs', import.meta.url)), { recursive: true })
    writeFileSync(REPORT, renderReport(table))
    process.stdout.write(`\nwrote ${REPORT}\n`)
  }
  if (sections.some((s) => s.error)) process.exitCode = 1
}

export function machineLine(): string {
  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU'
  const memory = (totalmem() / 1024 ** 3).toFixed(1)
  // Other work on the machine slows every figure; the ratios against same-run baselines hold up better.
  const load = loadavg()[0]?.toFixed(1)
  return `Machine: ${cpu}, ${cpus().length} cores, ${memory} GiB RAM, ${platform()} ${release()}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}, load average ${load}`
}

export function renderTable(sections: Section[]): string {
  const lines = [
    '| benchmark | value | baseline (same run) | ratio | target |',
    '| --- | ---: | --- | ---: | --- |',
  ]
  for (const section of sections) {
    if (section.error) lines.push(`| ${section.module} | failed | | | |`)
    for (const row of section.rows) {
      const baseline = row.baseline ? `${row.baseline.name}: ${format(row.baseline.value)} ${row.unit}` : ''
      const ratio = row.ratio === undefined ? '' : `${row.ratio.toFixed(2)}×`
      lines.push(
        `| ${row.name} | ${format(row.value)} ${row.unit} | ${baseline} | ${ratio} | ${row.target ?? ''} |`,
      )
    }
  }
  return lines.join('\n')
}

function format(value: number): string {
  if (Number.isInteger(value)) return String(value)
  return Math.abs(value) >= 100 ? value.toFixed(0) : value.toFixed(Math.abs(value) >= 10 ? 1 : 2)
}

function renderReport(table: string): string {
  return `# Benchmarks

Produced by \`npm run bench\` (tests/bench/run.ts); every ratio compares with a baseline measured in the same run.

${machineLine()}

${table}
`
}

await main()
