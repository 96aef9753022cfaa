export declare function isCodeCacheOf(name: string, build: string): boolean

export interface RunningBundle {
  exports: Record<string, unknown>
  /** true when V8 took the compiled code of an earlier run */
  usedCache: boolean
  keepCompiledCode(): void
}

export declare function runBundle(file: string): RunningBundle
