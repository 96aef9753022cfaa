/*
 * Writes docs/api.md from the shared zod schemas and the route table:
 *   node --import tsx tests/tools/gen-api-docs.ts
 */
import { writeFileSync } from 'node:fs'
import { renderApiDoc } from './api-docs/render'

const target = new URL('../../docs/api.md', import.meta.url)
writeFileSync(target, renderApiDoc())
process.stdout.write(`wrote ${target.pathname}\n`)
