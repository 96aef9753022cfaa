import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildAppInChild } from '../../../proxy/build-app'

/** A project whose "vite" records which process ran it and what it was asked, then exits as told. */
function project(exitCode: number) {
  const root = mkdtempSync(join(tmpdir(), 'sr-build-'))
  mkdirSync(join(root, 'node_modules', 'vite', 'bin'), { recursive: true })
  writeFileSync(
    join(root, 'node_modules', 'vite', 'bin', 'vite.js'),
    `const fs = require('node:fs')
fs.writeFileSync('ran.json', JSON.stringify({ pid: process.pid, args: process.argv.slice(2), cwd: process.cwd() }))
if (${exitCode} !== 0) console.error('\\n[vite] Could not resolve "./missing"')
process.exit(${exitCode})
`,
  )
  return root
}

describe('npm start builds a stale app', () => {
  it(
    'in a child process, which takes the build memory with it when it ends',
    { timeout: 60_000 },
    async () => {
      const root = project(0)
      await buildAppInChild(root)
      const ran = JSON.parse(readFileSync(join(root, 'ran.json'), 'utf8')) as {
        pid: number
        args: string[]
        cwd: string
      }
      expect(ran.pid).not.toBe(process.pid)
      expect(ran.args).toEqual(['build', '--logLevel', 'warn'])
      expect(ran.cwd).toBe(root)
    },
  )

  it('reports a failed build by its first error line', { timeout: 60_000 }, async () => {
    await expect(buildAppInChild(project(1))).rejects.toThrow('[vite] Could not resolve "./missing"')
  })
})
