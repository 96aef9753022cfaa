import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { appIsStale } from '../../../proxy/bundle.cjs'

function project() {
  const root = mkdtempSync(join(tmpdir(), 'sr-start-'))
  mkdirSync(join(root, 'web', 'pages'), { recursive: true })
  mkdirSync(join(root, 'dist'))
  const at = (path: string, seconds: number) => utimesSync(join(root, path), seconds, seconds)
  writeFileSync(join(root, 'web', 'pages', 'Enroll.vue'), '<template/>')
  writeFileSync(join(root, 'index.html'), '<html>')
  at('web/pages/Enroll.vue', 1000)
  at('web/pages', 1000)
  at('web', 1000)
  at('index.html', 1000)
  return { root, at }
}

describe('npm start rebuilds the app only when it must', () => {
  it('builds when dist/ has no index.html', () => {
    expect(appIsStale(project().root)).toBe(true)
  })

  it('keeps a build newer than every source', () => {
    const { root, at } = project()
    writeFileSync(join(root, 'dist', 'index.html'), '<html>')
    at('dist/index.html', 2000)
    expect(appIsStale(root)).toBe(false)
  })

  it('rebuilds when a file deep in web/ changed after the build', () => {
    const { root, at } = project()
    writeFileSync(join(root, 'dist', 'index.html'), '<html>')
    at('dist/index.html', 2000)
    at('web/pages/Enroll.vue', 3000)
    expect(appIsStale(root)).toBe(true)
  })

  it('rebuilds when shared/ changed after the build', () => {
    const { root, at } = project()
    writeFileSync(join(root, 'dist', 'index.html'), '<html>')
    at('dist/index.html', 2000)
    mkdirSync(join(root, 'shared'))
    writeFileSync(join(root, 'shared', 'errors.ts'), '')
    at('shared/errors.ts', 3000)
    at('shared', 1000)
    expect(appIsStale(root)).toBe(true)
  })
})
