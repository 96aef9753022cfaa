import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { REPO_ROOT } from '../helpers/proxy-process'
import type { OpName } from '../sim/terminal/routes'

/** A simulated terminal running in a process of its own, as a real one runs on hardware of its own. */
export interface TerminalProcess {
  host: string
  port: number
  username: string
  password: string
  close(): Promise<void>
}

const READY = /^terminal .* at http:\/\/([\d.]+):(\d+) {2}login (\S+) \/ (\S+)/m

/**
 * Starts one terminal with tests/sim/terminal/cli.ts on a free loopback port. A benchmark that drives the
 * app's own code in this process (the draft sender, IndexedDB) would otherwise hold up the terminal's
 * answers whenever that code is busy, which no real terminal suffers.
 */
export async function startTerminalProcess(
  latency: Partial<Record<OpName | 'default', number>>,
): Promise<TerminalProcess> {
  const spec = Object.entries(latency)
    .map(([op, ms]) => `${op}=${ms}`)
    .join(',')
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'tests/sim/terminal/cli.ts', '--port', '0', '--latency', spec],
    { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  )
  let output = ''
  child.stdout.setEncoding('utf8')
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk))
  const exited = once(child, 'exit')
  const match = await new Promise<RegExpExecArray>((resolve, reject) => {
    child.stdout.on('data', (chunk: string) => {
      output += chunk
      const found = READY.exec(output)
      if (found) resolve(found)
    })
    void exited.then(() => reject(new Error(`the simulated terminal exited:\n${output}`)))
  })
  const [, host, port, username, password] = match
  return {
    host: host as string,
    port: Number(port),
    username: username as string,
    password: password as string,
    async close() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM')
        await exited
      }
    },
  }
}
