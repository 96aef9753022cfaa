import type { Plugin } from 'vite'

export interface BuildProgress {
  /** the vite plugin that counts the app's modules and notes each phase */
  plugin: Plugin
  /** stops the ticker; the last line says how long the build took */
  done(): void
}

/**
 * A build of the app takes half a minute on a small school server: a line every few seconds says it is
 * still going (modules read so far, the phase, the seconds gone), so a person does not think it hung.
 */
export function buildProgress(
  write: (line: string) => void,
  options: { everyMs?: number; now?: () => number } = {},
): BuildProgress {
  const now = options.now ?? Date.now
  const started = now()
  let modules = 0
  let phase = 'reading the sources'
  const seconds = () => Math.round((now() - started) / 1000)
  const line = () => write(`  … ${phase}: ${modules} modules, ${seconds()} s\n`)
  const ticker = setInterval(line, options.everyMs ?? 3_000)
  const enter = (next: string) => {
    phase = next
    line()
  }
  return {
    plugin: {
      name: 'sr-build-progress',
      apply: 'build',
      transform() {
        modules++
        return null
      },
      renderStart: () => enter('bundling'),
      writeBundle: () => enter('writing the files and the offline cache'),
    },
    done() {
      clearInterval(ticker)
      write(`  The app is built (${modules} modules, ${seconds()} s).\n`)
    },
  }
}
