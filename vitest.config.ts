import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'

// Three kinds of test, one runner: fast unit tests, integration tests that start real processes and
// speak real HTTP, and end-to-end tests in real Chromium (one at a time: they share the machine's 2 cores).
export default defineConfig({
  plugins: [vue()],
  test: {
    // CI reads the counts from the JSON report; people read the default one.
    reporters: process.env.SR_VITEST_JSON ? ['default', 'json'] : ['default'],
    outputFile: process.env.SR_VITEST_JSON ? { json: process.env.SR_VITEST_JSON } : {},
    // Most integration files wait on child processes and simulated device latency, not on the CPU: four
    // workers on a 2-core machine cut the whole run from ~10.5 to ~8 minutes (e2e files still run one by one).
    maxWorkers: 4,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
          // many unit tests speak real HTTP to the simulated terminals and backend: beside a CPU hog they
          // need more than vitest's 5 s default; they wait for conditions, so a quiet machine is not slowed
          testTimeout: 30_000,
          hookTimeout: 30_000,
          expect: { poll: { timeout: 15_000 } },
          setupFiles: ['tests/setup/indexeddb.ts', 'tests/setup/patient-wait.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          // polls wait on real processes and devices; a busy 2-core machine needs more than the 1 s default
          expect: { poll: { timeout: 30_000 } },
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          expect: { poll: { timeout: 30_000 } },
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 180_000,
          pool: 'forks',
          fileParallelism: false,
        },
      },
    ],
  },
})
