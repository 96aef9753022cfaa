import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { REPO_ROOT } from '../../helpers/proxy-process'

const CODE_CACHE = pathToFileURL(join(REPO_ROOT, 'proxy', 'code-cache.cjs')).href

/**
 * A bundle as proxy/bundle.cjs writes one (a function of CommonJS's module variables) that answers `value`,
 * ending with the build line when `build` is given.
 */
function writeBundle(dir: string, value: string, build?: string): string {
  const file = join(dir, 'proxy.cjs')
  // enough functions that V8 has compiled code worth keeping
  const helpers = Array.from({ length: 50 }, (_, i) => `function f${i}(x) { return x + ${i} }`).join('\n')
  const body = `(function (exports, require, module, __filename, __dirname) {${helpers}
exports.value = () => ${JSON.stringify(value)} + f1(0) + require('node:path').sep
})
`
  writeFileSync(file, build ? `${body}// build ${build}\n` : body)
  return file
}

/** Runs the bundle in a fresh process, as the launcher does, and keeps its compiled code. */
function run(file: string, flags: string[] = []): { value: string; usedCache: boolean } {
  const script = `
    import { runBundle } from ${JSON.stringify(CODE_CACHE)}
    const bundle = runBundle(${JSON.stringify(file)})
    const value = bundle.exports.value()
    bundle.keepCompiledCode()
    process.stdout.write(JSON.stringify({ value, usedCache: bundle.usedCache }))
  `
  const child = spawnSync(process.execPath, [...flags, '--input-type=module', '-e', script], {
    encoding: 'utf8',
    timeout: 60_000,
  })
  if (child.status !== 0) throw new Error(child.stderr)
  return JSON.parse(child.stdout) as { value: string; usedCache: boolean }
}

const caches = (dir: string) => readdirSync(dir).filter((name) => name.endsWith('.v8cache'))

describe('the proxy bundle runs from the code an earlier start compiled', () => {
  it('keeps the compiled code at the first run and uses it at the next', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sr-code-cache-'))
    const file = writeBundle(dir, 'first', 'aaaaaaaaaaaaaaaa')
    expect(run(file)).toEqual({ value: 'first1/', usedCache: false })
    expect(caches(dir)).toEqual([expect.stringMatching(/^code-aaaaaaaaaaaaaaaa-[0-9a-f]{8}\.v8cache$/)])
    expect(run(file)).toEqual({ value: 'first1/', usedCache: true })
  })

  it('never uses the code of another build, even one of the same length', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sr-code-cache-'))
    const file = writeBundle(dir, 'one', 'aaaaaaaaaaaaaaaa')
    run(file)
    writeBundle(dir, 'two', 'bbbbbbbbbbbbbbbb')
    expect(run(file)).toEqual({ value: 'two1/', usedCache: false })
    expect(run(file)).toEqual({ value: 'two1/', usedCache: true })
  })

  it('a damaged cache is refused, the bundle runs as written, and the cache is made again', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sr-code-cache-'))
    const file = writeBundle(dir, 'sound', 'cccccccccccccccc')
    run(file)
    const [cache] = caches(dir)
    writeFileSync(join(dir, cache as string), 'not compiled code at all')
    expect(run(file)).toEqual({ value: 'sound1/', usedCache: false })
    expect(run(file)).toEqual({ value: 'sound1/', usedCache: true })
  })

  it('keeps one cache per way of starting: other V8 flags do not replace the usual start’s', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sr-code-cache-'))
    const file = writeBundle(dir, 'flags', 'dddddddddddddddd')
    run(file)
    expect(run(file, ['--max-semi-space-size=2'])).toEqual({ value: 'flags1/', usedCache: false })
    expect(run(file)).toEqual({ value: 'flags1/', usedCache: true })
    expect(run(file, ['--max-semi-space-size=2'])).toEqual({ value: 'flags1/', usedCache: true })
    expect(caches(dir)).toHaveLength(2)
  })

  it('a bundle that names no build runs without a cache and leaves none', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sr-code-cache-'))
    const file = writeBundle(dir, 'plain')
    expect(run(file)).toEqual({ value: 'plain1/', usedCache: false })
    expect(run(file)).toEqual({ value: 'plain1/', usedCache: false })
    expect(caches(dir)).toEqual([])
  })
})
