import { spawn } from 'node:child_process'
import { join } from 'node:path'

/**
 * Builds the PWA with Vite in a child process. Built inside the proxy, Vite, Rollup and the whole module
 * graph stayed in the proxy's memory for the rest of its run (about 540 MB); a child gives all of it back
 * when it exits. Resolves when the build is done; rejects with the build's first error line.
 */
export function buildAppInChild(root: string): Promise<void> {
  const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js')
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
      cwd: root,
      // the build says every few seconds how far it is (vite.config.ts), so a long one never looks hung
      env: { ...process.env, SR_BUILD_PROGRESS: '1' },
      stdio: ['ignore', 'inherit', 'pipe'],
    })
    let errors = ''
    child.stderr.on('data', (chunk: Buffer) => {
      process.stderr.write(chunk)
      if (errors.length < 10_000) errors += chunk.toString('utf8')
    })
    child.once('error', reject)
    child.once('exit', (code, signal) => {
      if (code === 0) return resolve()
      const first = errors.split('\n').find((line) => line.trim() !== '')
      reject(new Error(first ?? `vite build ended with ${signal ?? `exit code ${code}`}`))
    })
  })
}
