import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

const read = (path: string) => readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8')

/** Every SR_* name proxy/config.ts reads, as it spells them in its source. */
function parsedVariables(): string[] {
  const source = read('proxy/config.ts')
  return [...new Set([...source.matchAll(/\bSR_[A-Z_]+\b/g)].map((match) => match[0]))].sort()
}

/** The names in the first column of the configuration table of docs/operations.md. */
function documentedVariables(): string[] {
  const doc = read('docs/operations.md')
  const table = doc.slice(doc.indexOf('## Configuration'), doc.indexOf('## Trusting'))
  return [...table.matchAll(/^\| `(SR_[A-Z_]+)` \|/gm)].map((match) => match[1] as string).sort()
}

describe('docs/operations.md', () => {
  it('has a row for every environment variable proxy/config.ts reads, and for no other', () => {
    expect(documentedVariables()).toEqual(parsedVariables())
  })

  it('states the defaults proxy/config.ts falls back to', () => {
    const doc = read('docs/operations.md')
    const source = read('proxy/config.ts')
    for (const [, name, fallback] of source.matchAll(/read\('(SR_[A-Z_]+)', [^,]+, '([^' ]+)'\)/g)) {
      const row = new RegExp(`^\\| \`${name}\` \\|.*\\| \`${fallback}\` \\|$`, 'm')
      expect(doc, `${name} defaults to ${fallback}`).toMatch(row)
    }
  })
})
