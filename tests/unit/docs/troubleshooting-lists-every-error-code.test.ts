import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { ERROR_CODES, ERROR_STATUS } from '../../../shared/errors'

const DOC = readFileSync(new URL('../../../docs/troubleshooting.md', import.meta.url), 'utf8')

/** `### \`code\` — HTTP 409` headings → the text under each, up to the next heading. */
function sections(markdown: string): Map<string, { status: number; body: string }> {
  const found = new Map<string, { status: number; body: string }>()
  const parts = markdown.split(/^### /m).slice(1)
  for (const part of parts) {
    const heading = /^`([a-z_]+)` — HTTP (\d{3})\n/.exec(part)
    if (!heading) throw new Error(`a heading that is not "\`code\` — HTTP nnn": ${part.split('\n')[0]}`)
    found.set(heading[1] as string, { status: Number(heading[2]), body: part.slice(heading[0].length) })
  }
  return found
}

describe('docs/troubleshooting.md', () => {
  const documented = sections(DOC)

  it('has a section for every error code of shared/errors.ts, and none for codes that do not exist', () => {
    expect([...documented.keys()].sort()).toEqual([...ERROR_CODES].sort())
  })

  it('gives each code the HTTP status the proxy answers it with', () => {
    for (const code of ERROR_CODES) expect(documented.get(code)?.status, code).toBe(ERROR_STATUS[code])
  })

  it('says what it means and what to do in Uzbek, Russian and English', () => {
    const todo = { uz: '*Nima qilish kerak:*', ru: '*Что делать:*', en: '*What to do:*' }
    for (const [code, { body }] of documented) {
      const items = body
        .split(/^- /m)
        .slice(1)
        .map((text) => text.replace(/\s+/g, ' '))
      for (const [lang, marker] of Object.entries(todo)) {
        const item = items.find((text) => text.startsWith(`**${lang}:** `))
        expect(item, `${code} has no ${lang} item`).toBeDefined()
        expect(item, `${code} in ${lang} says what to do`).toContain(marker)
      }
    }
  })
})
