import { spawnSync } from 'node:child_process'
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { BUNDLE_ENTRY, bundleIsStale } from '../../../proxy/bundle.cjs'
import { REPO_ROOT } from '../../helpers/proxy-process'

/** A project with a proxy source, a shared source and (optionally) a bundle, all at chosen times. */
function project(bundleAt?: number) {
  const root = mkdtempSync(join(tmpdir(), 'sr-bundle-'))
  mkdirSync(join(root, 'proxy', 'http'), { recursive: true })
  mkdirSync(join(root, 'shared'))
  const at = (path: string, seconds: number) => utimesSync(join(root, path), seconds, seconds)
  const write = (path: string, text: string, seconds: number) => {
    writeFileSync(join(root, path), text)
    at(path, seconds)
  }
  write('proxy/http/app.ts', 'export {}', 1000)
  write('shared/errors.ts', 'export {}', 1000)
  write('package.json', '{}', 1000)
  for (const dir of ['proxy/http', 'proxy', 'shared']) at(dir, 1000)
  if (bundleAt !== undefined) {
    mkdirSync(join(root, 'dist-proxy'))
    write(`dist-proxy/${BUNDLE_ENTRY}`, '', bundleAt)
  }
  return { root, write }
}

describe('npm start bundles the proxy only when it must', () => {
  it('bundles when there is no bundle', () => {
    expect(bundleIsStale(project().root)).toBe(true)
  })

  it('keeps a bundle newer than every source', () => {
    expect(bundleIsStale(project(2000).root)).toBe(false)
  })

  it.each(['proxy/http/app.ts', 'shared/errors.ts', 'package.json'])(
    'bundles again when %s changed after the bundle',
    (path) => {
      const { root, write } = project(2000)
      write(path, 'export const changed = 1', 3000)
      expect(bundleIsStale(root)).toBe(true)
    },
  )

  it('bundles again when the installed packages changed (package-lock.json)', () => {
    const { root, write } = project(2000)
    write('package-lock.json', '{}', 3000)
    expect(bundleIsStale(root)).toBe(true)
  })
})

/**
 * The launcher `npm start` runs, in a small project of its own: its proxy/start.ts only prints, so what is
 * tested is the launcher: bundle when stale, run the bundle without a TypeScript loader, fail in one line.
 */
function launcherProject() {
  const root = mkdtempSync(join(tmpdir(), 'sr-launch-'))
  mkdirSync(join(root, 'proxy'))
  for (const file of ['launch.cjs', 'bundle.cjs', 'code-cache.cjs'])
    copyFileSync(join(REPO_ROOT, 'proxy', file), join(root, 'proxy', file))
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(root, 'node_modules'))
  const source = (text: string) => writeFileSync(join(root, 'proxy', 'start.ts'), text)
  const startTs = (line: string) =>
    source(
      `const line: string = ${JSON.stringify(line)}\nexport async function start(): Promise<void> {\n  process.stdout.write(line + ' ' + String(process.execArgv.length) + '\\n')\n}\n`,
    )
  const launch = () => {
    const run = spawnSync(process.execPath, ['proxy/launch.cjs'], {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
    })
    return { status: run.status, stdout: run.stdout, stderr: run.stderr }
  }
  return { root, startTs, source, launch }
}

describe('the npm start launcher', () => {
  it('bundles a missing proxy bundle, then runs it with plain node (no loader flags)', () => {
    const { root, startTs, launch } = launcherProject()
    startTs('proxy ran')
    const run = launch()
    expect(run.status, run.stderr).toBe(0)
    expect(run.stdout).toContain('Building the proxy (dist-proxy/ is missing or older than its sources)')
    expect(run.stdout).toContain('proxy ran 0\n')
    expect(existsSync(join(root, 'dist-proxy', BUNDLE_ENTRY))).toBe(true)
  }, 60_000)

  it('runs an up-to-date bundle without building, and bundles again after a source changed', () => {
    const { root, startTs, launch } = launcherProject()
    startTs('first')
    expect(launch().stdout).toContain('first 0')
    const again = launch()
    expect(again.stdout).not.toContain('Building the proxy')
    expect(again.stdout).toContain('first 0')
    startTs('second')
    const later = Date.now() / 1000 + 5
    utimesSync(join(root, 'proxy', 'start.ts'), later, later)
    const rebuilt = launch()
    expect(rebuilt.stdout).toContain('Building the proxy')
    expect(rebuilt.stdout).toContain('second 0')
  }, 60_000)

  it('a new build removes the compiled code kept for earlier builds', () => {
    const { root, startTs, launch } = launcherProject()
    startTs('first')
    launch()
    const earlier = join(root, 'dist-proxy', 'code-0123456789abcdef-01234567.v8cache')
    writeFileSync(earlier, 'compiled code of an earlier build')
    startTs('second')
    const later = Date.now() / 1000 + 5
    utimesSync(join(root, 'proxy', 'start.ts'), later, later)
    expect(launch().stdout).toContain('second 0')
    expect(existsSync(earlier)).toBe(false)
  }, 60_000)

  it('a proxy that does not compile: one line on stderr and exit code 1', () => {
    const { source, launch } = launcherProject()
    source('export async function start( {\n')
    const run = launch()
    expect(run.status).toBe(1)
    const lines = run.stderr.trim().split('\n')
    expect(lines, run.stderr).toHaveLength(1)
    expect(lines[0]).toMatch(/^Cannot build the proxy: /)
  }, 60_000)
})

describe('npm start with a bad setting', () => {
  it('says which one in one line and exits 1, before building the app', () => {
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
      scripts: { start: string }
    }
    const [command, ...args] = pkg.scripts.start.split(' ')
    expect(command).toBe('node')
    const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('SR_')))
    const run = spawnSync(process.execPath, args, {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      timeout: 120_000,
      env: { ...env, SR_PORT: 'not-a-port', SR_DATA_DIR: mkdtempSync(join(tmpdir(), 'sr-bad-env-')) },
    })
    expect(run.status, run.stderr).toBe(1)
    const lines = run.stderr.trim().split('\n')
    expect(lines, run.stderr).toHaveLength(1)
    expect(lines[0]).toMatch(/^Configuration error: .*SR_PORT/)
    expect(run.stdout).not.toContain('Building the app')
  }, 120_000)
})

describe('the bundled proxy leaves out zod’s translated messages', () => {
  it('no proxy or shared source uses zod’s locales (they are empty in the bundle)', () => {
    const sources = ['proxy', 'shared'].flatMap((dir) =>
      readdirSync(join(REPO_ROOT, dir), { recursive: true, encoding: 'utf8' })
        .filter((file) => /\.(ts|mts|mjs|js)$/.test(file))
        .map((file) => join(dir, file)),
    )
    const users = sources.filter((file) =>
      /\bz\.locales\b|\bzod\/(v4\/)?locales\b|\bzod\/v4\/core\/locales\b/.test(
        readFileSync(join(REPO_ROOT, file), 'utf8'),
      ),
    )
    expect(users).toEqual([])
  })
})
