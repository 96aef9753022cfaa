// `npm test`'s last step: the browser tests run beside the unit and integration tests, as two vitest runs
// at once. In one run, vitest puts a project whose files go one at a time (e2e: one Chromium at a time) in
// a group of its own, after every other project has finished; yet most unit and integration files wait on
// child processes and simulated device latency, and the browser files can use that time. Together they
// took ~13 minutes one after the other on the 2-core CI machine.
//
// When SR_VITEST_JSON names a report (CI reads its counts), each run writes its own and the two are merged
// into that file; a run that wrote none counts as a failed file. Arguments (a file or folder) run plain
// `vitest run` with them instead, as before.
import { spawn } from 'node:child_process'
import { readFileSync, rmSync, writeFileSync } from 'node:fs'

const SUITES = [
  { name: 'e2e', args: ['--project', 'e2e'] },
  // half the config's four workers: on the 2-core machine the browser run, one file after another, is the
  // longer of the two, and more workers beside it only slow it down
  { name: 'unit-integration', args: ['--project', 'unit', '--project', 'integration', '--maxWorkers', '2'] },
]

const report = process.env.SR_VITEST_JSON
const extra = process.argv.slice(2)
const runs = extra.length > 0 ? [{ name: 'all', args: extra }] : SUITES

const children = runs.map((run) => {
  const env = { ...process.env }
  if (report) env.SR_VITEST_JSON = reportOf(run)
  const child = spawn('npx', ['vitest', 'run', ...run.args], { stdio: 'inherit', env })
  return {
    run,
    exited: new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)))),
    child,
  }
})
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    for (const { child } of children) child.kill(signal)
  })
}

const codes = await Promise.all(children.map(({ exited }) => exited))
if (report) mergeReports(report)
process.exit(codes.some((code) => code !== 0) ? 1 : 0)

function reportOf(run) {
  return runs.length === 1 ? report : report.replace(/(\.json)?$/, `.${run.name}.json`)
}

/** Sums the counts of each run's JSON report into one, in vitest's own format; a missing one is a failure. */
function mergeReports(into) {
  if (runs.length === 1) return
  const merged = { numFailedTestSuites: 0, success: true, testResults: [] }
  for (const run of runs) {
    const file = reportOf(run)
    let part
    try {
      part = JSON.parse(readFileSync(file, 'utf8'))
    } catch {
      console.error(`run-suites: the ${run.name} run wrote no report (${file})`)
      merged.numFailedTestSuites += 1
      merged.success = false
      continue
    }
    for (const [key, value] of Object.entries(part)) {
      if (key.startsWith('num') && typeof value === 'number') merged[key] = (merged[key] ?? 0) + value
    }
    merged.startTime = Math.min(merged.startTime ?? Infinity, part.startTime ?? Infinity)
    merged.success &&= part.success === true
    merged.testResults.push(...(part.testResults ?? []))
    rmSync(file, { force: true })
  }
  writeFileSync(into, JSON.stringify(merged))
}
