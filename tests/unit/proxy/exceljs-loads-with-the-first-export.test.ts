import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { REPO_ROOT } from '../../helpers/proxy-process'

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return sources(path)
    return entry.name.endsWith('.ts') ? [path] : []
  })
}

describe('exceljs on the proxy', () => {
  it('is never imported at module load: only `await import()` inside the export, so start-up stays light', () => {
    const files = sources(join(REPO_ROOT, 'proxy'))
    const staticImports = files.filter((file) =>
      /^\s*import\s+(?!type\s)[^(]*from\s+['"]exceljs['"]/m.test(readFileSync(file, 'utf8')),
    )
    const lazy = files.filter((file) => readFileSync(file, 'utf8').includes("await import('exceljs')"))
    expect(staticImports).toEqual([])
    expect(lazy.map((file) => file.slice(REPO_ROOT.length))).toContain('proxy/domain/students/export-xlsx.ts')
  })
})
