import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'
import { listSpecs } from './scripts/lib/specs.mjs'

// Tests import workspace packages from source, so they need no build.
const src = (path: string) => fileURLToPath(new URL(`./packages/${path}`, import.meta.url))
const alias = [
  ...['stackone', 'brevo', 'sunshine', 'mews', 'node'].map((api) => ({ find: `@parley/sdk/${api}`, replacement: src(`sdk/src/${api}.ts`) })),
  { find: /^@parley\/sdk$/, replacement: src('sdk/src/index.ts') },
  { find: /^@parley\/testing$/, replacement: src('testing/src/index.ts') },
  { find: /^@parley\/testing\/vitest$/, replacement: src('testing/src/vitest.ts') },
  ...listSpecs().map((s) => ({ find: new RegExp(`^${s.packageName}$`), replacement: src(`${s.name}/src/index.ts`) })),
  ...listSpecs().map((s) => ({ find: new RegExp(`^${s.packageName}/webhooks$`), replacement: src(`${s.name}/src/webhooks.ts`) })),
]

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'suite',
          include: ['packages/*/test/**/*.test.ts', 'test/**/*.test.ts', 'scripts/test/**/*.test.ts', 'examples/**/*.test.ts'],
          exclude: ['test/coverage.test.ts', '**/*.proof.test.ts', '**/node_modules/**'],
          globalSetup: ['test/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 120_000,
          sequence: { groupOrder: 0 },
        },
      },
      {
        // Timing proofs (a budget kept against a strict local server, across processes) run after the rest: the CPU
        // the suite keeps busy could delay one request past the limiter's margin and fail a correct limiter.
        resolve: { alias },
        test: {
          name: 'proofs',
          include: ['packages/*/test/**/*.proof.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          sequence: { groupOrder: 1 },
        },
      },
      {
        // Runs after every other test: checks that each operation of each spec got a contract test.
        test: {
          name: 'coverage',
          include: ['test/coverage.test.ts'],
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
})
