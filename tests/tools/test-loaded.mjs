// `npm run test:loaded`: the test suite beside a CPU hog, as CI runs it on a busy machine. The hog is
// two child processes spinning on both cores; it is stopped however the run ends (pass, fail, Ctrl-C),
// and vitest's exit code is passed through. Arguments go to `vitest run` (a file or folder narrows it).
import { spawn } from 'node:child_process'

// one per core of the 2-core CI machine
const HOGS = 2
const spin = 'for(;;){Math.sqrt(Math.random())}'

const hogs = Array.from({ length: HOGS }, () => spawn(process.execPath, ['-e', spin], { stdio: 'ignore' }))

function stopHogs() {
  for (const hog of hogs) if (hog.exitCode === null && hog.signalCode === null) hog.kill('SIGKILL')
}
process.on('exit', stopHogs)

const started = Date.now()
const vitest = spawn('npx', ['vitest', 'run', ...process.argv.slice(2)], { stdio: 'inherit' })
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    vitest.kill(signal)
    stopHogs()
  })
}
vitest.on('exit', (code, signal) => {
  stopHogs()
  const seconds = Math.round((Date.now() - started) / 1000)
  console.log(
    `test:loaded: vitest ${signal ? `stopped by ${signal}` : `exited ${code}`} after ${seconds} s beside ${HOGS} busy processes`,
  )
  process.exit(code ?? 1)
})
