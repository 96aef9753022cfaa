import { build, type Metafile } from 'esbuild'
import { describe, expect, it } from 'vitest'
import { REPO_ROOT } from '../../helpers/proxy-process'

/** Packages that cost the start time or memory and that no first request needs. */
const LOADED_ON_FIRST_USE = [
  'sharp',
  'exceljs',
  'undici',
  'fast-xml-parser',
  '@peculiar/x509',
  '@peculiar/asn1-schema',
  '@peculiar/asn1-x509',
  'selfsigned',
  'qrcode',
]

/** The packages the proxy's entry reaches through static imports alone, as `npm start` loads it. */
async function packagesLoadedAtStart(): Promise<string[]> {
  const result = await build({
    absWorkingDir: REPO_ROOT,
    entryPoints: ['proxy/start.ts'],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    packages: 'external',
    metafile: true,
    logLevel: 'silent',
    outdir: 'unused',
  })
  const inputs: Metafile['inputs'] = result.metafile.inputs
  const packages = new Set<string>()
  const seen = new Set<string>()
  const visit = (path: string) => {
    if (seen.has(path)) return
    seen.add(path)
    for (const imported of inputs[path]?.imports ?? []) {
      if (imported.kind === 'dynamic-import') continue
      if (imported.external) packages.add(packageOf(imported.path))
      else visit(imported.path)
    }
  }
  visit('proxy/start.ts')
  return [...packages]
}

/** `@scope/name/sub` → `@scope/name`, `name/sub` → `name`, `node:fs` stays as it is. */
function packageOf(specifier: string): string {
  const parts = specifier.split('/')
  return parts.slice(0, specifier.startsWith('@') ? 2 : 1).join('/')
}

describe('the proxy at start', () => {
  it('loads sharp, exceljs, undici, the XML parser, the certificate toolkit and qrcode only when first used', async () => {
    const atStart = await packagesLoadedAtStart()
    expect(atStart).toContain('better-sqlite3')
    expect(atStart.filter((name) => LOADED_ON_FIRST_USE.includes(name))).toEqual([])
  })
})
