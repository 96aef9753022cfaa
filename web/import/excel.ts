import type * as ExcelJS from 'exceljs'

export type Excel = typeof ExcelJS

let loading: Promise<Excel> | undefined

/**
 * exceljs, loaded on first use. Its browser bundle (~1 MB) is the build that runs in a worker and in Node
 * alike, and as a dynamic import it lands in its own chunk, never in the home page's bundle.
 */
export function loadExcel(): Promise<Excel> {
  loading ??= import('exceljs/dist/exceljs.min.js').then((module) => {
    const loaded = module as unknown as { default?: Excel } & Excel
    return loaded.default ?? loaded
  })
  return loading
}
