/** One measured figure. `ratio` compares `value` with `baseline`, both measured in the same run. */
export interface BenchRow {
  name: string
  value: number
  unit: string
  baseline?: { name: string; value: number }
  ratio?: number
  /** what the figure should stay within, in words, e.g. "≤ 1.5 s" */
  target?: string
}

/** A benchmark module: `tests/bench/<area>.ts` exports this, and `run.ts` lists it. */
export interface BenchModule {
  bench(): Promise<BenchRow[]>
}
